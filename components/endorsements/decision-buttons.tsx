'use client';

import { useActionState, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Props = {
  organisation: string;
  status: 'pending' | 'approved' | 'declined';
  action: (state: ActionState<{ status: string }>, form: FormData) => Promise<ActionState<{ status: string }>>;
};

/** A coordinator approves or declines a signatory (with an optional reason the submitter sees). */
export function EndorsementDecision({ organisation, status, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [reason, setReason] = useState('');
  const id = useId();
  const reasonId = `${id}-reason`;
  const reasonError = state.ok ? undefined : state.fieldErrors?.reason;
  return (
    <form action={formAction} className="flex flex-col gap-2" aria-label={`Decide on ${organisation}`}>
      {status !== 'declined' ? (
        <Field id={reasonId} label="Reason if declining (optional)" error={reasonError}>
          <TextInput id={reasonId} name="reason" value={reason} onChange={(event) => setReason(event.target.value)} aria-invalid={Boolean(reasonError)} aria-describedby={describedBy(reasonId, false, reasonError)} />
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status !== 'approved' ? <Button type="submit" name="decision" value="approve" disabled={pending} aria-label={`Approve ${organisation}`}>Approve</Button> : null}
        {status !== 'declined' ? <Button type="submit" name="decision" value="decline" variant="danger" disabled={pending} aria-label={`Decline ${organisation}`}>Decline</Button> : null}
      </div>
      <p role="status" className="text-sm">{state.error && !reasonError ? <span className="text-danger">{state.error}</span> : ''}</p>
    </form>
  );
}
