'use client';

import './feedback.css';
import { useRouter } from 'next/navigation';
import { flushSync } from 'react-dom';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode, type RefObject } from 'react';
import { suggestionCardHtml, threadCardHtml } from '@/components/comments/card-html';
import { ComposerDialog, type ComposerRequest } from '@/components/comments/composer-dialog';
import { FeedbackFilters } from '@/components/comments/feedback-filters';
import {
  commentKey,
  defaultFilters,
  feedbackReducer,
  itemsAt,
  itemsOf,
  locateItems,
  suggestionKey,
  visibleItems,
  type FeedbackData,
  type FeedbackItem,
  type Filters,
} from '@/components/comments/feedback-model';
import { useLaterFeedback } from '@/components/comments/hooks/use-later-feedback';
import { useMarginLayout } from '@/components/comments/hooks/use-margin-layout';
import { usePassageHighlights } from '@/components/comments/hooks/use-passage-highlights';
import { useTextIndex } from '@/components/comments/hooks/use-text-index';
import { useTextSelection } from '@/components/comments/hooks/use-text-selection';
import { useHydrated, useWideScreen } from '@/components/comments/hooks/browser';
import { SuggestionCard } from '@/components/comments/suggestion-card';
import { offsetAtPoint, rangeOf } from '@/components/comments/text-index';
import { ThreadCard } from '@/components/comments/thread-card';
import type { FeedbackActions, FeedbackHandlers, Viewer } from '@/components/comments/types';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';
import type { AnchorLocation, CommentDto, SuggestionDto } from '@/lib/feedback/types';

export type { FeedbackData };

type Props = {
  sectionId: string;
  viewer: Viewer;
  /** Shown instead of the commenting controls when the viewer may not comment now. */
  closedMessage: string | null;
  initial: FeedbackData;
  actions: FeedbackActions;
  /** The section's text: the read-only view or the live editor. */
  children: ReactNode;
};

const excerpt = (text: string, length = 120) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * A section's text with its feedback: on wide screens the threads and suggestions sit in a
 * margin beside the passages they are about (aligned to them when sorted by position), on
 * phones in a list under the text. Passages are highlighted without changing the text's
 * DOM, so this works around the read-only view and the live editor alike.
 */
export function SectionFeedback({ sectionId, viewer, closedMessage, initial, actions, children }: Props) {
  const router = useRouter();
  const [data, dispatch] = useReducer(feedbackReducer, initial);
  // A fresh read from the server (the page's data again after router.refresh()) replaces the
  // margin's; not on mount, where it is the margin already and the rest may have come since.
  const applied = useRef(initial);
  useEffect(() => {
    if (applied.current === initial) return;
    applied.current = initial;
    dispatch({ type: 'loaded', data: initial });
  }, [initial]);

  // The text as the page shows it now, indexed for offsets; rebuilt when the DOM changes (live editing).
  const textRoot = useRef<HTMLDivElement>(null);
  const { index, indexRef } = useTextIndex(textRoot);
  const text = index?.text ?? null;

  // A busy section arrives with its first screen of threads; the rest follows at once.
  const later = useLaterFeedback(sectionId, data.later, dispatch);

  const items = useMemo(() => itemsOf(data.comments, data.suggestions), [data]);
  const locations = useMemo(() => locateItems(items, text, data.textFingerprint), [items, text, data.textFingerprint]);
  const [filters, setFilters] = useState<Filters>(defaultFilters);
  const visible = useMemo(() => visibleItems(items, filters, locations), [items, filters, locations]);
  const [active, setActive] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [composer, setComposer] = useState<ComposerRequest | null>(null);

  // ---- the selection in the text
  const { selection, clear: clearSelection } = useTextSelection(textRoot, indexRef);
  const selected = text !== null && selection && selection.end > selection.start ? text.slice(selection.start, selection.end) : '';
  useEffect(() => {
    if (!selected) return;
    const timer = setTimeout(() => setAnnouncement(`Selected: ${excerpt(selected, 80)}. Use "Comment on selection" or "Suggest an edit" beside the text.`), 700);
    return () => clearTimeout(timer);
  }, [selected]);

  // ---- the floating buttons next to a selection (for pointer users; the panel has the same buttons)
  const column = useRef<HTMLDivElement>(null);
  const [toolbar, setToolbar] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    if (!selected || !index || !column.current || composer) {
      setToolbar(null);
      return;
    }
    const rects = rangeOf(index, selection!.start, selection!.end)?.getClientRects();
    const last = rects?.[rects.length - 1];
    if (!last) return setToolbar(null);
    const box = column.current.getBoundingClientRect();
    setToolbar({ top: last.bottom - box.top + 6, left: Math.max(0, Math.min(last.left - box.left, box.width - 260)) });
  }, [selected, selection, index, composer]);

  // ---- highlighting passages (CSS Custom Highlight API; without it the margin still quotes each passage)
  const activeKey = hovered ?? active;
  usePassageHighlights({ index, visible, locations, activeKey, selection: composer?.selection ?? null });

  // ---- clicking a highlighted passage shows its feedback
  const onTextClick = (event: React.MouseEvent) => {
    if (!index || selected) return;
    const offset = offsetAtPoint(index, event.clientX, event.clientY);
    if (offset === null) return;
    const [hit] = itemsAt(visible, locations, offset);
    if (!hit) return;
    setActive(hit.key);
    // In the live editor, keep the cursor and the page where the person clicked to type.
    if ((event.target as HTMLElement).isContentEditable) return;
    const card = document.getElementById(hit.key);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card?.focus({ preventScroll: true });
  };
  // A link to one comment or suggestion (#comment-…): once the page runs in the browser, show it
  // (on a busy section, once the rest of the feedback is here if it is not on the first screen).
  const hydrated = useHydrated();
  const linkShown = useRef(false);
  useEffect(() => {
    const hash = window.location.hash.slice(1);
    if (!hydrated || linkShown.current || !(hash.startsWith('comment-') || hash.startsWith('suggestion-'))) return;
    const linked = items.find((item) => item.key === hash);
    if (!linked && data.later) return;
    linkShown.current = true;
    setActive(hash);
    // A link from the inbox to a decided suggestion or a resolved thread: show it, not an
    // empty "Open" margin.
    if (linked && (linked.kind === 'comment' ? linked.thread.status !== 'OPEN' : linked.suggestion.status !== 'OPEN')) {
      setFilters((current) => ({ ...current, status: 'all' }));
    }
    requestAnimationFrame(() => document.getElementById(hash)?.scrollIntoView({ block: 'center' }));
    // Once, for the address the page was opened with, when its card can be drawn.
  }, [hydrated, items, data.later]);

  // ---- the margin: aligned beside the passages on wide screens when sorted by position
  const wide = useWideScreen();
  const { list, registerCard } = useMarginLayout({ aligned: hydrated && wide && filters.sort === 'position', index, visible, locations, textRoot });

  // ---- handlers: call the server, then show the result without reloading the page
  const replaceComment = useCallback((comment: CommentDto) => dispatch({ type: 'comment-changed', comment }), []);
  const replaceSuggestion = useCallback((suggestion: SuggestionDto) => dispatch({ type: 'suggestion-changed', suggestion }), []);
  const after = useCallback(<T,>(result: ActionState<T>, apply: (data: T) => void, message?: string) => {
    if (result.ok && result.data !== undefined) {
      apply(result.data);
      if (message) setAnnouncement(message);
    }
    return result;
  }, []);

  const handlers = useMemo<FeedbackHandlers>(
    () => ({
      reply: async (threadId, body, clientKey) =>
        after(
          await actions.createCommentAction(sectionId, { body, parentId: threadId, clientKey }),
          (reply) => dispatch({ type: 'reply-posted', threadId, reply }),
          'Reply posted.',
        ),
      editComment: async (commentId, body) => after(await actions.updateCommentAction(commentId, { body }), replaceComment, 'Comment saved.'),
      withdrawComment: async (commentId) => after(await actions.withdrawCommentAction(commentId), replaceComment, 'Comment withdrawn.'),
      setThreadStatus: async (threadId, status) =>
        after(await actions.updateCommentAction(threadId, { status }), replaceComment, status === 'RESOLVED' ? 'Thread resolved.' : 'Thread reopened.'),
      setAgreement: async (kind, id, agreed) =>
        after(await actions.setAgreementAction(kind, id, agreed), (state) =>
          dispatch({ type: 'agreement-changed', kind, id, agreeCount: state.agreeCount, agreed: state.agreed }),
        ),
      acceptSuggestion: async (suggestionId, overrideOutdated) => {
        const result = after(await actions.acceptSuggestionAction(suggestionId, { overrideOutdated }), replaceSuggestion, 'Suggestion accepted: the text has changed.');
        if (result.ok) router.refresh();
        return result;
      },
      declineSuggestion: async (suggestionId, reason) => after(await actions.declineSuggestionAction(suggestionId, { reason }), replaceSuggestion, 'Suggestion declined.'),
      withdrawSuggestion: async (suggestionId) => after(await actions.withdrawSuggestionAction(suggestionId), replaceSuggestion, 'Suggestion withdrawn.'),
    }),
    [actions, after, replaceComment, replaceSuggestion, router, sectionId],
  );

  const showNew = (key: string, kind: 'comments' | 'suggestions') => {
    setActive(key);
    // Make sure the new item is not hidden by the filters.
    setFilters((current) => ({ ...current, status: current.status === 'resolved' ? 'open' : current.status, kind: current.kind === kind ? kind : 'all' }));
    window.getSelection()?.removeAllRanges();
    clearSelection();
    requestAnimationFrame(() => document.getElementById(key)?.scrollIntoView({ block: 'nearest' }));
  };

  // Coming back to the tab: fetch what others wrote meanwhile.
  useEffect(() => {
    const onVisible = async () => {
      if (document.visibilityState !== 'visible') return;
      const result = await actions.refreshFeedbackAction(sectionId);
      if (result.ok && result.data) dispatch({ type: 'loaded', data: result.data });
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [actions, sectionId]);

  // ---- keeping the person's place: an action that removes the focused control (a thread
  // resolved out of the "Open" filter, a withdrawn comment, a decided suggestion) must not
  // drop focus to <body>. Focus goes to the same card if it is still shown, else to the card
  // now in its place, else to the margin's heading.
  const lastFocus = useRef<{ element: HTMLElement; card: string | null; index: number } | null>(null);
  const noteFocus = (event: React.FocusEvent) => {
    const element = event.target as HTMLElement;
    // A card that turned into its React form on this focus has already moved the focus to the
    // same control in that form (noted by that focus event); this one is gone.
    if (!element.isConnected) return;
    const card = element.closest<HTMLElement>('[data-card]');
    const index = card ? [...(list.current?.children ?? [])].indexOf(card) : -1;
    lastFocus.current = { element, card: card?.id ?? null, index };
  };
  useEffect(() => {
    const last = lastFocus.current;
    if (!last || last.element.isConnected) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body) return;
    const cardsNow = [...(list.current?.children ?? [])] as HTMLElement[];
    const target =
      (last.card ? document.getElementById(last.card) : null) ??
      cardsNow[Math.min(last.index, cardsNow.length - 1)] ??
      document.getElementById('feedback-heading');
    target?.focus();
  }, [data, filters]);

  const openComposer = (kind: 'comment' | 'suggestion') => setComposer({ kind, selection });
  const keepSelection = (event: React.MouseEvent) => event.preventDefault();
  const total = items.length + (data.later?.count ?? 0);

  return (
    // Wide screens: the margin's heading, buttons and filters form a bar above text and cards
    // (the aside's children join this grid), so the cards start level with the text and each
    // sits beside its passage instead of a screenful below it.
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-x-8 lg:gap-y-5">
      <div ref={column} className="relative min-w-0 lg:col-start-1 lg:row-start-2">
        <div ref={textRoot} data-section-text onClick={onTextClick}>
          {children}
        </div>
        {toolbar && viewer.canComment ? (
          <div data-feedback-ignore className="absolute z-10 flex gap-1 rounded-md border border-line bg-white p-1 shadow-lg" style={{ top: toolbar.top, left: toolbar.left }}>
            <Button onMouseDown={keepSelection} onClick={() => openComposer('comment')}>Comment</Button>
            <Button variant="secondary" onMouseDown={keepSelection} onClick={() => openComposer('suggestion')}>Suggest an edit</Button>
          </div>
        ) : null}
      </div>
      <aside aria-labelledby="feedback-heading" onFocus={noteFocus} className="mt-10 flex min-w-0 flex-col gap-3 lg:contents">
        <div className="flex flex-col gap-3 lg:col-span-2 lg:row-start-1 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start lg:gap-x-8 lg:border-b lg:border-line lg:pb-4">
        <div className="flex flex-col gap-3">
        <h2 id="feedback-heading" tabIndex={-1} className="text-lg font-semibold">
          Comments and suggestions <span className="text-base font-normal text-muted">({total})</span>
        </h2>
        {viewer.canComment ? (
          <div className="rounded-lg border border-line bg-white p-3 shadow-sm">
            <p className="text-sm">
              {selected ? (
                <>Selected: <q className="font-serif">{excerpt(selected)}</q></>
              ) : (
                'Select words in the text to comment on them or to suggest new wording.'
              )}
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button onMouseDown={keepSelection} onClick={() => openComposer('comment')}>Comment on selection</Button>
              <Button variant="secondary" onMouseDown={keepSelection} onClick={() => openComposer('suggestion')}>Suggest an edit</Button>
              <Button variant="secondary" onClick={() => setComposer({ kind: 'comment', selection: null, whole: true })}>Comment on the whole section</Button>
            </div>
          </div>
        ) : closedMessage ? (
          <p className="rounded-lg border border-line bg-stone-100 p-3 text-sm">{closedMessage}</p>
        ) : null}
        </div>
        <FeedbackFilters filters={filters} onChange={setFilters} shown={visible.length} total={total} />
        </div>
        <div className="flex min-w-0 flex-col gap-3 lg:col-start-2 lg:row-start-2">
        <MarginList
          listRef={list}
          visible={visible}
          locations={locations}
          activeKey={activeKey}
          viewer={viewer}
          handlers={handlers}
          registerCard={registerCard}
          onActivate={setActive}
          onHover={setHovered}
        />
        {visible.length || data.later ? null : <p className="text-sm text-muted">{total ? 'Nothing matches these filters.' : 'No comments or suggestions yet.'}</p>}
        {data.later ? (
          <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <p role="status">
              {later.failed
                ? `The other ${data.later.count} comments and suggestions could not be loaded.`
                : `Loading ${data.later.count} more comments and suggestions…`}
            </p>
            {later.failed ? <Button variant="secondary" onClick={later.retry}>Try again</Button> : null}
          </div>
        ) : null}
        </div>
      </aside>
      <p role="status" aria-live="polite" className="sr-only">{announcement}</p>
      <ComposerDialog
        request={composer}
        text={text ?? ''}
        onClose={() => setComposer(null)}
        submitComment={async (input) =>
          after(await actions.createCommentAction(sectionId, input), (comment) => {
            dispatch({ type: 'comment-posted', comment });
            showNew(commentKey(comment.id), 'comments');
          }, 'Comment posted.')
        }
        submitSuggestion={async (input) =>
          after(await actions.createSuggestionAction(sectionId, input), (suggestion) => {
            dispatch({ type: 'suggestion-posted', suggestion });
            showNew(suggestionKey(suggestion.id), 'suggestions');
          }, 'Suggestion sent.')
        }
      />
    </div>
  );
}

type MarginListProps = {
  listRef: RefObject<HTMLOListElement | null>;
  visible: FeedbackItem[];
  locations: Map<string, AnchorLocation | null>;
  activeKey: string | null;
  viewer: Viewer;
  handlers: FeedbackHandlers;
  registerCard: (key: string, element: HTMLLIElement | null) => void;
  onActivate: (key: string) => void;
  onHover: (key: string | null) => void;
};

/**
 * The cards, in the margin's order; a memoised list so that selecting text does not re-render it.
 * The page's own items (a busy section's first screen) are drawn on the server too, so they
 * are there before the scripts run; the rest are drawn in the browser when they arrive.
 */
const MarginList = memo(function MarginList({ listRef, visible, locations, activeKey, viewer, handlers, registerCard, onActivate, onHover }: MarginListProps) {
  return (
    <ol ref={listRef} aria-label="Feedback on this section" className="relative flex flex-col gap-3" hidden={!visible.length}>
      {visible.map((item) => (
        <MarginCard
          key={item.key}
          item={item}
          status={locations.get(item.key)?.status ?? null}
          active={activeKey === item.key}
          viewer={viewer}
          handlers={handlers}
          registerCard={registerCard}
          onActivate={onActivate}
          onHover={onHover}
        />
      ))}
    </ol>
  );
});

/** The controls of a card, in document order: the same in its string and its React form. */
const CONTROLS = 'a[href], button, input, textarea';

type MarginCardProps = {
  item: FeedbackItem;
  status: AnchorLocation['status'] | null;
  active: boolean;
  viewer: Viewer;
  handlers: FeedbackHandlers;
  registerCard: (key: string, element: HTMLLIElement | null) => void;
  onActivate: (key: string) => void;
  onHover: (key: string | null) => void;
};

/**
 * One card. It starts as its markup written as a string (components/comments/card-html.ts):
 * a thousand cards of a busy section are then a thousand elements for React, not thirty
 * thousand. When someone reaches it (the pointer comes over it, the focus moves into it, or
 * a click arrives first, as from a screen reader's browse mode) it becomes ThreadCard or
 * SuggestionCard, which render the same markup, and the control that was focused or clicked
 * is focused or clicked again in its new form.
 */
const MarginCard = memo(function MarginCard({ item, status, active, viewer, handlers, registerCard, onActivate, onHover }: MarginCardProps) {
  const [live, setLive] = useState(false);
  const element = useRef<HTMLLIElement | null>(null);
  // Written again only when this card's own comment or suggestion changed (the margin's items
  // are new wrappers whenever any of them changes).
  const thread = item.kind === 'comment' ? item.thread : null;
  const suggestion = item.kind === 'suggestion' ? item.suggestion : null;
  const html = useMemo(
    () => (live ? null : thread ? threadCardHtml(thread, status, viewer) : suggestionCardHtml(suggestion!, status, viewer)),
    [live, thread, suggestion, status, viewer],
  );
  /**
   * Turns the card into its React form; `control` (in the string form) is focused again in
   * the new one, and clicked again when `click`.
   */
  const wake = (control: Element | null, click: boolean) => {
    const li = element.current;
    if (live || !li) return;
    const index = control && li.contains(control) ? [...li.querySelectorAll(CONTROLS)].indexOf(control) : -1;
    flushSync(() => setLive(true));
    if (index < 0) return;
    const again = li.querySelectorAll<HTMLElement>(CONTROLS)[index];
    again?.focus();
    if (click) again?.click();
  };
  const controlOf = (event: React.SyntheticEvent) => (event.target as Element).closest?.(CONTROLS) ?? null;
  // Focus that reached a control before the page's scripts ran: the card wakes as soon as it
  // is drawn, and the same control in its React form gets the focus before anything is painted.
  const refocus = useRef(-1);
  useLayoutEffect(() => {
    const li = element.current;
    const focused = document.activeElement;
    if (!li || !focused || focused === li || !li.contains(focused)) return;
    refocus.current = [...li.querySelectorAll(CONTROLS)].indexOf(focused);
    setLive(true);
  }, []);
  useLayoutEffect(() => {
    if (!live || refocus.current < 0) return;
    element.current?.querySelectorAll<HTMLElement>(CONTROLS)[refocus.current]?.focus();
    refocus.current = -1;
  }, [live]);
  const key = item.key;
  return (
    <li
      id={key}
      data-card
      tabIndex={-1}
      ref={(li) => {
        element.current = li;
        registerCard(key, li);
      }}
      onFocus={(event) => {
        onActivate(key);
        // From the keyboard (or a screen reader's focus): wake keeping the focus. A mouse press
        // focuses without :focus-visible; its click (below) wakes the card and is replayed.
        const control = controlOf(event);
        if (control?.matches(':focus-visible')) wake(control, false);
      }}
      // The pointer coming over the card (a mouse, or a finger before it touches down): wake
      // before any press lands. Not while a button is held: that would end a selection being
      // dragged across the card.
      onPointerEnter={(event) => event.buttons === 0 && wake(null, false)}
      // A click that reaches the string form first (a mouse already resting over the card, a
      // screen reader's browse mode): wake, then click the same control. A link in a comment's
      // text works as it is.
      onClickCapture={(event) => {
        const control = controlOf(event);
        if (!control?.matches('a[href]')) wake(control, true);
      }}
      onMouseEnter={() => onHover(key)}
      onMouseLeave={() => onHover(null)}
      className={`flex flex-col gap-2 rounded-lg border bg-white p-3 shadow-sm outline-offset-2 ${active ? 'border-accent ring-2 ring-accent/40' : 'border-line'}`}
      dangerouslySetInnerHTML={html === null ? undefined : { __html: html }}
    >
      {html !== null ? null : item.kind === 'comment' ? (
        <ThreadCard thread={item.thread} status={status} viewer={viewer} handlers={handlers} />
      ) : (
        <SuggestionCard suggestion={item.suggestion} status={status} viewer={viewer} handlers={handlers} />
      )}
    </li>
  );
});
