import { diffWords } from 'diff';

/**
 * A suggestion as an inline difference: the words it removes struck out, the words it
 * adds underlined, with screen-reader labels ("deleted", "inserted").
 */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const parts = before && after ? diffWords(before, after) : [{ value: before, removed: true }, { value: after, added: true }].filter((p) => p.value);
  return (
    <p className="whitespace-pre-wrap break-words font-serif">
      {parts.map((part, i) =>
        'removed' in part && part.removed ? (
          <del key={i} className="bg-red-50 text-danger decoration-2">
            <span className="sr-only">deleted: </span>
            {part.value}
          </del>
        ) : 'added' in part && part.added ? (
          <ins key={i} className="bg-green-50 text-ok decoration-2">
            <span className="sr-only">inserted: </span>
            {part.value}
          </ins>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}
