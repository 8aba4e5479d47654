'use client';

import { usePending } from '@/components/comments/use-pending';
import type { FeedbackHandlers } from '@/components/comments/types';

/** "1 person agrees", "3 people agree" (also written by card-html.ts). */
export const agreementLabel = (count: number) => `${count} ${count === 1 ? 'person agrees' : 'people agree'}`;

/** The Agree toggle's look, pressed or not (also written by card-html.ts). */
export const agreeButtonClass = (agreed: boolean) =>
  `inline-flex min-h-7 items-center rounded-full border px-2.5 py-0.5 text-sm aria-disabled:cursor-progress ${agreed ? 'border-accent bg-accent text-white' : 'border-line bg-white hover:bg-stone-100'}`;

/** "Agree" as a toggle (aria-pressed) with the count; only a count for one's own words or when closed. */
export function AgreeButton({ kind, id, count, agreed, canAgree, handlers }: {
  kind: 'comment' | 'suggestion';
  id: string;
  count: number;
  agreed: boolean;
  canAgree: boolean;
  handlers: FeedbackHandlers;
}) {
  const { pending, error, run } = usePending();
  if (!canAgree) return count ? <span className="text-sm text-muted">{agreementLabel(count)}</span> : null;
  // No wrapper: the card's row of actions lays the button and any error out (a busy margin draws a thousand).
  return (
    <>
      <button
        type="button"
        aria-pressed={agreed}
        // Not \`disabled\` while sending: that would drop keyboard focus to <body>.
        aria-disabled={pending || undefined}
        onClick={() => (pending ? undefined : run(() => handlers.setAgreement(kind, id, !agreed)))}
        className={agreeButtonClass(agreed)}
      >
        Agree<span aria-hidden="true">&nbsp;· {count}</span>
        <span className="sr-only"> ({agreementLabel(count)})</span>
      </button>
      {error ? <span role="alert" className="text-sm text-danger">{error}</span> : null}
    </>
  );
}
