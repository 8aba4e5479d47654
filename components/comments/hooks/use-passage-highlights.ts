import { useEffect, useMemo, useState } from 'react';
import type { FeedbackItem } from '@/components/comments/feedback-model';
import { highlightApi } from '@/components/comments/hooks/browser';
import { rangeOf, type TextIndex } from '@/components/comments/text-index';
import type { AnchorLocation } from '@/lib/feedback/types';

const HIGHLIGHTS = ['chorus-comment', 'chorus-suggestion', 'chorus-active', 'chorus-selection'] as const;

/**
 * How far beyond the screen passages are highlighted, as a share of its height above and
 * below: far enough that scrolling shows them already marked.
 */
export const HIGHLIGHT_MARGIN = '50%';

type Options = {
  index: TextIndex | null;
  visible: FeedbackItem[];
  locations: Map<string, AnchorLocation | null>;
  activeKey: string | null;
  /** The passage a comment or suggestion is being written about. */
  selection: { start: number; end: number } | null;
};

/** A passage with feedback: where it is in the text, and the first and last block (paragraph) it touches. */
type Placed = { key: string; kind: FeedbackItem['kind']; start: number; end: number; first: number; last: number };

/** The block holding `offset` (binary search over the index's blocks, which are in text order). */
function blockAt(index: TextIndex, offset: number): number {
  let low = 0;
  let high = index.blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (index.blocks[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Highlights the passages feedback is about with the CSS Custom Highlight API, without
 * touching the text's DOM (so the read-only view and the live editor work alike). Without
 * the API, the margin still quotes each passage.
 *
 * Only the passages in the paragraphs on or near the screen are registered. The browser
 * re-checks every registered range whenever the text changes and repaints the text they
 * cover: with a thousand of them that was most of each frame while a drafter typed. An
 * IntersectionObserver on the paragraphs says which are near; scrolling registers others.
 * Only those passages get a DOM range at all: the browser updates every live range on each
 * change to the document, so a thousand of them made each keystroke slower too.
 */
export function usePassageHighlights({ index, visible, locations, activeKey, selection }: Options) {
  const placed = useMemo(() => {
    const all: Placed[] = [];
    if (!index || !index.blocks.length) return all;
    for (const item of visible) {
      const location = locations.get(item.key);
      if (!location || location.start === null || location.end === null) continue;
      all.push({ key: item.key, kind: item.kind, start: location.start, end: location.end, first: blockAt(index, location.start), last: blockAt(index, location.end) });
    }
    return all;
  }, [index, visible, locations]);

  // The first and last paragraph near the screen (null until the observer has said).
  const near = useNearBlocks(index);

  useEffect(() => {
    const api = highlightApi();
    if (!api || !index) return;
    const groups: Record<(typeof HIGHLIGHTS)[number], Range[]> = { 'chorus-comment': [], 'chorus-suggestion': [], 'chorus-active': [], 'chorus-selection': [] };
    // Ranges (live, see rangeOf) are made for the registered passages only.
    for (const passage of placed) {
      const isActive = passage.key === activeKey;
      const isNear = near !== null && passage.last >= near.first && passage.first <= near.last;
      // The active passage is marked wherever it is (a card was chosen: its passage may be scrolled to).
      if (!isActive && !isNear) continue;
      const range = rangeOf(index, passage.start, passage.end);
      if (!range) continue;
      if (isActive) groups['chorus-active'].push(range);
      if (isNear) groups[passage.kind === 'comment' ? 'chorus-comment' : 'chorus-suggestion'].push(range);
    }
    if (selection && selection.end > selection.start) {
      const range = rangeOf(index, selection.start, selection.end);
      if (range) groups['chorus-selection'].push(range);
    }
    for (const name of HIGHLIGHTS) api.registry.set(name, new api.Highlight(...groups[name]));
    return () => HIGHLIGHTS.forEach((name) => api.registry.delete(name));
  }, [index, placed, near, activeKey, selection]);
}

/** The range of the index's blocks on or near the screen, following scrolling and resizing. */
function useNearBlocks(index: TextIndex | null): { first: number; last: number } | null {
  const [near, setNear] = useState<{ first: number; last: number } | null>(null);
  useEffect(() => {
    if (!index || !index.blocks.length || typeof IntersectionObserver === 'undefined') {
      // No observer (very old browsers): every passage counts as near.
      setNear(index?.blocks.length ? { first: 0, last: index.blocks.length - 1 } : null);
      return;
    }
    const position = new Map(index.blocks.map((block, i) => [block.element, i]));
    const shown = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const i = position.get(entry.target);
          if (i === undefined) continue;
          if (entry.isIntersecting) shown.add(i);
          else shown.delete(i);
        }
        const next = shown.size ? { first: Math.min(...shown), last: Math.max(...shown) } : null;
        setNear((old) => (old?.first === next?.first && old?.last === next?.last ? old : next));
      },
      { rootMargin: `${HIGHLIGHT_MARGIN} 0px` },
    );
    for (const block of index.blocks) observer.observe(block.element);
    return () => observer.disconnect();
  }, [index]);
  return near;
}
