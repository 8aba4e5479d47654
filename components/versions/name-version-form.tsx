'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import { TextLink } from '@/components/ui/link';

/** Labels the current state of every section ("Draft for the members' meeting"). */
export function NameVersionForm({ slug, action }: { slug: string; action: (state: ActionState<string>, form: FormData) => Promise<ActionState<string>> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const error = state.fieldErrors?.label;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3">
      <Field id="label" label="Name for the current state of the response" hint="For example: Draft for the members' meeting. Names are unique within the response." error={error}>
        <TextInput id="label" name="label" required maxLength={120} aria-invalid={Boolean(error)} aria-describedby={describedBy('label', true, error)} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? 'Naming…' : 'Name this version'}</Button>
        <p role="status" className="text-sm">
          {state.ok && state.data ? (
            <>
              Named. <TextLink href={`/responses/${slug}/versions/${state.data}`}>View it</TextLink>
            </>
          ) : state.error && !error ? (
            <span className="text-danger">{state.error}</span>
          ) : null}
        </p>
      </div>
    </form>
  );
}
