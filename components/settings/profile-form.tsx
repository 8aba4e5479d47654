'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Props = { name: string; notifyByEmail: boolean; action: (state: ActionState, form: FormData) => Promise<ActionState> };

export function ProfileForm({ name, notifyByEmail, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const error = state.fieldErrors?.name;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4">
      <Field id="name" label="Your name" hint="Shown beside your comments and edits." error={error}>
        <TextInput id="name" name="name" defaultValue={name} required aria-invalid={Boolean(error)} aria-describedby={describedBy('name', true, error)} />
      </Field>
      <div className="flex items-center gap-2">
        <input id="notifyByEmail" name="notifyByEmail" type="checkbox" defaultChecked={notifyByEmail} className="h-4 w-4" />
        <label htmlFor="notifyByEmail">Email me about replies and decisions on my contributions</label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Save</Button>
        <p role="status" className="text-sm">{state.ok ? 'Saved.' : state.error && !error ? state.error : ''}</p>
      </div>
    </form>
  );
}
