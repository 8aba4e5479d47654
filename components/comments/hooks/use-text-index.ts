import { useEffect, useRef, useState, type RefObject } from 'react';
import { indexText, type TextIndex } from '@/components/comments/text-index';

/**
 * Half a second of quiet. A new index re-places every highlight and re-measures every card
 * of the margin (a few hundred milliseconds with a thousand comments on a slow machine):
 * done on each short pause while someone types, it took frames from the typing itself.
 * Meanwhile the highlights are live DOM ranges and follow the text as it changes.
 */
const REINDEX_AFTER_MS = 500;

/**
 * The text under `root` as the page shows it now, indexed so offsets in the section's plain
 * text map to DOM ranges; rebuilt once the DOM has been still for REINDEX_AFTER_MS after a
 * change, as it changes while people edit live. `indexRef` holds the latest for event handlers.
 */
export function useTextIndex(root: RefObject<HTMLElement | null>) {
  const indexRef = useRef<TextIndex | null>(null);
  const [index, setIndex] = useState<TextIndex | null>(null);
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const rebuild = () => {
      const next = indexText(element);
      indexRef.current = next;
      setIndex(next);
    };
    rebuild();
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(rebuild, REINDEX_AFTER_MS);
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, []);
  return { index, indexRef };
}
