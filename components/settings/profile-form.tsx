'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Frequency = 'IMMEDIATE' | 'DAILY' | 'WEEKLY';
type Props = { name: string; notifyByEmail: boolean; emailFrequency: Frequency; action: (state: ActionState, form: FormData) => Promise<ActionState> };

const FREQUENCIES: { value: Frequency; label: string; hint: string }[] = [
  { value: 'IMMEDIATE', label: 'As it happens', hint: 'An email for each reply or decision.' },
  { value: 'DAILY', label: 'Once a day', hint: 'One digest each morning: changed sections, new comments where you took part, replies, outcomes, deadlines.' },
  { value: 'WEEKLY', label: 'Once a week', hint: 'The same digest every Monday morning.' },
];

export function ProfileForm({ name, notifyByEmail, emailFrequency, action }: Props) {
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
      <fieldset className="flex flex-col gap-2" aria-describedby="emailFrequency-hint">
        <legend className="font-medium">How often</legend>
        <p id="emailFrequency-hint" className="text-sm text-muted">You can answer any of these emails by replying to it.</p>
        {FREQUENCIES.map((option) => (
          <div key={option.value} className="flex items-start gap-2">
            <input id={`emailFrequency-${option.value}`} name="emailFrequency" type="radio" value={option.value} defaultChecked={emailFrequency === option.value} className="mt-1 h-4 w-4" aria-describedby={`emailFrequency-${option.value}-hint`} />
            <label htmlFor={`emailFrequency-${option.value}`}>
              {option.label}
              <span id={`emailFrequency-${option.value}-hint`} className="block text-sm text-muted">{option.hint}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Save</Button>
        <p role="status" className="text-sm">{state.ok ? 'Saved.' : state.error && !error ? state.error : ''}</p>
      </div>
    </form>
  );
}
