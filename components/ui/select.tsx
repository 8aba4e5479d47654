import type { ComponentPropsWithRef } from 'react';

export const selectClass = 'min-h-9 rounded-md border border-line bg-white px-2 py-1 text-sm aria-[invalid=true]:border-danger';

/** A native select in Chorus's look (the native control keeps keyboard and screen-reader behaviour). */
export function Select({ className = '', ...props }: ComponentPropsWithRef<'select'>) {
  return <select className={`${selectClass} ${className}`.trim()} {...props} />;
}
