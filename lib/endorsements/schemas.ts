/**
 * Inputs for endorsements: an organisation signing the final response, and a
 * coordinator's decision on a signatory. Shared by the page's forms and the server.
 */
import { z } from 'zod';

export const MAX_ORGANISATION_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;
export const MAX_RESERVATIONS_LENGTH = 5_000;

export const kindValues = ['endorse', 'endorse_with_reservations'] as const;
export type KindValue = (typeof kindValues)[number];
export const decisionValues = ['approve', 'decline'] as const;

const text = (missing: string, name: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${name} can be at most ${max.toLocaleString('en-GB')} characters`);

export const endorsementSchema = z
  .object({
    /** The organisation that endorses the response. */
    organisation: text('Enter the name of your organisation', 'The organisation’s name', MAX_ORGANISATION_LENGTH),
    /** The person signing on the organisation's behalf. */
    signatoryName: text('Enter the name of the person signing', 'The name', MAX_NAME_LENGTH),
    /** Their role in the organisation ("Chief executive"); optional. */
    signatoryRole: z
      .string({ error: 'The role must be text' })
      .trim()
      .max(MAX_NAME_LENGTH, `The role can be at most ${MAX_NAME_LENGTH} characters`)
      .nullish()
      .transform((value) => value || null),
    /** "endorse", or "endorse_with_reservations" with the reservations' text. */
    kind: z.enum(kindValues, { error: 'Choose whether your organisation endorses the response, or endorses it with reservations' }),
    /** Required with reservations: printed in the exports' annex. */
    reservations: z
      .string({ error: 'The reservations must be text' })
      .trim()
      .max(MAX_RESERVATIONS_LENGTH, `The reservations can be at most ${MAX_RESERVATIONS_LENGTH.toLocaleString('en-GB')} characters`)
      .nullish()
      .transform((value) => value || null),
  })
  .superRefine((value, context) => {
    if (value.kind === 'endorse_with_reservations' && !value.reservations) {
      context.addIssue({ code: 'custom', path: ['reservations'], message: 'Enter your organisation’s reservations' });
    }
  })
  .transform((value) => ({ ...value, reservations: value.kind === 'endorse' ? null : value.reservations }));
export type EndorsementInput = z.infer<typeof endorsementSchema>;

export const endorsementDecisionSchema = z.object({
  /** approve: listed as a signatory in the exports; decline: not listed. */
  decision: z.enum(decisionValues, { error: 'Choose approve or decline' }),
  /** Why a signatory is declined; the person who submitted it sees it. Optional. */
  reason: z
    .string({ error: 'The reason must be text' })
    .trim()
    .max(2_000, 'The reason can be at most 2,000 characters')
    .nullish()
    .transform((value) => value || null),
});
