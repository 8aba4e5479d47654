'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, TextArea, describedBy, inputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';

type Mapped = { sectionTitle: string };
type Props = {
  questionId: string;
  questionNumber: string;
  sections: { id: string; title: string }[];
  action: (state: ActionState<Mapped>, form: FormData) => Promise<ActionState<Mapped>>;
};

/** Says which section — or which passage of it — answers a question. */
export function MapAnswerForm({ questionId, questionNumber, sections, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [sectionId, setSectionId] = useState('');
  const [passage, setPassage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const ids = { sectionId: `map-${questionId}-section`, passage: `map-${questionId}-passage` };
  const errors = state.ok ? {} : (state.fieldErrors ?? {});

  useEffect(() => {
    if (!state.ok) return;
    setSectionId('');
    setPassage('');
    status.current?.focus();
  }, [state]);

  return (
    <form action={formAction} noValidate className="flex flex-col gap-3">
      <ErrorSummary error={state.error} fieldErrors={errors} fields={ids} attempt={state} />
      <Field id={ids.sectionId} label={`Section that answers question ${questionNumber}`} error={errors.sectionId}>
        <select
          id={ids.sectionId}
          name="sectionId"
          value={sectionId}
          onChange={(event) => setSectionId(event.target.value)}
          className={inputClass}
          aria-invalid={Boolean(errors.sectionId)}
          aria-describedby={describedBy(ids.sectionId, false, errors.sectionId)}
        >
          <option value="">Choose a section</option>
          {sections.map((section) => (
            <option key={section.id} value={section.id}>{section.title}</option>
          ))}
        </select>
      </Field>
      <Field
        id={ids.passage}
        label={`Passage that answers question ${questionNumber} (optional)`}
        hint="To answer with part of the section only, copy its words here. Leave empty to use the whole section."
        error={errors.passage}
      >
        <TextArea id={ids.passage} name="passage" rows={2} value={passage} onChange={(event) => setPassage(event.target.value)} aria-invalid={Boolean(errors.passage)} aria-describedby={describedBy(ids.passage, true, errors.passage)} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Mapping…' : `Map to question ${questionNumber}`}</Button>
        <p ref={status} tabIndex={-1} role="status" className="text-sm">{state.ok && state.data ? `${state.data.sectionTitle} now answers question ${questionNumber}.` : ''}</p>
      </div>
    </form>
  );
}
