'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, TextArea, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Added = { added: string[]; skipped: string[] };

/**
 * Pasting the consultation's questions as a list. The box keeps what was pasted when the
 * server refuses it (the error summary says why and takes focus); once added, it empties
 * and the outcome — including any lines left out — is announced and takes focus.
 */
export function QuestionListForm({ action }: { action: (state: ActionState<Added>, form: FormData) => Promise<ActionState<Added>> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [list, setList] = useState('');
  const outcome = useRef<HTMLDivElement>(null);
  const id = 'questions-list';
  const errors = state.ok ? {} : (state.fieldErrors ?? {});

  useEffect(() => {
    if (!state.ok) return;
    setList('');
    outcome.current?.focus();
  }, [state]);

  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <ErrorSummary error={state.error} fieldErrors={errors} fields={{ list: id }} attempt={state} />
      <Field
        id={id}
        label="Paste the consultation’s questions"
        hint="One question per line, starting with its number: 1., 1a., Q3 or Question 4. A word limit beside a question, like (250 words), becomes its limit."
        error={errors.list}
      >
        <TextArea id={id} name="list" rows={6} value={list} onChange={(event) => setList(event.target.value)} aria-invalid={Boolean(errors.list)} aria-describedby={describedBy(id, true, errors.list)} />
      </Field>
      <div className="flex flex-col gap-2">
        <Button type="submit" disabled={pending} className="self-start">{pending ? 'Adding…' : 'Add these questions'}</Button>
        <div ref={outcome} tabIndex={-1} role="status" className="text-sm">
          {state.ok && state.data ? (
            <>
              <p>Added {state.data.added.length === 1 ? 'question' : `${state.data.added.length} questions`} {state.data.added.join(', ')}.</p>
              {state.data.skipped.length ? (
                <p>
                  Left out {state.data.skipped.length === 1 ? 'one line' : `${state.data.skipped.length} lines`} without a question number: {state.data.skipped.map((line) => `“${line}”`).join(', ')}. Add any that are questions one by one below.
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
    </form>
  );
}
