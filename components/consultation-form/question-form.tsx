'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, TextArea, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Saved = { number: string };
type Props = {
  /** Makes the fields' ids unique on a page with several of these forms. */
  idPrefix: string;
  action: (state: ActionState<Saved>, form: FormData) => Promise<ActionState<Saved>>;
  initial?: { number: string; text: string; wordLimit: number | null };
  submitLabel: string;
  /** After adding, the fields empty for the next question; after editing they keep the saved values. */
  clearOnSave?: boolean;
};

/**
 * One question's number, words and word limit: adding a question, or editing one.
 * Fields are controlled so nothing typed is lost when the server refuses it; problems are
 * listed in an error summary that takes focus, and shown beside each field.
 */
export function QuestionForm({ idPrefix, action, initial, submitLabel, clearOnSave = false }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [values, setValues] = useState({ number: initial?.number ?? '', text: initial?.text ?? '', wordLimit: initial?.wordLimit ? String(initial.wordLimit) : '' });
  const status = useRef<HTMLParagraphElement>(null);
  const ids = { number: `${idPrefix}-number`, text: `${idPrefix}-text`, wordLimit: `${idPrefix}-word-limit` };
  const errors = state.ok ? {} : (state.fieldErrors ?? {});

  useEffect(() => {
    if (!state.ok) return;
    if (clearOnSave) setValues({ number: '', text: '', wordLimit: '' });
    status.current?.focus();
  }, [state, clearOnSave]);

  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((previous) => ({ ...previous, [key]: event.target.value }));
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <ErrorSummary error={state.error} fieldErrors={errors} fields={ids} attempt={state} />
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr_10rem]">
        <Field id={ids.number} label="Number" hint="As the form numbers it: 1, 1a, Q3." error={errors.number}>
          <TextInput id={ids.number} name="number" value={values.number} onChange={set('number')} autoComplete="off" aria-invalid={Boolean(errors.number)} aria-describedby={describedBy(ids.number, true, errors.number)} />
        </Field>
        <Field id={ids.text} label="Question" error={errors.text}>
          <TextArea id={ids.text} name="text" rows={2} value={values.text} onChange={set('text')} aria-invalid={Boolean(errors.text)} aria-describedby={describedBy(ids.text, false, errors.text)} />
        </Field>
        <Field id={ids.wordLimit} label="Word limit (optional)" hint="Leave empty if the form sets none." error={errors.wordLimit}>
          <TextInput id={ids.wordLimit} name="wordLimit" inputMode="numeric" value={values.wordLimit} onChange={set('wordLimit')} autoComplete="off" aria-invalid={Boolean(errors.wordLimit)} aria-describedby={describedBy(ids.wordLimit, true, errors.wordLimit)} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? 'Saving…' : submitLabel}</Button>
        <p ref={status} tabIndex={-1} role="status" className="text-sm">{state.ok && state.data ? `Saved question ${state.data.number}.` : ''}</p>
      </div>
    </form>
  );
}
