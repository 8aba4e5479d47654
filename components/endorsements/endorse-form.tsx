'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, TextArea, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Saved = { organisation: string };

const ids = {
  organisation: 'endorse-organisation',
  signatoryName: 'endorse-name',
  signatoryRole: 'endorse-role',
  kind: 'endorse-kind-endorse',
  reservations: 'endorse-reservations',
};

/**
 * An organisation endorses the final response. "Endorse with reservations" reveals the box
 * for the reservations (GOV.UK's conditional reveal). Controlled fields keep what was typed
 * when the server refuses; the error summary takes focus; the confirmation takes focus once
 * it is sent.
 */
export function EndorseForm({ action }: { action: (state: ActionState<Saved>, form: FormData) => Promise<ActionState<Saved>> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [values, setValues] = useState({ organisation: '', signatoryName: '', signatoryRole: '', kind: '', reservations: '' });
  const done = useRef<HTMLDivElement>(null);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});

  useEffect(() => {
    if (!state.ok) return;
    setValues({ organisation: '', signatoryName: '', signatoryRole: '', kind: '', reservations: '' });
    done.current?.focus();
  }, [state]);

  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((previous) => ({ ...previous, [key]: event.target.value }));
  return (
    <form action={formAction} noValidate className="flex max-w-2xl flex-col gap-5">
      <div ref={done} tabIndex={-1} role="status">
        {state.ok && state.data ? (
          <p className="rounded-md border-2 border-ok bg-white p-3">
            Thank you. {state.data.organisation}’s endorsement is waiting for a coordinator’s approval; once approved, the submission lists it among the signatories.
          </p>
        ) : null}
      </div>
      <ErrorSummary error={state.error} fieldErrors={errors} fields={ids} attempt={state} />
      <Field id={ids.organisation} label="Organisation" error={errors.organisation}>
        <TextInput id={ids.organisation} name="organisation" value={values.organisation} onChange={set('organisation')} autoComplete="organization" aria-invalid={Boolean(errors.organisation)} aria-describedby={describedBy(ids.organisation, false, errors.organisation)} />
      </Field>
      <Field id={ids.signatoryName} label="Name of the person signing" error={errors.signatoryName}>
        <TextInput id={ids.signatoryName} name="signatoryName" value={values.signatoryName} onChange={set('signatoryName')} autoComplete="name" aria-invalid={Boolean(errors.signatoryName)} aria-describedby={describedBy(ids.signatoryName, false, errors.signatoryName)} />
      </Field>
      <Field id={ids.signatoryRole} label="Their role (optional)" hint="For example: Chief executive, Chair of trustees." error={errors.signatoryRole}>
        <TextInput id={ids.signatoryRole} name="signatoryRole" value={values.signatoryRole} onChange={set('signatoryRole')} autoComplete="organization-title" aria-invalid={Boolean(errors.signatoryRole)} aria-describedby={describedBy(ids.signatoryRole, true, errors.signatoryRole)} />
      </Field>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.kind ? 'endorse-kind-error' : undefined}>
        <legend className="text-sm font-medium">Does your organisation endorse the response?</legend>
        {errors.kind ? <p id="endorse-kind-error" className="text-sm text-danger">{errors.kind}</p> : null}
        <label className="flex items-center gap-2">
          <input id={ids.kind} type="radio" name="kind" value="endorse" className="h-6 w-6" checked={values.kind === 'endorse'} onChange={set('kind')} />
          Endorse
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" value="endorse_with_reservations" className="h-6 w-6" checked={values.kind === 'endorse_with_reservations'} onChange={set('kind')} aria-controls="endorse-reservations-reveal" />
          Endorse with reservations
        </label>
        <div id="endorse-reservations-reveal" hidden={values.kind !== 'endorse_with_reservations'} className="ml-3 border-l-4 border-line pl-4">
          <Field id={ids.reservations} label="Your organisation’s reservations" hint="Printed in an annex to the submission, under your organisation’s name." error={errors.reservations}>
            <TextArea id={ids.reservations} name="reservations" rows={4} value={values.reservations} onChange={set('reservations')} aria-invalid={Boolean(errors.reservations)} aria-describedby={describedBy(ids.reservations, true, errors.reservations)} />
          </Field>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} className="self-start">{pending ? 'Sending…' : 'Endorse the response'}</Button>
    </form>
  );
}
