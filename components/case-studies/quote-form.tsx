'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea, describedBy, inputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import { MAX_QUOTE_CHARACTERS } from '@/lib/case-studies/schemas';
import { linkClass } from '@/components/ui/link';

export type QuotableSection = { id: string; title: string; paragraphs: { text: string; preview: string }[] };

/**
 * A coordinator turns an accepted case study into a quotation in a section: choose the
 * section, the words and where they go. The server inserts the paragraph with the credit
 * the submitter consented to, as a new version of the section.
 */
export function QuoteForm({ sections, defaultSectionId, credit, action }: {
  sections: QuotableSection[];
  defaultSectionId: string | null;
  credit: string;
  action: (state: ActionState<{ sectionId: string }>, form: FormData) => Promise<ActionState<{ sectionId: string }>>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [sectionId, setSectionId] = useState(defaultSectionId ?? sections[0]?.id ?? '');
  const [quote, setQuote] = useState('');
  const [afterParagraph, setAfterParagraph] = useState('');
  const section = sections.find((candidate) => candidate.id === sectionId);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Field id="quote-section" label="Section" error={errors.sectionId}>
        <select id="quote-section" name="sectionId" className={inputClass} value={sectionId} onChange={(event) => { setSectionId(event.target.value); setAfterParagraph(''); }} aria-invalid={Boolean(errors.sectionId)} aria-describedby={describedBy('quote-section', false, errors.sectionId)}>
          {sections.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.title}</option>)}
        </select>
      </Field>
      <Field id="quote-text" label="Words to quote" hint={`At most ${MAX_QUOTE_CHARACTERS.toLocaleString('en-GB')} characters. It will read: “…” — ${credit}`} error={errors.quote}>
        <TextArea id="quote-text" name="quote" rows={3} value={quote} onChange={(event) => setQuote(event.target.value)} maxLength={MAX_QUOTE_CHARACTERS} aria-invalid={Boolean(errors.quote)} aria-describedby={describedBy('quote-text', true, errors.quote)} />
      </Field>
      <Field id="quote-position" label="Insert" error={errors.afterParagraph}>
        <select id="quote-position" name="afterParagraph" className={inputClass} value={afterParagraph} onChange={(event) => setAfterParagraph(event.target.value)} aria-invalid={Boolean(errors.afterParagraph)} aria-describedby={describedBy('quote-position', false, errors.afterParagraph)}>
          <option value="">At the end of the section</option>
          {section?.paragraphs.map((paragraph, index) => (
            <option key={index} value={paragraph.text}>After paragraph {index + 1}: {paragraph.preview}</option>
          ))}
        </select>
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || !sectionId}>{pending ? 'Inserting…' : 'Insert quotation'}</Button>
        <p role="status" className="text-sm">
          {state.ok && state.data ? <>Quotation inserted. <a className={linkClass} href={`/sections/${state.data.sectionId}`}>See the section</a></> : state.error && !Object.keys(errors).length ? <span className="text-danger">{state.error}</span> : ''}
        </p>
      </div>
    </form>
  );
}
