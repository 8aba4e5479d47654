/**
 * Reading order: the order in which a section's margin lists its threads and suggestions
 * when sorted by position, written once for the server (which sends the first screen of a
 * busy section in this order and the rest after it) and the margin in the browser. Pure;
 * the browser imports it.
 */
import type { AnchorLocation } from '@/lib/feedback/types';

/**
 * How many threads and suggestions a section page sends with its first screen: several
 * screens' worth beside the text (a card is about 9rem tall), few enough that a section with
 * a thousand comments opens about as fast as a quiet one. The rest follows from the browser.
 */
export const FIRST_SCREEN_ITEMS = 40;

/** Where an item stands in reading order: its passage's start, then when it was written. */
export type ReadingKey = { position: number; createdAt: string; id: string };

/** Whole-section feedback first (-1), then by the passage's start, detached passages last. */
export function readingPosition(location: AnchorLocation | null | undefined): number {
  if (!location) return -1;
  return location.start ?? Number.MAX_SAFE_INTEGER;
}

export function readingKey(item: { id: string; createdAt: string }, location: AnchorLocation | null | undefined): ReadingKey {
  return { position: readingPosition(location), createdAt: item.createdAt, id: item.id };
}

/**
 * The address of the rest of a section's margin after `after` (GET, answered by
 * app/api/v1/sections/[id]/margin): the page names it in a preload hint so the browser
 * fetches it while the page's scripts load, and the margin asks for the same address.
 */
export function laterFeedbackUrl(sectionId: string, after: ReadingKey): string {
  const query = new URLSearchParams({ position: String(after.position), createdAt: after.createdAt, id: after.id });
  return `/api/v1/sections/${encodeURIComponent(sectionId)}/margin?${query}`;
}

export function compareReading(a: ReadingKey, b: ReadingKey): number {
  return a.position - b.position || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
