import type { FeedbackCounts as Counts } from '@/lib/feedback/types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 open comments · 1 open suggestion" under a section on the contents page. */
export function FeedbackCounts({ counts }: { counts: Counts | undefined }) {
  const comments = counts?.comments ?? 0;
  const suggestions = counts?.suggestions ?? 0;
  if (!comments && !suggestions) return <p className="mt-1 text-sm text-muted">No open comments or suggestions</p>;
  return (
    <p className="mt-1 flex flex-wrap gap-2 text-sm">
      {comments ? <span className="rounded bg-mark px-2 py-0.5">{plural(comments, 'open comment', 'open comments')}</span> : null}
      {suggestions ? <span className="rounded bg-sky-100 px-2 py-0.5">{plural(suggestions, 'open suggestion', 'open suggestions')}</span> : null}
    </p>
  );
}
