import type { AnchorStatus } from '@/lib/anchoring/text-quote';
import type { PublicAnchor } from '@/lib/feedback/types';

export const shorten = (text: string, length = 240) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** Words quoted from the text or a suggestion; feedback.css draws the marks, as <q>'s are drawn (why not <q>: card-html.ts). */
export function Quoted({ words }: { words: string }) {
  return <span className="chorus-quote font-serif">{words}</span>;
}

/** The words a comment or suggestion is about, and whether they are still in the text. */
export function PassageQuote({ anchor, status, what }: { anchor: PublicAnchor | null; status: AnchorStatus | null; what: string }) {
  if (!anchor) return <p className="text-xs font-medium uppercase tracking-wide text-muted">On the whole section</p>;
  const quote = <Quoted words={shorten(anchor.exact)} />;
  if (status === 'detached') {
    return (
      <p className="rounded border border-dashed border-line bg-stone-50 p-2 text-sm">
        <strong className="font-semibold">Passage removed.</strong> The words this {what} is about are no longer in the text. They were: {quote}
      </p>
    );
  }
  if (status === 'changed') {
    return (
      <p className="border-l-4 border-mark pl-2 text-sm">
        <strong className="font-semibold">Passage changed</strong> since this {what}. It said: {quote}
      </p>
    );
  }
  return <div role="blockquote" className="border-l-4 border-mark pl-2 text-sm">{quote}</div>;
}
