'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import type { DecisionValue } from '@/lib/case-studies/schemas';

type Saved = { id: string; status: string };

const options: { value: DecisionValue; label: string }[] = [
  { value: 'accept', label: 'Accept' },
  { value: 'feature', label: 'Accept and feature' },
  { value: 'request_changes', label: 'Request changes' },
  { value: 'decline', label: 'Decline' },
];

/** A coordinator's decision on one case study. Fields are controlled so nothing typed is lost on an error. */
type Props = {
  caseStudyId: string;
  title: string;
  action: (state: ActionState<Saved>, form: FormData) => Promise<ActionState<Saved>>;
  /** Called once a decision is recorded; when given, the caller announces it (the form may leave the page). */
  onDecided?: (decision: DecisionValue) => void;
};

export function DecisionForm({ caseStudyId, title, action, onDecided }: Props) {
  // Report success from the action itself: when the decision moves the case study out of a
  // filtered list, this form unmounts in the same render and an effect would never run.
  const [state, formAction, pending] = useActionState(async (previous: ActionState<Saved>, form: FormData) => {
    const result = await action(previous, form);
    const chosen = form.get('decision');
    if (result.ok && typeof chosen === 'string') onDecided?.(chosen as DecisionValue);
    return result;
  }, {});
  const [decision, setDecision] = useState<DecisionValue | ''>('');
  const [note, setNote] = useState('');
  const base = `decision-${caseStudyId}`;
  const decisionError = state.fieldErrors?.decision;
  const noteError = state.fieldErrors?.note;
  const noteRequired = decision === 'request_changes' || decision === 'decline';
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label={`Decide on “${title}”`}>
      <fieldset aria-describedby={decisionError ? `${base}-error` : undefined}>
        <legend className="text-sm font-medium">Decision</legend>
        {decisionError ? <p id={`${base}-error`} className="text-sm text-danger">{decisionError}</p> : null}
        <div className="mt-1 flex flex-wrap gap-4">
          {options.map((option) => (
            <label key={option.value} className="flex items-center gap-2">
              <input type="radio" name="decision" value={option.value} className="h-4 w-4" checked={decision === option.value} onChange={() => setDecision(option.value)} />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${base}-note`}
        label={noteRequired ? (decision === 'decline' ? 'Reason for declining' : 'What should change') : 'Note to the submitter (optional)'}
        hint="The submitter sees this note in the app and in the email."
        error={noteError}
      >
        <TextArea
          id={`${base}-note`}
          name="note"
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={Boolean(noteError)}
          aria-describedby={describedBy(`${base}-note`, true, noteError)}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || !decision}>{pending ? 'Saving…' : 'Record decision'}</Button>
        <p role="status" className="text-sm">
          {state.ok && !onDecided ? 'Decision recorded. The submitter has been notified.' : state.error && !noteError && !decisionError ? <span className="text-danger">{state.error}</span> : ''}
        </p>
      </div>
    </form>
  );
}
