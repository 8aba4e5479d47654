/**
 * Comment bodies are plain text: line breaks are kept and web addresses become links.
 * This splits a body into text and link pieces for rendering as React text nodes (never
 * as HTML), so whatever a person types — tags, scripts — is shown as typed.
 */
export type TextPiece = { text: string } | { href: string; text: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.org/a."). */
const TRAILING = /[.,;:!?'")\]}]$/;

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    // Drop sentence punctuation at the end, but keep a closing bracket that belongs to the
    // address, as in https://en.wikipedia.org/wiki/Foo_(bar)
    while (TRAILING.test(url.slice(-1))) {
      const rest = url.slice(0, -1);
      if (url.endsWith(')') && (rest.match(/\(/g)?.length ?? 0) > (rest.match(/\)/g)?.length ?? 0)) break;
      url = rest;
    }
    const start = match.index ?? 0;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    pieces.push({ href: url, text: url });
    last = start + url.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
