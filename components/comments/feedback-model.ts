/**
 * The section page's feedback as one list of items (threads and suggestions), with the
 * margin's filters and sort orders. Pure; unit-tested.
 */
import { resolveAnchor } from '@/lib/anchoring/text-quote';
import type { AnchorLocation, CommentDto, SuggestionDto } from '@/lib/feedback/types';

export type FeedbackItem = { kind: 'comment'; key: string; thread: CommentDto } | { kind: 'suggestion'; key: string; suggestion: SuggestionDto };

export type StatusFilter = 'open' | 'resolved' | 'all';
export type KindFilter = 'all' | 'comments' | 'suggestions';
export type SortOrder = 'position' | 'agreement' | 'newest';
export type Filters = { status: StatusFilter; kind: KindFilter; mine: boolean; sort: SortOrder };

export const defaultFilters: Filters = { status: 'open', kind: 'all', mine: false, sort: 'position' };

export const commentKey = (id: string) => `comment-${id}`;
export const suggestionKey = (id: string) => `suggestion-${id}`;

export function itemsOf(comments: CommentDto[], suggestions: SuggestionDto[]): FeedbackItem[] {
  return [
    ...comments.map((thread) => ({ kind: 'comment' as const, key: commentKey(thread.id), thread })),
    ...suggestions.map((suggestion) => ({ kind: 'suggestion' as const, key: suggestionKey(suggestion.id), suggestion })),
  ];
}

export function isOpen(item: FeedbackItem): boolean {
  return item.kind === 'comment' ? item.thread.status === 'OPEN' : item.suggestion.status === 'OPEN';
}

function isMine(item: FeedbackItem): boolean {
  return item.kind === 'comment' ? item.thread.mine || item.thread.replies.some((reply) => reply.mine) : item.suggestion.mine;
}

const agreeCount = (item: FeedbackItem) => (item.kind === 'comment' ? item.thread.agreeCount : item.suggestion.agreeCount);
const createdAt = (item: FeedbackItem) => (item.kind === 'comment' ? item.thread.createdAt : item.suggestion.createdAt);

/**
 * Where each item's passage is in `text` (the text as the page shows it now). When that is
 * the text the server placed the anchors in, its locations stand; otherwise (the live
 * editor changed the text since) every anchor is placed again.
 */
export function locateItems(items: FeedbackItem[], text: string, serverText: string): Map<string, AnchorLocation | null> {
  const fresh = text !== serverText;
  const locations = new Map<string, AnchorLocation | null>();
  for (const item of items) {
    const anchor = item.kind === 'comment' ? item.thread.anchor : item.suggestion.anchor;
    const server = item.kind === 'comment' ? item.thread.location : item.suggestion.location;
    if (!anchor || !server) {
      locations.set(item.key, null);
    } else if (!fresh) {
      locations.set(item.key, server);
    } else {
      const found = resolveAnchor(text, anchor);
      locations.set(item.key, { status: found.status, start: found.start, end: found.end });
    }
  }
  return locations;
}

/** Position in the text for sorting: whole-section feedback first, detached last. */
function position(location: AnchorLocation | null | undefined): number {
  if (!location) return -1;
  return location.start ?? Number.MAX_SAFE_INTEGER;
}

export function visibleItems(items: FeedbackItem[], filters: Filters, locations: Map<string, AnchorLocation | null>): FeedbackItem[] {
  const shown = items.filter((item) => {
    if (filters.kind === 'comments' && item.kind !== 'comment') return false;
    if (filters.kind === 'suggestions' && item.kind !== 'suggestion') return false;
    if (filters.status === 'open' && !isOpen(item)) return false;
    if (filters.status === 'resolved' && isOpen(item)) return false;
    if (filters.mine && !isMine(item)) return false;
    return true;
  });
  const byNewest = (a: FeedbackItem, b: FeedbackItem) => createdAt(b).localeCompare(createdAt(a));
  const byPosition = (a: FeedbackItem, b: FeedbackItem) => position(locations.get(a.key)) - position(locations.get(b.key)) || createdAt(a).localeCompare(createdAt(b));
  const sorters: Record<SortOrder, (a: FeedbackItem, b: FeedbackItem) => number> = {
    position: byPosition,
    agreement: (a, b) => agreeCount(b) - agreeCount(a) || byPosition(a, b),
    newest: byNewest,
  };
  return shown.sort(sorters[filters.sort]);
}

/** The items whose passage covers `offset`, nearest first. */
export function itemsAt(items: FeedbackItem[], locations: Map<string, AnchorLocation | null>, offset: number): FeedbackItem[] {
  return items
    .filter((item) => {
      const location = locations.get(item.key);
      return location && location.start !== null && location.end !== null && location.start <= offset && offset <= Math.max(location.end, location.start + 1);
    })
    .sort((a, b) => (locations.get(b.key)!.start ?? 0) - (locations.get(a.key)!.start ?? 0));
}
