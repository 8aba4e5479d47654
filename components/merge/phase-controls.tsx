'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import { phaseLabels } from '@/lib/format';
import type { Phase } from '@/lib/generated/prisma/enums';
import { needsDeadline, phaseMoveHints, phaseMoveLabels, phaseMoves } from '@/lib/responses/phase';
import type { PhaseChangeResult } from '@/lib/responses/mutations';

const confirmTitles: Record<Phase, string> = {
  DRAFTING: 'Move the response back to drafting?',
  OPEN: 'Open the response for comment?',
  CLOSED: 'Close the response for comments?',
  FINAL: 'Mark the response as final?',
};

type Action = (state: ActionState<PhaseChangeResult>, form: FormData) => Promise<ActionState<PhaseChangeResult>>;

function MoveForm({ to, formAction, pending, error }: { to: Phase; formAction: (form: FormData) => void; pending: boolean; error?: string }) {
  const [confirming, setConfirming] = useState(false);
  // The browser's date and time input is local time: send it as an exact instant.
  const [deadline, setDeadline] = useState('');
  const id = `phase-${to.toLowerCase()}`;
  return (
    <form action={formAction} className="flex flex-col gap-2 rounded-md border border-line p-3">
      <input type="hidden" name="to" value={to} />
      <p className="text-sm text-muted">{phaseMoveHints[to]}</p>
      {needsDeadline(to) ? (
        <Field id={`${id}-deadline`} label="Deadline for comments" error={error}>
          <TextInput
            id={`${id}-deadline`}
            type="datetime-local"
            required
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy(`${id}-deadline`, false, error)}
            onChange={(event) => setDeadline(event.target.value ? new Date(event.target.value).toISOString() : '')}
          />
          <input type="hidden" name="deadline" value={deadline} />
        </Field>
      ) : null}
      {/* A phase change reaches everyone at once (members mid-comment included): ask first. */}
      <div>
        <Button variant={to === 'FINAL' ? 'danger' : 'primary'} onClick={(event) => event.currentTarget.form?.reportValidity() !== false && setConfirming(true)}>{phaseMoveLabels[to]}…</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={confirmTitles[to]}
        confirmLabel={to === 'FINAL' ? 'Yes, freeze the text as the final submission' : `Yes, ${phaseMoveLabels[to].toLowerCase()}`}
        tone={to === 'FINAL' ? 'danger' : 'primary'}
        confirmType="submit"
        busy={pending}
        onCancel={() => setConfirming(false)}
      >
        <p>{phaseMoveHints[to]}</p>
        <p className="mt-2">Everyone with a section open is told at once.</p>
      </ConfirmDialog>
    </form>
  );
}

/**
 * The coordinator's phase controls: the moves allowed from the current phase, each
 * explained. The outcome is announced here, above the forms, because the forms change
 * with the phase.
 */
export function PhaseControls({ phase, changePhase }: { phase: Phase; changePhase: Action }) {
  const [state, formAction, pending] = useActionState(changePhase, {});
  const moves = phaseMoves[phase];
  const deadlineError = state.fieldErrors?.deadline;
  // The form that had focus is gone once the phase has changed: the outcome takes focus.
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.ok || state.error) outcome.current?.focus();
  }, [state]);
  return (
    <div className="flex flex-col gap-3">
      <p ref={outcome} tabIndex={-1} role="status" aria-live="polite" className="text-sm">
        {state.ok ? `Done: the response is now ${phaseLabels[state.data!.phase].toLowerCase()}.` : state.error && !deadlineError ? <span className="text-danger">{state.error}</span> : ''}
      </p>
      {moves.length ? (
        moves.map((to) => <MoveForm key={to} to={to} formAction={formAction} pending={pending} error={needsDeadline(to) ? deadlineError : undefined} />)
      ) : (
        <p className="text-sm">The response is final: its text is frozen as the “Final submission”. Feedback can still be given a disposition for the report.</p>
      )}
    </div>
  );
}
