import { linkify } from '@/lib/comments/linkify';
import { linkClass } from '@/components/ui/link';

/**
 * A comment's text as typed: line breaks kept, web addresses clickable, everything else
 * rendered as text (React escapes it), so typed HTML or scripts show as characters. Plain
 * pieces are text nodes of the paragraph, not elements: a busy margin draws a thousand.
 */
export function PlainText({ text, className = '' }: { text: string; className?: string }) {
  return (
    <p className={`whitespace-pre-wrap break-words ${className}`}>
      {linkify(text).map((piece, i) =>
        'href' in piece ? (
          <a key={i} href={piece.href} className={linkClass} rel="nofollow noopener noreferrer ugc" target="_blank">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}
