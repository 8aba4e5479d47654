import type { HTMLAttributes } from 'react';

const tones = { plain: 'border-line bg-white', highlight: 'border-accent bg-white', muted: 'border-line bg-stone-50' } as const;

export const cardClass = (tone: keyof typeof tones = 'plain') => `rounded-lg border p-4 shadow-sm ${tones[tone]}`;

/** A bordered panel: a section of a page, a piece of feedback, a form group. */
export function Card({ tone = 'plain', className = '', ...props }: { tone?: keyof typeof tones } & HTMLAttributes<HTMLDivElement>) {
  return <div className={`${cardClass(tone)} ${className}`.trim()} {...props} />;
}
