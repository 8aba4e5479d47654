import type { ComponentPropsWithRef, MouseEvent } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

const styles: Record<Variant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-dark border border-accent shadow-sm',
  secondary: 'bg-white text-ink hover:bg-stone-100 border border-line',
  danger: 'bg-white text-danger hover:bg-red-50 border border-danger',
  link: 'text-accent underline underline-offset-2 hover:text-accent-dark border border-transparent px-0',
};

export function buttonClass(variant: Variant = 'primary', extra = ''): string {
  return `inline-flex min-h-9 items-center justify-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 disabled:cursor-not-allowed aria-disabled:opacity-60 aria-disabled:cursor-progress ${styles[variant]} ${extra}`;
}

type Props = ComponentPropsWithRef<'button'> & {
  variant?: Variant;
  /**
   * The action is running. Unlike `disabled`, the button keeps keyboard focus (a disabled
   * button drops it to <body>, losing the person's place); clicks are ignored meanwhile.
   */
  busy?: boolean;
};

export function Button({ variant = 'primary', className = '', type = 'button', busy = false, onClick, ...props }: Props) {
  // No handler of our own unless busy: server components render this button too, and may
  // not pass functions to the page.
  const click = busy ? (event: MouseEvent<HTMLButtonElement>) => event.preventDefault() : onClick;
  return <button type={type} className={buttonClass(variant, className)} aria-disabled={busy || undefined} onClick={click} {...props} />;
}
