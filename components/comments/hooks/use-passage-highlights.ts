import { useEffect } from 'react';
import type { FeedbackItem } from '@/components/comments/feedback-model';
import { highlightApi } from '@/components/comments/hooks/browser';
import { rangeOf, type TextIndex } from '@/components/comments/text-index';
import type { AnchorLocation } from '@/lib/feedback/types';

const HIGHLIGHTS = ['chorus-comment', 'chorus-suggestion', 'chorus-active', 'chorus-selection'] as const;

type Options = {
  index: TextIndex | null;
  visible: FeedbackItem[];
  locations: Map<string, AnchorLocation | null>;
  activeKey: string | null;
  /** The passage a comment or suggestion is being written about. */
  selection: { start: number; end: number } | null;
};

/**
 * Highlights the passages feedback is about with the CSS Custom Highlight API, without
 * touching the text's DOM (so the read-only view and the live editor work alike). Without
 * the API, the margin still quotes each passage.
 */
export function usePassageHighlights({ index, visible, locations, activeKey, selection }: Options) {
  useEffect(() => {
    const api = highlightApi();
    if (!api || !index) return;
    const groups: Record<(typeof HIGHLIGHTS)[number], Range[]> = { 'chorus-comment': [], 'chorus-suggestion': [], 'chorus-active': [], 'chorus-selection': [] };
    for (const item of visible) {
      const location = locations.get(item.key);
      if (!location || location.start === null || location.end === null) continue;
      const range = rangeOf(index, location.start, location.end);
      if (!range) continue;
      groups[item.kind === 'comment' ? 'chorus-comment' : 'chorus-suggestion'].push(range);
      if (item.key === activeKey) groups['chorus-active'].push(range);
    }
    if (selection && selection.end > selection.start) {
      const range = rangeOf(index, selection.start, selection.end);
      if (range) groups['chorus-selection'].push(range);
    }
    for (const name of HIGHLIGHTS) api.registry.set(name, new api.Highlight(...groups[name]));
    return () => HIGHLIGHTS.forEach((name) => api.registry.delete(name));
  }, [index, visible, locations, activeKey, selection]);
}
