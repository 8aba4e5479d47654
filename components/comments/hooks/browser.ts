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
 * False while the server renders and the browser hydrates, true from then on. The cards are
 * drawn in the browser only: their data travels in the page anyway (this component's
 * props), and drawing them on the server as well sent every comment twice — as data and as
 * about 1.5 KB of markup (3 MB of HTML for a section with 1,000 comments).
 */
export function useDrawnInBrowser(): boolean {
  return useSyncExternalStore(subscribeToNothing, () => true, () => false);
}
