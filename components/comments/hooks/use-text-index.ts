import { useEffect, useRef, useState, type RefObject } from 'react';
import { indexText, isDetached, type TextIndex } from '@/components/comments/text-index';

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
 * change, as it changes while people edit live, and at once when the text it indexed has
 * left the page (the live editor taking the server-rendered text's place: the highlights and
 * the margin's cards would otherwise point at nothing for half a second, and the cards stand
 * where the old text was). `indexRef` holds the latest for event handlers.
 */
export function useTextIndex(root: RefObject<HTMLElement | null>) {
  const indexRef = useRef<TextIndex | null>(null);
  const [index, setIndex] = useState<TextIndex | null>(null);
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    const rebuild = () => {
      frame = undefined;
      const next = indexText(element);
      indexRef.current = next;
      setIndex(next);
    };
    rebuild();
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      // No text yet, or its text has gone: rebuilt before the next frame (once, however many
      // steps the live editor arrives in within it).
      const index = indexRef.current;
      if (!index || index.blocks.length === 0 || isDetached(index)) frame ??= requestAnimationFrame(rebuild);
      else if (frame === undefined) timer = setTimeout(rebuild, REINDEX_AFTER_MS);
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, []);
  return { index, indexRef };
}
