'use client';

/**
 * The case study form, for a new submission and for changing one. It validates as you
 * type with the very schemas the server uses (lib/case-studies/schemas.ts), keeps what
 * was typed when anything fails, and lists every problem in an error summary that takes
 * focus when saving fails. A client key made once per form means a double click, or a
 * retry after a lost answer, never creates two case studies.
 */
import { useRouter } from 'next/navigation';
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import {
  MAX_SUMMARY_CHARACTERS,
  caseStudyDraftSchema,
  caseStudySubmitSchema,
  linksFromText,
  themesFromText,
  type AttributionValue,
  type CaseStudyFormValues,
} from '@/lib/case-studies/schemas';
import { sectionTitle } from '@/lib/format';

type Saved = { id: string; status: string };
type Intent = 'draft' | 'submit';

type Props = {
  slug: string;
  sections: { id: string; number: string | null; heading: string }[];
  knownThemes: string[];
  initial: CaseStudyFormValues;
  /** Set when changing an existing case study. */
  existing?: { id: string; status: 'draft' | 'submitted' | 'changes_requested' };
  createAction: (slug: string, input: unknown) => Promise<ActionState<Saved>>;
  updateAction: (id: string, input: unknown) => Promise<ActionState<Saved>>;
};

type FormState = {
  title: string;
  organisation: string;
  place: string;
  summary: string;
  evidence: string;
  links: string;
  sectionIds: string[];
  themes: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  quote: '' | 'yes' | 'no';
  showToMembers: '' | 'yes' | 'no';
  attribution: '' | AttributionValue;
};

/** Where each validated field lives in the form (error keys → the element to focus). */
const FIELD_IDS: Record<string, string> = {
  title: 'cs-title',
  organisation: 'cs-organisation',
  place: 'cs-place',
  summary: 'cs-summary',
  evidence: 'cs-evidence',
  links: 'cs-links',
  sectionIds: 'cs-sections',
  themes: 'cs-themes',
  'contact.name': 'cs-contact-name',
  'contact.email': 'cs-contact-email',
  'contact.phone': 'cs-contact-phone',
  'consent.quote': 'cs-consent-quote',
  'consent.showToMembers': 'cs-consent-show',
  'consent.attribution': 'cs-attribution',
};

/** The order problems are listed in, which is the order of the form. */
const FIELD_ORDER = Object.keys(FIELD_IDS);

const yesNo = (value: boolean | null): FormState['quote'] => (value === null ? '' : value ? 'yes' : 'no');
const fromYesNo = (value: FormState['quote']) => (value === '' ? null : value === 'yes');

function stateFromValues(values: CaseStudyFormValues): FormState {
  return {
    title: values.title,
    organisation: values.organisation,
    place: values.place,
    summary: values.summary,
    evidence: values.evidence,
    links: values.links.join('\n'),
    sectionIds: values.sectionIds,
    themes: values.themes.join(', '),
    contactName: values.contact.name,
    contactEmail: values.contact.email,
    contactPhone: values.contact.phone,
    quote: yesNo(values.consent.quote),
    showToMembers: yesNo(values.consent.showToMembers),
    attribution: values.consent.attribution ?? '',
  };
}

/** The body the server receives: the same shape as the JSON API. */
function inputFromState(state: FormState) {
  return {
    title: state.title,
    organisation: state.organisation,
    place: state.place,
    summary: state.summary,
    evidence: state.evidence,
    links: linksFromText(state.links),
    sectionIds: state.sectionIds,
    themes: themesFromText(state.themes),
    contact: { name: state.contactName, email: state.contactEmail, phone: state.contactPhone },
    consent: { quote: fromYesNo(state.quote), showToMembers: fromYesNo(state.showToMembers), attribution: state.attribution || null },
  };
}

/** Folds per-item keys ("links.2") into their field, naming the item. */
function foldErrors(fields: Record<string, string> | undefined): Record<string, string> {
  const folded: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields ?? {})) {
    const item = /^(links|themes|sectionIds)\.(\d+)$/.exec(key);
    if (item) folded[item[1]] ??= `${item[1] === 'links' ? 'Link' : item[1] === 'themes' ? 'Theme' : 'Section'} ${Number(item[2]) + 1}: ${message}`;
    else if (key in FIELD_IDS) folded[key] ??= message;
    else folded._ ??= message;
  }
  return folded;
}

function validate(state: FormState, intent: Intent): Record<string, string> {
  const schema = intent === 'submit' ? caseStudySubmitSchema : caseStudyDraftSchema;
  const result = schema.safeParse(inputFromState(state));
  if (result.success) return {};
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.')] ??= issue.message;
  return foldErrors(fields);
}

/** Which error keys a form field's value feeds (to clear server errors when it changes). */
const KEYS_OF: Partial<Record<keyof FormState, string>> = {
  contactName: 'contact.name',
  contactEmail: 'contact.email',
  contactPhone: 'contact.phone',
  quote: 'consent.quote',
  showToMembers: 'consent.showToMembers',
  attribution: 'consent.attribution',
};

export function CaseStudyForm({ slug, sections, knownThemes, initial, existing, createAction, updateAction }: Props) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(() => stateFromValues(initial));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState<Intent | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [caseStudyId, setCaseStudyId] = useState(existing?.id ?? null);
  const [status, setStatus] = useState(existing?.status ?? null);
  const busy = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const clientKey = useMemo(() => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`), []);
  const uid = useId();

  const clientErrors = validate(state, attempted ?? 'submit');
  const visible: Record<string, string> = {};
  for (const key of FIELD_ORDER) {
    const message = serverErrors[key] ?? ((attempted || touched.has(key)) ? clientErrors[key] : undefined);
    if (message) visible[key] = message;
  }
  const problems = FIELD_ORDER.filter((key) => visible[key]);

  function change<K extends keyof FormState>(key: K, value: FormState[K]) {
    setState((previous) => ({ ...previous, [key]: value }));
    setSaved(null);
    const errorKey = KEYS_OF[key] ?? key;
    if (serverErrors[errorKey]) setServerErrors(({ [errorKey]: _gone, ...rest }) => rest);
  }
  const touch = (key: string) => setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));

  function showSummary() {
    // After React has rendered the summary.
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function save(intent: Intent) {
    if (busy.current) return;
    setAttempted(intent);
    setFormError(null);
    setSaved(null);
    const errors = validate(state, intent);
    if (Object.keys(errors).length) {
      showSummary();
      return;
    }
    busy.current = true;
    setPending(true);
    try {
      const input = inputFromState(state);
      const result = caseStudyId
        ? await updateAction(caseStudyId, { ...input, submit: intent === 'submit' })
        : await createAction(slug, { ...input, draft: intent === 'draft', clientKey });
      if (!result.ok || !result.data) {
        const { _: general, ...fields } = foldErrors(result.fieldErrors);
        setServerErrors(fields);
        // Field problems are listed one by one; otherwise say what went wrong (closed, too many, ...).
        setFormError(Object.keys(fields).length ? (general ?? null) : (general ?? result.error ?? 'The case study could not be saved.'));
        showSummary();
        return;
      }
      setServerErrors({});
      setCaseStudyId(result.data.id);
      setStatus(result.data.status as typeof status);
      if (intent === 'submit') {
        router.push(`/case-studies/${result.data.id}?saved=${existing?.status === 'changes_requested' ? 'resubmitted' : 'submitted'}`);
        return;
      }
      // The form stays as it is (a new page here would lose focus and anything typed meanwhile);
      // later saves update this draft, and "Your case studies" leads back to it.
      setSaved(`Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. You can find it later under “Your case studies”.`);
    } catch {
      setFormError('Chorus could not be reached. Nothing you typed is lost: try again.');
      showSummary();
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  const showSummaryBox = (attempted && problems.length > 0) || Boolean(formError);
  const submitLabel = status === 'changes_requested' ? 'Resubmit case study' : status === 'submitted' ? 'Save changes' : 'Submit case study';
  const canSaveDraft = !status || status === 'draft';

  const input = (key: keyof FormState, errorKey: string = key) => ({
    id: FIELD_IDS[errorKey],
    value: state[key] as string,
    onChange: (event: { target: { value: string } }) => change(key, event.target.value as FormState[typeof key]),
    onBlur: () => touch(errorKey),
    'aria-invalid': Boolean(visible[errorKey]),
  });

  return (
    <form
      noValidate
      aria-describedby={`${uid}-intro`}
      className="flex max-w-3xl flex-col gap-8"
      onSubmit={(event) => {
        event.preventDefault();
        void save('submit');
      }}
    >
      <p id={`${uid}-intro`} className="text-muted">
        Fields marked “optional” may be left empty. You can save a draft and finish it later; coordinators see it only once you submit it.
      </p>

      {showSummaryBox ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby={`${uid}-summary-title`} className="rounded-md border-2 border-danger bg-white p-4">
          <h2 id={`${uid}-summary-title`} className="mb-2 font-semibold text-danger">There is a problem</h2>
          {formError ? <p className="mb-2">{formError}</p> : null}
          {problems.length ? (
            <ul className="list-disc pl-5">
              {problems.map((key) => (
                <li key={key}>
                  <a className="text-danger underline" href={`#${FIELD_IDS[key]}`} onClick={(event) => focusField(event, FIELD_IDS[key])}>
                    {visible[key]}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">The case study</legend>
        <Field id="cs-title" label="Title" error={visible.title} hint="A short name for the example.">
          <TextInput {...input('title')} maxLength={200} aria-describedby={describedBy('cs-title', true, visible.title)} />
        </Field>
        <Field id="cs-organisation" label="Organisation or initiative" error={visible.organisation}>
          <TextInput {...input('organisation')} maxLength={200} aria-describedby={describedBy('cs-organisation', false, visible.organisation)} />
        </Field>
        <Field id="cs-place" label="Place (optional)" hint="Town, city or region." error={visible.place}>
          <TextInput {...input('place')} maxLength={200} aria-describedby={describedBy('cs-place', true, visible.place)} />
        </Field>
        <Field
          id="cs-summary"
          label="Summary"
          hint={`What was done, by whom, and what changed. ${state.summary.length.toLocaleString('en-GB')} of ${MAX_SUMMARY_CHARACTERS.toLocaleString('en-GB')} characters.`}
          error={visible.summary}
        >
          <TextArea {...input('summary')} rows={8} aria-describedby={describedBy('cs-summary', true, visible.summary)} />
        </Field>
        <Field id="cs-evidence" label="Evidence (optional)" hint="Figures, evaluations or reports that show the difference it made." error={visible.evidence}>
          <TextArea {...input('evidence')} rows={4} aria-describedby={describedBy('cs-evidence', true, visible.evidence)} />
        </Field>
        <Field id="cs-links" label="Links (optional)" hint="One web address per line, starting with https:// or http://." error={visible.links}>
          <TextArea {...input('links')} rows={3} spellCheck={false} aria-describedby={describedBy('cs-links', true, visible.links)} />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">What it supports</legend>
        <ChoiceGroup id="cs-sections" legend="Sections of the draft it supports" hint="Choose one or more." error={visible.sectionIds}>
          {sections.map((section, index) => {
            const id = index === 0 ? 'cs-sections' : `cs-sections-${section.id}`;
            return (
              <div key={section.id} className="flex items-start gap-2">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1 h-4 w-4"
                  checked={state.sectionIds.includes(section.id)}
                  aria-invalid={Boolean(visible.sectionIds)}
                  onChange={(event) => {
                    touch('sectionIds');
                    change('sectionIds', event.target.checked ? [...state.sectionIds, section.id] : state.sectionIds.filter((other) => other !== section.id));
                  }}
                />
                <label htmlFor={id}>{sectionTitle(section)}</label>
              </div>
            );
          })}
        </ChoiceGroup>
        <Field
          id="cs-themes"
          label="Themes (optional)"
          hint={knownThemes.length ? `Separate themes with commas. Already used: ${knownThemes.join(', ')}.` : 'Separate themes with commas, for example: housing, rural transport.'}
          error={visible.themes}
        >
          <TextInput {...input('themes')} aria-describedby={describedBy('cs-themes', true, visible.themes)} />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-4" aria-describedby={`${uid}-contact-hint`}>
        <legend className="mb-1 text-lg font-semibold">Contact details for the coordinator</legend>
        <p id={`${uid}-contact-hint`} className="text-sm text-muted">Only the coordinators and you can see these. They are never shown to other members.</p>
        <Field id="cs-contact-name" label="Contact name" error={visible['contact.name']}>
          <TextInput {...input('contactName', 'contact.name')} autoComplete="name" maxLength={100} aria-describedby={describedBy('cs-contact-name', false, visible['contact.name'])} />
        </Field>
        <Field id="cs-contact-email" label="Contact email" error={visible['contact.email']}>
          <TextInput {...input('contactEmail', 'contact.email')} type="email" autoComplete="email" aria-describedby={describedBy('cs-contact-email', false, visible['contact.email'])} />
        </Field>
        <Field id="cs-contact-phone" label="Contact phone (optional)" error={visible['contact.phone']}>
          <TextInput {...input('contactPhone', 'contact.phone')} type="tel" autoComplete="tel" aria-describedby={describedBy('cs-contact-phone', false, visible['contact.phone'])} />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">Consent</legend>
        <RadioGroup
          id="cs-consent-quote"
          legend="May the network quote this case study in its submission?"
          value={state.quote}
          error={visible['consent.quote']}
          options={[{ value: 'yes', label: 'Yes, it may be quoted' }, { value: 'no', label: 'No' }]}
          onChange={(value) => {
            touch('consent.quote');
            change('quote', value as FormState['quote']);
          }}
        />
        <RadioGroup
          id="cs-consent-show"
          legend="May other members of the network see it once it is accepted?"
          value={state.showToMembers}
          error={visible['consent.showToMembers']}
          options={[{ value: 'yes', label: 'Yes, show it to members' }, { value: 'no', label: 'No, only the coordinators' }]}
          onChange={(value) => {
            touch('consent.showToMembers');
            change('showToMembers', value as FormState['showToMembers']);
          }}
        />
        <RadioGroup
          id="cs-attribution"
          legend="How should it be credited?"
          value={state.attribution}
          error={visible['consent.attribution']}
          options={[
            { value: 'named', label: 'Named', hint: 'The contact’s name and the organisation.' },
            { value: 'organisation', label: 'Organisation only', hint: 'The organisation, without a name.' },
            { value: 'anonymous', label: 'Anonymous', hint: 'Neither the name nor the organisation.' },
          ]}
          onChange={(value) => {
            touch('consent.attribution');
            change('attribution', value as FormState['attribution']);
          }}
        />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending && attempted === 'submit' ? 'Submitting…' : submitLabel}</Button>
        {canSaveDraft ? (
          <Button variant="secondary" disabled={pending} onClick={() => void save('draft')}>
            {pending && attempted === 'draft' ? 'Saving…' : 'Save draft'}
          </Button>
        ) : null}
        <p role="status" aria-live="polite" className="text-sm text-ok">{saved ?? ''}</p>
      </div>
    </form>
  );
}

function focusField(event: React.MouseEvent, id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  event.preventDefault();
  element.focus();
  element.scrollIntoView({ block: 'center' });
}

function ChoiceGroup({ id, legend, hint, error, children }: { id: string; legend: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy(`${id}-group`, hint, error)}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint ? <p id={`${id}-group-hint`} className="text-sm text-muted">{hint}</p> : null}
      {error ? <p id={`${id}-group-error`} className="text-sm text-danger">{error}</p> : null}
      {children}
    </fieldset>
  );
}

type RadioProps = {
  id: string;
  legend: string;
  value: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  onChange: (value: string) => void;
};

function RadioGroup({ id, legend, value, error, options, onChange }: RadioProps) {
  return (
    <ChoiceGroup id={id} legend={legend} error={error}>
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div key={option.value} className="flex items-start gap-2">
            <input
              id={optionId}
              type="radio"
              name={id}
              value={option.value}
              className="mt-1 h-4 w-4"
              checked={value === option.value}
              aria-invalid={Boolean(error)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={optionId}>
              {option.label}
              {option.hint ? <span id={`${optionId}-hint`} className="block text-sm text-muted">{option.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </ChoiceGroup>
  );
}
