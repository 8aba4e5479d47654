'use client';

import { memo, useId, useState } from 'react';
import { AgreeButton } from '@/components/comments/agree-button';
import { OutcomeLine } from '@/components/comments/outcome-line';
import { PassageQuote, Quoted } from '@/components/comments/passage-quote';
import { PlainText } from '@/components/comments/plain-text';
import type { FeedbackHandlers, Viewer } from '@/components/comments/types';
import { usePending } from '@/components/comments/use-pending';
import { WordDiff } from '@/components/comments/word-diff';
import { Button } from '@/components/ui/button';
import { describedBy, Field, TextArea } from '@/components/ui/field';
import type { AnchorStatus } from '@/lib/anchoring/text-quote';
import type { SuggestionDto } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format';

export const kindLabels = { replace: 'Suggested rewording', delete: 'Suggested deletion', insert: 'Suggested addition' } as const;

function StatusLine({ suggestion }: { suggestion: SuggestionDto }) {
  if (suggestion.status === 'ACCEPTED') return <p className="text-sm font-medium text-ok">Accepted{suggestion.decidedBy ? ` by ${suggestion.decidedBy.name}` : ''}{suggestion.decidedAt ? ` on ${formatDateTime(suggestion.decidedAt)}` : ''}</p>;
  if (suggestion.status === 'DECLINED') {
    return (
      <div className="rounded bg-stone-100 p-2 text-sm">
        <p className="font-medium">Declined{suggestion.decidedBy ? ` by ${suggestion.decidedBy.name}` : ''}</p>
        {suggestion.declineReason ? <PlainText text={`Reason: ${suggestion.declineReason}`} /> : null}
      </div>
    );
  }
  return null;
}

/**
 * A suggestion shown as an inline difference, with agree, accept and decline. Memoised like
 * ThreadCard; the decline form and the question before accepting an outdated suggestion are
 * mounted only while open.
 */
export const SuggestionCard = memo(function SuggestionCard({ suggestion, status, viewer, handlers }: { suggestion: SuggestionDto; status: AnchorStatus | null; viewer: Viewer; handlers: FeedbackHandlers }) {
  const [mode, setMode] = useState<'view' | 'decline' | 'confirm-outdated'>('view');
  const action = usePending();
  const open = suggestion.status === 'OPEN';
  // `status` is where the passage is in the text as shown now (live), else as the server placed it.
  const outdated = open && status !== null && status !== 'anchored';
  const detached = open && status === 'detached';
  const { anchor } = suggestion;

  // A fragment: the margin's <li> lays the card out.
  return (
    <>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-accent-dark">
        {kindLabels[suggestion.kind]}
        <span className="sr-only"> by {suggestion.author.name}</span>
        {outdated ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 normal-case tracking-normal text-ink">Outdated</span> : null}
      </h3>
      {suggestion.kind === 'insert' ? (
        <p className="text-sm">
          Insert after <Quoted words={anchor.prefix.slice(-40).replace(/^\s+/, '')} />:
        </p>
      ) : null}
      <div className="rounded border border-line bg-paper p-2">
        <WordDiff before={anchor.exact} after={suggestion.replacement} />
      </div>
      {outdated ? (
        <PassageQuote anchor={anchor} status={status} what="suggestion" />
      ) : null}
      {outdated && suggestion.currentWords !== null && !detached ? (
        <p className="text-sm">Now it reads: <Quoted words={suggestion.currentWords} /></p>
      ) : null}
      {suggestion.reason ? <PlainText text={`Why: ${suggestion.reason}`} className="text-sm" /> : null}
      <p className="text-sm">
        <strong className="font-semibold">{suggestion.author.name}</strong>
        <span className="text-muted"> · <span data-datetime={suggestion.createdAt}>{formatDateTime(suggestion.createdAt)}</span></span>
      </p>
      <StatusLine suggestion={suggestion} />
      <OutcomeLine outcome={suggestion.outcome} />
      {mode === 'decline' ? <DeclineForm suggestion={suggestion} handlers={handlers} onClose={() => setMode('view')} /> : null}
      {mode === 'confirm-outdated' && open ? (
        <AcceptOutdatedQuestion pending={action.pending} accept={() => action.run(() => handlers.acceptSuggestion(suggestion.id, true))} onCancel={() => setMode('view')} />
      ) : null}
      {mode === 'view' ? (
        <div className="flex flex-wrap items-center gap-3">
          {open ? <AgreeButton kind="suggestion" id={suggestion.id} count={suggestion.agreeCount} agreed={suggestion.agreedByMe} canAgree={viewer.canComment && !suggestion.mine} handlers={handlers} /> : null}
          {open && viewer.canDecide && !detached ? (
            <Button disabled={action.pending} onClick={() => (outdated ? setMode('confirm-outdated') : action.run(() => handlers.acceptSuggestion(suggestion.id, false)))}>
              Accept<span className="sr-only"> suggestion by {suggestion.author.name}</span>
            </Button>
          ) : null}
          {open && viewer.canDecide ? (
            <Button variant="secondary" onClick={() => setMode('decline')}>Decline<span className="sr-only"> suggestion by {suggestion.author.name}</span></Button>
          ) : null}
          {open && suggestion.mine ? <Button variant="link" disabled={action.pending} onClick={() => action.run(() => handlers.withdrawSuggestion(suggestion.id))}>Withdraw<span className="sr-only"> your suggestion</span></Button> : null}
        </div>
      ) : null}
      {action.error && mode !== 'decline' ? <p role="alert" className="text-sm text-danger">{action.error}</p> : null}
    </>
  );
});

/** Declining with a reason the author will read: sent, or cancelled (either way `onClose`). */
function DeclineForm({ suggestion, handlers, onClose }: { suggestion: SuggestionDto; handlers: FeedbackHandlers; onClose: () => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const action = usePending();
  const declineError = action.fieldErrors.reason ?? action.error;
  const decline = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => handlers.declineSuggestion(suggestion.id, reason));
    if (result?.ok) onClose();
  };
  return (
    <form onSubmit={decline} className="flex flex-col gap-2">
      <Field id={`${id}-reason`} label={`Why are you declining it? ${suggestion.author.name} will see this.`} error={declineError ?? undefined}>
        <TextArea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          required
          maxLength={2000}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={Boolean(declineError)}
          aria-describedby={describedBy(`${id}-reason`, null, declineError)}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={action.pending}>Decline suggestion</Button>
        <Button variant="secondary" onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

/** Before accepting a suggestion whose passage has changed: compare, tick, accept. */
function AcceptOutdatedQuestion({ pending, accept, onCancel }: { pending: boolean; accept: () => void; onCancel: () => void }) {
  const id = useId();
  const [checked, setChecked] = useState(false);
  return (
    <div role="group" aria-labelledby={`${id}-confirm`} className="flex flex-col gap-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm">
      <p id={`${id}-confirm`}>The passage has changed since this was suggested. Accepting replaces the words that are there now.</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-1 h-4 w-4" checked={checked} onChange={(event) => setChecked(event.target.checked)} />
        <span>I have compared the suggestion with the current words.</span>
      </label>
      <div className="flex gap-2">
        <Button disabled={!checked || pending} onClick={accept}>Accept anyway</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
