import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

/** A labelled form field with an optional hint and error, wired up for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {hint ? <p id={`${id}-hint`} className="text-sm text-muted">{hint}</p> : null}
      {children}
      {error ? <p id={`${id}-error`} className="text-sm text-danger" role="alert">{error}</p> : null}
    </div>
  );
}

export const inputClass = 'w-full rounded-md border border-line bg-white px-3 py-2 text-base aria-[invalid=true]:border-danger';

export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={inputClass} {...props} />;
}

export function TextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={inputClass} {...props} />;
}
