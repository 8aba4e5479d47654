/**
 * The section page's feedback as one list of items (threads and suggestions), with the
 * margin's filters and sort orders, and the reducer that applies what the server answered
 * to an action. Pure; unit-tested.
 */
import { textFingerprint } from '@/lib/anchoring/fingerprint';
import { resolveAnchor } from '@/lib/anchoring/text-quote';
import { compareReading, readingKey, type ReadingKey } from '@/lib/feedback/reading-order';
import { isSuggestionShown, isThreadShown } from '@/lib/feedback/shown';
import type { AnchorLocation, CommentDto, SectionFeedbackData, SuggestionDto } from '@/lib/feedback/types';

/** The section's feedback as the server read it, with the fingerprint of the text its anchors were placed in. */
export type FeedbackData = SectionFeedbackData;

/** The rest of a busy section's feedback, as the server answered for it. */
export type LaterPage = Pick<SectionFeedbackData, 'textFingerprint' | 'comments' | 'suggestions'>;

/** What happened to the margin's feedback: a fresh read, or the server's answer to one action. */
export type FeedbackEvent =
  | { type: 'loaded'; data: FeedbackData }
  | { type: 'later-loaded'; after: ReadingKey; page: LaterPage }
  | { type: 'comment-posted'; comment: CommentDto }
  | { type: 'reply-posted'; threadId: string; reply: CommentDto }
  | { type: 'comment-changed'; comment: CommentDto }
  | { type: 'suggestion-posted'; suggestion: SuggestionDto }
  | { type: 'suggestion-changed'; suggestion: SuggestionDto }
  | { type: 'agreement-changed'; kind: 'comment' | 'suggestion'; id: string; agreeCount: number; agreed: boolean };

/**
 * The margin's state after `event`. What the server would no longer show (a withdrawn
 * thread without live replies, a withdrawn suggestion) leaves by the server's own rules
 * (lib/feedback/shown.ts). Posting twice (a resend answered with the first) adds once.
 */
export function feedbackReducer(state: FeedbackData, event: FeedbackEvent): FeedbackData {
  switch (event.type) {
    case 'loaded':
      return event.data;
    case 'later-loaded':
      return withLater(state, event.after, event.page);
    case 'comment-posted':
      return state.comments.some((thread) => thread.id === event.comment.id) ? state : { ...state, comments: [...state.comments, event.comment] };
    case 'reply-posted':
      return {
        ...state,
        comments: state.comments.map((thread) =>
          thread.id === event.threadId && !thread.replies.some((reply) => reply.id === event.reply.id) ? { ...thread, replies: [...thread.replies, event.reply] } : thread,
        ),
      };
    case 'comment-changed': {
      const { comment } = event;
      const changed = comment.parentId
        ? state.comments.map((thread) =>
            thread.id === comment.parentId ? { ...thread, replies: thread.replies.map((reply) => (reply.id === comment.id ? comment : reply)) } : thread,
          )
        : state.comments.map((thread) => (thread.id === comment.id ? comment : thread));
      return { ...state, comments: changed.filter(isThreadShown) };
    }
    case 'suggestion-posted':
      return state.suggestions.some((suggestion) => suggestion.id === event.suggestion.id) ? state : { ...state, suggestions: [...state.suggestions, event.suggestion] };
    case 'suggestion-changed':
      return {
        ...state,
        suggestions: state.suggestions.map((suggestion) => (suggestion.id === event.suggestion.id ? event.suggestion : suggestion)).filter(isSuggestionShown),
      };
    case 'agreement-changed': {
      const update = <T extends { id: string; agreeCount: number; agreedByMe: boolean }>(item: T): T =>
        item.id === event.id ? { ...item, agreeCount: event.agreeCount, agreedByMe: event.agreed } : item;
      return event.kind === 'comment'
        ? { ...state, comments: state.comments.map((thread) => ({ ...update(thread), replies: thread.replies.map(update) })) }
        : { ...state, suggestions: state.suggestions.map(update) };
    }
  }
}

/**
 * The margin with the rest of a busy section's feedback added: what is here already (perhaps
 * changed by an action meanwhile) stays as it is. Ignored when it answers for another first
 * screen (a fresh read replaced it). When the rest was placed in another text than the first
 * screen (someone edited in between), no fingerprint matches and the page places every
 * anchor again in the text it shows.
 */
function withLater(state: FeedbackData, after: ReadingKey, page: LaterPage): FeedbackData {
  if (!state.later || compareReading(state.later.after, after) !== 0) return state;
  const threads = new Set(state.comments.map((thread) => thread.id));
  const suggestions = new Set(state.suggestions.map((suggestion) => suggestion.id));
  return {
    ...state,
    textFingerprint: page.textFingerprint === state.textFingerprint ? state.textFingerprint : '',
    comments: [...state.comments, ...page.comments.filter((thread) => !threads.has(thread.id))],
    suggestions: [...state.suggestions, ...page.suggestions.filter((suggestion) => !suggestions.has(suggestion.id))],
    later: null,
  };
}

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
const readingKeyOf = (item: FeedbackItem, locations: Map<string, AnchorLocation | null>) =>
  readingKey(item.kind === 'comment' ? item.thread : item.suggestion, locations.get(item.key));
const createdAt = (item: FeedbackItem) => (item.kind === 'comment' ? item.thread.createdAt : item.suggestion.createdAt);

/**
 * Where each item's passage is in `text` (the text as the page shows it now; null before the
 * page is drawn). When that is the text the server placed the anchors in (its fingerprint is
 * `placedIn`), its locations stand; otherwise (the live editor changed the text since) every
 * anchor is placed again.
 */
export function locateItems(items: FeedbackItem[], text: string | null, placedIn: string): Map<string, AnchorLocation | null> {
  const fresh = text !== null && textFingerprint(text) !== placedIn;
  const locations = new Map<string, AnchorLocation | null>();
  for (const item of items) {
    const anchor = item.kind === 'comment' ? item.thread.anchor : item.suggestion.anchor;
    const server = item.kind === 'comment' ? item.thread.location : item.suggestion.location;
    if (!anchor || !server) {
      locations.set(item.key, null);
    } else if (!fresh) {
      locations.set(item.key, server);
    } else {
      const found = resolveAnchor(text!, anchor);
      locations.set(item.key, { status: found.status, start: found.start, end: found.end });
    }
  }
  return locations;
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
  const byPosition = (a: FeedbackItem, b: FeedbackItem) => compareReading(readingKeyOf(a, locations), readingKeyOf(b, locations));
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
