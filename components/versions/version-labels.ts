import type { VersionSource } from '@/lib/generated/prisma/enums';

/** How each kind of version reads in the history. */
export const versionSourceLabels: Record<VersionSource, string> = {
  IMPORT: 'Imported',
  EDIT: 'Edited',
  SUGGESTION: 'Suggestion accepted',
  RESTORE: 'Earlier version restored',
  QUOTE: 'Case study quoted',
};

export function authorNames(authors: { name: string }[]): string {
  if (!authors.length) return 'Chorus';
  if (authors.length === 1) return authors[0].name;
  return `${authors.slice(0, -1).map((author) => author.name).join(', ')} and ${authors[authors.length - 1].name}`;
}

// Made once (see lib/format.ts): a history page formats hundreds of version times.
const versionTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });

/** Versions can be seconds apart: their times show seconds. */
export function formatVersionTime(value: string): string {
  return `${versionTimeFormat.format(new Date(value))} UTC`;
}
