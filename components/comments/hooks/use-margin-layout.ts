import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { FeedbackItem } from '@/components/comments/feedback-model';
import { rangeOf, type TextIndex } from '@/components/comments/text-index';
import type { AnchorLocation } from '@/lib/feedback/types';

type Options = {
  /** Align the cards beside their passages (wide screens, sorted by position). */
  aligned: boolean;
  index: TextIndex | null;
  visible: FeedbackItem[];
  locations: Map<string, AnchorLocation | null>;
  textRoot: RefObject<HTMLElement | null>;
};

/**
 * Where each card of the margin sits: as close to the top of its passage as the card above
 * it allows (overlaps pushed down, as a document editor's margin does), recomputed when
 * the text or the margin changes size. `offsets` is each card's gap above it.
 */
export function useMarginLayout({ aligned, index, visible, locations, textRoot }: Options) {
  const list = useRef<HTMLOListElement>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  const registerCard = useCallback((key: string, element: HTMLLIElement | null) => {
    if (element) cards.current.set(key, element);
    else cards.current.delete(key);
  }, []);
  const [offsets, setOffsets] = useState<Map<string, number>>(new Map());
  const [layoutTick, setLayoutTick] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(() => setLayoutTick((tick) => tick + 1));
    if (list.current) observer.observe(list.current);
    if (textRoot.current) observer.observe(textRoot.current);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    if (!aligned || !index || !list.current) {
      setOffsets((old) => (old.size ? new Map() : old));
      return;
    }
    const listTop = list.current!.getBoundingClientRect().top;
    const next = new Map<string, number>();
    // One range, moved from passage to passage (see rangeOf).
    const measure = document.createRange();
    let bottom = 0;
    for (const [i, item] of visible.entries()) {
      const card = cards.current.get(item.key);
      if (!card) continue;
      const gap = i === 0 ? 0 : 12;
      let top = bottom + gap;
      const location = locations.get(item.key);
      if (location && location.start !== null && location.end !== null) {
        const rect = rangeOf(index!, location.start, location.end, measure)?.getClientRects()[0];
        if (rect) top = Math.max(top, rect.top - listTop);
      }
      next.set(item.key, top - bottom);
      bottom = top + card.offsetHeight;
    }
    setOffsets((old) => {
      if (old.size === next.size && [...next].every(([key, value]) => Math.abs((old.get(key) ?? -1) - value) < 1)) return old;
      return next;
    });
  }, [aligned, index, visible, locations, layoutTick]);
  return { list, registerCard, offsets };
}
