/** Shared display formatting (server and client). */
import type { Phase } from '@/lib/generated/prisma/enums';

export const phaseLabels: Record<Phase, string> = {
  DRAFTING: 'Drafting',
  OPEN: 'Open for comment',
  CLOSED: 'Closed',
  FINAL: 'Final',
};

// Dates and times are shown in one fixed form, in UTC, as en-GB writes them ("3 March 2026";
// "3 Mar 2026, 14:05 UTC"; September is "Sept"), written here rather than by Intl: the first
// Intl.DateTimeFormat a browser tab makes costs it 20-30 ms (loading ICU's data), on the
// section page before it can hydrate, and formatting is then one function on server and
// browser alike. tests/unit/format.test.ts checks both against Intl over many dates.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatDate(value: Date | string | null | undefined): string {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getUTCDate()} ${SHORT_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}

// Made when first needed (see above), once.
let relativeFormat: Intl.RelativeTimeFormat | undefined;

/** "in 3 weeks", "in 2 days", "5 hours ago". */
export function relativeToNow(value: Date | string, now = Date.now()): string {
  const diff = new Date(value).getTime() - now;
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  relativeFormat ??= new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
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
