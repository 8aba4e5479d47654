/**
 * Small facts about the browser the feedback margin depends on: whether the screen is wide,
 * whether the page has hydrated, and the CSS Custom Highlight API where it exists.
 */
import { useSyncExternalStore } from 'react';

export const WIDE = '(min-width: 1024px)';

export function useWideScreen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener('change', notify);
      return () => query.removeEventListener('change', notify);
    },
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
}

type Highlights = { set(name: string, value: unknown): void; delete(name: string): void };
type HighlightConstructor = new (...ranges: Range[]) => unknown;

export function highlightApi(): { registry: Highlights; Highlight: HighlightConstructor } | null {
  const registry = (globalThis.CSS as unknown as { highlights?: Highlights } | undefined)?.highlights;
  const Highlight = (globalThis as unknown as { Highlight?: HighlightConstructor }).Highlight;
  return registry && Highlight ? { registry, Highlight } : null;
}

const subscribeToNothing = () => () => {};

/**
 * False while the server renders and the browser hydrates, true from then on: the margin
 * aligns its cards to the text, and follows a link to one of them, only once it is running
 * in the browser. (The cards of the page's first screen are in the server's HTML; a
 * busy section's others are drawn in the browser only, as their data comes separately.)
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeToNothing, () => true, () => false);
}
