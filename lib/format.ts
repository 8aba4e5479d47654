/** Shared display formatting (server and client). */
import type { Phase } from '@/lib/generated/prisma/enums';

export const phaseLabels: Record<Phase, string> = {
  DRAFTING: 'Drafting',
  OPEN: 'Open for comment',
  CLOSED: 'Closed',
  FINAL: 'Final',
};

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(value)) + ' UTC';
}

/** "in 3 weeks", "in 2 days", "5 hours ago". */
export function relativeToNow(value: Date | string, now = Date.now()): string {
  const diff = new Date(value).getTime() - now;
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  const format = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
  for (const [unit, ms] of units) if (abs >= ms) return format.format(Math.round(diff / ms), unit);
  return format.format(Math.round(diff / 1000), 'second');
}

/** "3. Funding"; an untitled introduction (imported text before the first heading) reads "Introduction". */
export function sectionTitle(section: { number: string | null; heading: string }): string {
  if (!section.heading.trim() && !section.number) return 'Introduction';
  return section.number ? `${section.number}. ${section.heading}` : section.heading;
}
