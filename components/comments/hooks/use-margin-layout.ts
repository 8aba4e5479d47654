import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { FeedbackItem } from '@/components/comments/feedback-model';
import { isDetached, rangeOf, type TextIndex } from '@/components/comments/text-index';
import type { AnchorLocation } from '@/lib/feedback/types';

type Options = {
  /** Align the cards beside their passages (wide screens, sorted by position). */
  aligned: boolean;
  index: TextIndex | null;
  visible: FeedbackItem[];
  locations: Map<string, AnchorLocation | null>;
  textRoot: RefObject<HTMLElement | null>;
};

/** The space between two cards (the list's CSS gap, `gap-3`). */
const CARD_GAP = 12;

/**
 * Where each card of the margin sits: as close to the top of its passage as the card above
 * it allows (overlaps pushed down, as a document editor's margin does), recomputed when
 * the text or the margin changes size. Each card's extra space above it is written to the
 * card itself (its margin-top), not through React: a busy margin would otherwise render its
 * thousand cards a second time, just to move them. Unaligned (phones, other sort orders),
 * the cards stand one under the other with the list's gap.
 */
export function useMarginLayout({ aligned, index, visible, locations, textRoot }: Options) {
  const list = useRef<HTMLOListElement>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  const registerCard = useCallback((key: string, element: HTMLLIElement | null) => {
    if (element) cards.current.set(key, element);
    else cards.current.delete(key);
  }, []);
  const [layoutTick, setLayoutTick] = useState(0);
  // The sizes of the list and the text when the cards were last placed: a change of size
  // (a narrower window, the live editor's text reflowing) calls for placing them again, but
  // the list growing because cards were just placed does not. Measuring a thousand passages
  // costs ~50 ms, before the browser can paint.
  const placedAt = useRef(new Map<Element, { width: number; height: number }>());
  // Neither the list nor the text has padding or border, so these are the sizes ResizeObserver reports.
  const recordSizes = useCallback(() => {
    placedAt.current.clear();
    for (const element of [list.current, textRoot.current]) {
      if (!element) continue;
      const box = element.getBoundingClientRect();
      placedAt.current.set(element, { width: box.width, height: box.height });
    }
  }, [textRoot]);
  useEffect(() => {
    const observer = new ResizeObserver((entries) => {
      const moved = entries.some(({ target, contentRect }) => {
        const placed = placedAt.current.get(target);
        return !placed || Math.abs(placed.width - contentRect.width) > 0.5 || Math.abs(placed.height - contentRect.height) > 0.5;
      });
      if (moved) setLayoutTick((tick) => tick + 1);
    });
    if (list.current) observer.observe(list.current);
    if (textRoot.current) observer.observe(textRoot.current);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    if (!aligned || !index || !list.current) {
      for (const card of cards.current.values()) if (card.style.marginTop) card.style.marginTop = '';
      return;
    }
    // The text was just replaced and its new index is on its way (useTextIndex): the cards
    // stay where they are rather than stack up for a frame.
    if (isDetached(index)) return;
    const listTop = list.current!.getBoundingClientRect().top;
    // Measured first, then written: reading a size after a write would lay the page out again.
    const placed: [HTMLLIElement, number][] = [];
    // One range, moved from passage to passage (see rangeOf).
    const measure = document.createRange();
    let bottom = 0;
    for (const [i, item] of visible.entries()) {
      const card = cards.current.get(item.key);
      if (!card) continue;
      const gap = i === 0 ? 0 : CARD_GAP;
      let top = bottom + gap;
      const location = locations.get(item.key);
      if (location && location.start !== null && location.end !== null) {
        const rect = rangeOf(index!, location.start, location.end, measure)?.getClientRects()[0];
        if (rect) top = Math.max(top, rect.top - listTop);
      }
      // Half a pixel or less is not worth a margin of its own: the card stands at the gap.
      const extra = top - bottom - gap > 0.5 ? top - bottom - gap : 0;
      placed.push([card, extra]);
      bottom = bottom + gap + extra + card.offsetHeight;
    }
    for (const [card, extra] of placed) {
      const value = extra ? `${extra}px` : '';
      if (card.style.marginTop !== value) card.style.marginTop = value;
    }
    // The sizes as placed.
    recordSizes();
  }, [aligned, index, visible, locations, layoutTick]);
  return { list, registerCard };
}
