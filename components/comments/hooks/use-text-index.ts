import { useEffect, useRef, useState, type RefObject } from 'react';
import { indexText, type TextIndex } from '@/components/comments/text-index';

/**
 * The text under `root` as the page shows it now, indexed so offsets in the section's plain
 * text map to DOM ranges; rebuilt (debounced) whenever the DOM changes, as it does while
 * people edit live. `indexRef` holds the latest for event handlers.
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
      timer = setTimeout(rebuild, 150);
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, []);
  return { index, indexRef };
}
