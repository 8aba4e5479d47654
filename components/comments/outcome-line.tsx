import { PlainText } from '@/components/comments/plain-text';
import type { FeedbackOutcome } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format';
import { dispositionLabels } from '@/lib/merge/types';

export const outcomeTones: Record<FeedbackOutcome['kind'], string> = {
  INCORPORATED: 'border-ok/50 bg-green-50',
  PARTLY_INCORPORATED: 'border-ok/50 bg-green-50',
  NOTED: 'border-line bg-stone-50',
  NOT_TAKEN_FORWARD: 'border-line bg-stone-50',
};

/**
 * What became of the viewer's own comment or suggestion ("you said, we did"), on the card
 * where they wrote it, with the coordinator's reply: the same words the inbox and the
 * report carry.
 */
export function OutcomeLine({ outcome }: { outcome: FeedbackOutcome | null | undefined }) {
  if (!outcome) return null;
  return (
    <div className={`rounded border p-2 text-sm ${outcomeTones[outcome.kind]}`}>
      <p>
        <span className="font-semibold">Outcome: {dispositionLabels[outcome.kind]}</span>
        {outcome.by ? <span className="text-muted"> · {outcome.by.name}</span> : null}
        {outcome.at ? <span className="text-muted"> · <span data-datetime={outcome.at}>{formatDateTime(outcome.at)}</span></span> : null}
      </p>
      {outcome.reply ? <PlainText text={outcome.reply} className="mt-1" /> : null}
    </div>
  );
}
