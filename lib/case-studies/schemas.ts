/**
 * Case study inputs, shared by the submission form (validation as you type) and the
 * server (parseInput in lib/case-studies/mutations.ts), so both say the same thing
 * about the same field. No server-only code here: the form imports this file.
 *
 * Two strengths of the same shape: a draft may be incomplete (only what is typed must be
 * well-formed); a submission must be complete.
 */
import { z } from 'zod';

export const MAX_SUMMARY_CHARACTERS = 20_000;
export const MAX_EVIDENCE_CHARACTERS = 20_000;
export const MAX_LINKS = 20;
export const MAX_THEMES = 10;
export const MAX_QUOTE_CHARACTERS = 1_000;

export const attributionValues = ['named', 'organisation', 'anonymous'] as const;
export type AttributionValue = (typeof attributionValues)[number];

export const decisionValues = ['accept', 'feature', 'request_changes', 'decline'] as const;
export type DecisionValue = (typeof decisionValues)[number];

export const statusValues = ['draft', 'submitted', 'changes_requested', 'accepted', 'featured', 'declined'] as const;
export type StatusValue = (typeof statusValues)[number];

type Mode = 'draft' | 'submit';

const thousands = (n: number) => n.toLocaleString('en-GB');

/** A text field that a submission needs; a draft may leave it empty (stored as ""). */
function requiredText(mode: Mode, missing: string, name: string, max: number) {
  const base = z.string({ error: mode === 'submit' ? missing : `${name} must be text` }).trim().max(max, `${name} can be at most ${thousands(max)} characters`);
  return mode === 'submit' ? base.min(1, missing) : base.nullish().transform((value) => value ?? '');
}

/** A text field that may always be left empty (stored as null). */
function optionalText(name: string, max: number) {
  return z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, `${name} can be at most ${thousands(max)} characters`)
    .nullish()
    .transform((value) => value || null);
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const link = z
  .string({ error: 'Each link must be text' })
  .trim()
  .max(2_000, 'Links can be at most 2,000 characters')
  .refine(isWebLink, 'Links must be web addresses starting with http:// or https://');

const dedupe = (values: string[]) => [...new Set(values)];

const theme = z
  .string({ error: 'Each theme must be text' })
  .trim()
  .toLowerCase()
  .min(1, 'Themes cannot be empty')
  .max(60, 'Themes can be at most 60 characters')
  .transform((value) => value.replace(/\s+/g, ' '));

function emailField(mode: Mode) {
  const valid = (value: string) => z.email().safeParse(value).success;
  const base = z.string({ error: 'Enter a contact email address' }).trim().toLowerCase().max(254, 'Email addresses are at most 254 characters');
  return mode === 'submit'
    ? base.min(1, 'Enter a contact email address').refine(valid, 'Enter an email address like name@example.org')
    : base.nullish().transform((value) => value ?? '').refine((value) => !value || valid(value), 'Enter an email address like name@example.org');
}

const phone = z
  .string({ error: 'The phone number must be text' })
  .trim()
  .max(40, 'Phone numbers are at most 40 characters')
  .refine((value) => !value || /^[+(\d][\d\s().-]{5,}$/.test(value), 'Enter a phone number using digits, spaces and + ( ) -')
  .nullish()
  .transform((value) => value || null);

function consentChoice(mode: Mode, missing: string) {
  const base = z.boolean({ error: missing });
  return mode === 'submit' ? base : base.nullish().transform((value) => value ?? false);
}

function fields(mode: Mode) {
  return {
    /** A short name for the example. */
    title: requiredText(mode, 'Enter a title', 'The title', 200),
    /** The organisation or initiative behind it. */
    organisation: requiredText(mode, 'Enter the organisation or initiative', 'The organisation', 200),
    /** Where it happened (town, region). */
    place: optionalText('The place', 200),
    /** What was done, by whom, and what changed. */
    summary: requiredText(mode, 'Enter a summary of what was done, by whom and what changed', 'The summary', MAX_SUMMARY_CHARACTERS),
    /** Evidence of the outcome, in words. */
    evidence: optionalText('The evidence', MAX_EVIDENCE_CHARACTERS),
    /** Web addresses with more information: http or https only. */
    links: z
      .array(link, { error: 'Links must be a list of web addresses' })
      .max(MAX_LINKS, `Give at most ${MAX_LINKS} links`)
      .nullish()
      .transform((value) => dedupe(value ?? [])),
    /** Sections of this response the case study supports: at least one when submitted. */
    sectionIds: z
      .array(z.string({ error: 'Section ids must be text' }).min(1, 'Section ids cannot be empty'), { error: 'Choose the sections this case study supports' })
      .max(100, 'Choose at most 100 sections')
      .nullish()
      .transform((value) => dedupe(value ?? []))
      .refine((value) => mode === 'draft' || value.length > 0, 'Choose at least one section this case study supports'),
    /** Free-form themes ("housing", "rural transport"), stored in lower case. */
    themes: z
      .array(theme, { error: 'Themes must be a list of words' })
      .max(MAX_THEMES, `Give at most ${MAX_THEMES} themes`)
      .nullish()
      .transform((value) => dedupe(value ?? [])),
    /** Who the coordinator may contact. Never shown to other members. */
    contact: z.object(
      {
        name: requiredText(mode, 'Enter a contact name', 'The contact name', 100),
        email: emailField(mode),
        phone,
      },
      { error: 'Give contact details: name and email' },
    ),
    /** What the submitter allows. */
    consent: z.object(
      {
        /** May the network quote it in its submission? */
        quote: consentChoice(mode, 'Say whether it may be quoted in the submission'),
        /** May other members of the network see it? */
        showToMembers: consentChoice(mode, 'Say whether other members may see it'),
        /** How it is credited when quoted or shown. */
        attribution:
          mode === 'submit'
            ? z.enum(attributionValues, { error: 'Choose how it should be credited: named, organisation or anonymous' })
            : z
                .enum(attributionValues, { error: 'Choose how it should be credited: named, organisation or anonymous' })
                .nullish()
                .transform((value) => value ?? 'anonymous'),
      },
      { error: 'Give consent: quote, showToMembers and attribution' },
    ),
  };
}

const clientKey = z
  .string({ error: 'The client key must be text' })
  .trim()
  .min(1, 'The client key cannot be empty')
  .max(100, 'The client key can be at most 100 characters')
  .nullish();

/** A complete case study, as submitted. */
export const caseStudySubmitSchema = z.object({ ...fields('submit'), clientKey });

/** A draft: everything may be missing, but what is there must be well-formed. */
export const caseStudyDraftSchema = z.object({
  ...fields('draft'),
  contact: fields('draft').contact.nullish().transform((value) => value ?? { name: '', email: '', phone: null }),
  consent: fields('draft').consent.nullish().transform((value) => value ?? { quote: false, showToMembers: false, attribution: 'anonymous' as const }),
  clientKey,
});

export type CaseStudyInput = z.output<typeof caseStudySubmitSchema>;
export type CaseStudyDraftInput = z.output<typeof caseStudyDraftSchema>;

/** What the form holds and the API accepts, before parsing. */
export type CaseStudyFormValues = {
  title: string;
  organisation: string;
  place: string;
  summary: string;
  evidence: string;
  links: string[];
  sectionIds: string[];
  themes: string[];
  contact: { name: string; email: string; phone: string };
  consent: { quote: boolean | null; showToMembers: boolean | null; attribution: AttributionValue | null };
};

/** `draft: true` saves without submitting (creating) ; `submit: true` submits a draft or resubmits after changes were requested (updating). */
export const createFlagsSchema = z.object({ draft: z.boolean({ error: 'draft must be true or false' }).optional(), clientKey });
export const updateFlagsSchema = z.looseObject({
  submit: z.boolean({ error: 'submit must be true or false' }).optional(),
  contact: z.looseObject({}, { error: 'contact must be an object' }).optional(),
  consent: z.looseObject({}, { error: 'consent must be an object' }).optional(),
});

export const decisionSchema = z
  .object({
    /** accept, feature (accept and mark as featured), request_changes, decline. */
    decision: z.enum(decisionValues, { error: 'The decision must be accept, feature, request_changes or decline' }),
    /** For the submitter: required when requesting changes (what to change) or declining (why). */
    note: z
      .string({ error: 'The note must be text' })
      .trim()
      .max(5_000, 'The note can be at most 5,000 characters')
      .nullish()
      .transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'request_changes' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say what should change' });
    if (value.decision === 'decline' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Give a reason for declining' });
  });

export type DecisionInput = z.output<typeof decisionSchema>;

export const quoteSchema = z.object({
  /** The section that receives the quotation. */
  sectionId: z.string({ error: 'Choose a section' }).min(1, 'Choose a section'),
  /** The words quoted from the case study. */
  quote: z
    .string({ error: 'Enter the words to quote' })
    .trim()
    .min(1, 'Enter the words to quote')
    .max(MAX_QUOTE_CHARACTERS, `A quotation can be at most ${thousands(MAX_QUOTE_CHARACTERS)} characters`),
  /**
   * Insert after the paragraph (or list item) with exactly this text; absent: at the end.
   * Text rather than an offset, because people may be editing the section meanwhile.
   */
  afterParagraph: z.string({ error: 'afterParagraph must be text' }).max(200_000, 'afterParagraph is too long').nullish().transform((value) => value || null),
});

export type QuoteInput = z.output<typeof quoteSchema>;

export const listFiltersSchema = z.object({
  status: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(statusValues, { error: `status must be one of ${statusValues.join(', ')}` }))
    .optional(),
  sectionId: z.string().trim().min(1).optional(),
  theme: z.string().trim().toLowerCase().min(1).max(60).optional(),
  mine: z.boolean().optional(),
});

export type ListFilters = z.output<typeof listFiltersSchema>;

/** Splits what people type in the themes box ("housing, rural transport") into themes. */
export function themesFromText(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** One link per line (blank lines ignored). */
export function linksFromText(text: string): string[] {
  return text
    .split(/\n+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
