import type { ReactNode } from 'react';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'muted';

const tones: Record<Tone, string> = {
  neutral: 'border-line bg-stone-100 text-ink',
  info: 'border-accent/40 bg-sky-50 text-accent-dark',
  success: 'border-ok/50 bg-green-50 text-ink',
  warning: 'border-amber-400 bg-amber-50 text-ink',
  muted: 'border-line bg-stone-100 text-muted',
};

/** A short status label (a phase, a person's status, "Outdated"). Text, so it is read as it is shown. */
export function Badge({ tone = 'neutral', className = '', children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]} ${className}`.trim()}>{children}</span>;
}
