/** Shared display formatting (server and client). */
import type { Phase } from '@/lib/generated/prisma/enums';

export const phaseLabels: Record<Phase, string> = {
  DRAFTING: 'Drafting',
  OPEN: 'Open for comment',
  CLOSED: 'Closed',
  FINAL: 'Final',
};

// Formatters are made once: creating an Intl.DateTimeFormat costs ~90 µs, formatting with
// one ~2 µs, and a section page formats the time of every one of its (up to 1,000+) comments.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const relativeFormat = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  return dateFormat.format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  return dateTimeFormat.format(new Date(value)) + ' UTC';
}

/** "in 3 weeks", "in 2 days", "5 hours ago". */
export function relativeToNow(value: Date | string, now = Date.now()): string {
  const diff = new Date(value).getTime() - now;
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [unit, ms] of units) if (abs >= ms) return relativeFormat.format(Math.round(diff / ms), unit);
  return relativeFormat.format(Math.round(diff / 1000), 'second');
}

/** "3. Funding"; an untitled introduction (imported text before the first heading) reads "Introduction". */
export function sectionTitle(section: { number: string | null; heading: string }): string {
  if (!section.heading.trim() && !section.number) return 'Introduction';
  return section.number ? `${section.number}. ${section.heading}` : section.heading;
}

/** The start of `text`, cut at a word boundary with "…" when it is longer than `length`. */
export function excerptAtWord(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  // The cut falls between words when a space or punctuation comes next; otherwise back to the last space.
  const space = /[\s,;:.!?]/.test(flat[cut.length]) ? cut.length : cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
