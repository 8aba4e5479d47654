'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea, TextInput, describedBy, inputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import type { InviteResult } from '@/lib/people/mutations';

type State = ActionState<InviteResult> & { values?: { emails: string; name: string; role: string } };
type Props = { action: (state: State, form: FormData) => Promise<State>; roles: { value: string; label: string }[] };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
/** A readable list: the first twenty addresses, then how many more. */
const list = (emails: string[]) => emails.slice(0, 20).join(', ') + (emails.length > 20 ? ` and ${emails.length - 20} more` : '');

/**
 * Invites one address or a pasted list with one role. On failure the typed text stays
 * (the action hands it back and the fields take it as their default value), with each
 * field's message beside it.
 */
export function InviteForm({ action, roles }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  const general = state.error && !errors.emails && !errors.role && !errors.name ? state.error : undefined;
  const result = state.ok ? state.data : undefined;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate>
      <Field
        id="invite-emails"
        label="Email addresses"
        hint="One address, or a pasted list: separate them with commas, semicolons or new lines. “Name <address>” entries keep the name."
        error={errors.emails}
      >
        <TextArea
          id="invite-emails"
          name="emails"
          rows={4}
          required
          defaultValue={state.values?.emails ?? ''}
          aria-invalid={Boolean(errors.emails)}
          aria-describedby={describedBy('invite-emails', true, errors.emails)}
        />
      </Field>
      <div className="flex flex-col gap-4 sm:flex-row">
        <div className="sm:flex-1">
          <Field id="invite-name" label="Name (optional)" hint="Used when you invite a single address." error={errors.name}>
            <TextInput
              id="invite-name"
              name="name"
              autoComplete="off"
              defaultValue={state.values?.name ?? ''}
              aria-invalid={Boolean(errors.name)}
              aria-describedby={describedBy('invite-name', true, errors.name)}
            />
          </Field>
        </div>
        <div className="sm:w-56">
          <Field id="invite-role" label="Role" hint="For everyone in this invitation." error={errors.role}>
            {/* Keyed by the submitted role: a select ignores a changed defaultValue, and React
                resets the form after the action, so only a fresh select keeps the chosen role. */}
            <select
              key={state.values?.role ?? 'initial'}
              id="invite-role"
              name="role"
              className={inputClass}
              defaultValue={state.values?.role || 'MEMBER'}
              aria-invalid={Boolean(errors.role)}
              aria-describedby={describedBy('invite-role', true, errors.role)}
            >
              {roles.map((role) => <option key={role.value} value={role.value}>{role.label}</option>)}
            </select>
          </Field>
        </div>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? 'Inviting…' : 'Invite'}</Button>
      </div>
      {general ? <p role="alert" className="text-sm text-danger">{general}</p> : null}
      <div role="status" aria-live="polite" className="text-sm">
        {result ? (
          <div className="rounded-md border border-ok bg-green-50 p-3">
            {result.invited.length ? <p>Invited {plural(result.invited.length, 'person', 'people')}: {list(result.invited)}.</p> : null}
            {result.updated.length ? <p>Updated {plural(result.updated.length, 'person', 'people')} already known (new role, or re-admitted): {list(result.updated)}.</p> : null}
            {result.unchanged.length ? <p>Already in the network with that role: {list(result.unchanged)}.</p> : null}
            {result.notEmailed.length ? <p className="text-danger">The invitation email could not be sent to: {list(result.notEmailed)}. They can still sign in at the sign-in page.</p> : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
