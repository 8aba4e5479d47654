import type { ComponentPropsWithRef } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

const styles: Record<Variant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-dark border border-accent',
  secondary: 'bg-white text-ink hover:bg-stone-100 border border-line',
  danger: 'bg-white text-danger hover:bg-red-50 border border-danger',
  link: 'text-accent underline hover:text-accent-dark border border-transparent px-0',
};

export function buttonClass(variant: Variant = 'primary', extra = ''): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 disabled:cursor-not-allowed ${styles[variant]} ${extra}`;
}

export function Button({ variant = 'primary', className = '', type = 'button', ...props }: ComponentPropsWithRef<'button'> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
