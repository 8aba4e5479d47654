import { useEffect, useState, type RefObject } from 'react';
import { selectionIn, type TextIndex } from '@/components/comments/text-index';

/** The reader's selection inside `root`, as offsets into the section's text; a selection elsewhere keeps the last one. */
export function useTextSelection(root: RefObject<HTMLElement | null>, indexRef: RefObject<TextIndex | null>) {
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const element = root.current;
        const currentIndex = indexRef.current;
        const current = window.getSelection();
        if (!element || !currentIndex || !current?.rangeCount) return;
        if (!current.getRangeAt(0).intersectsNode(element)) return; // a selection elsewhere keeps the last one
        setSelection(selectionIn(element, currentIndex));
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      cancelAnimationFrame(frame);
    };
  }, [root, indexRef]);
  /** `clear()` forgets it (after feedback on it was posted). */
  return { selection, clear: () => setSelection(null) };
}
