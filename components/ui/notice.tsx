import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

const tones: Record<Tone, string> = {
  info: 'border-accent/40 bg-sky-50',
  success: 'border-ok/50 bg-green-50',
  warning: 'border-amber-400 bg-amber-50',
  error: 'border-danger bg-red-50 text-danger',
};

/** A boxed message. Live-region roles (status, alert) belong to the caller, which knows when it changes. */
export function Notice({ tone = 'info', className = '', children, ...props }: { tone?: Tone; className?: string; children: ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={`rounded-lg border p-3 text-sm ${tones[tone]} ${className}`} {...props}>
      {children}
    </div>
  );
}
