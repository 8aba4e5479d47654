import { describe, expect, it } from 'vitest';
import {
  canEditCaseStudy,
  canSeePrivateDetails,
  canViewCaseStudy,
  quoteRefusal,
  statusAfterDecision,
  submissionsOpen,
} from '@/lib/case-studies/policy';
import { caseStudyDraftSchema, caseStudySubmitSchema, decisionSchema } from '@/lib/case-studies/schemas';
import type { CaseStudyStatus, Role } from '@/lib/generated/prisma/enums';

const STATUSES: CaseStudyStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'FEATURED', 'DECLINED'];
const ROLES: Role[] = ['MEMBER', 'DRAFTER', 'COORDINATOR'];

describe('[CASE STUDIES] policy', () => {
  it('who may view: role × status × consent × authorship matrix', () => {
    let cells = 0;
    for (const role of ROLES) {
      for (const status of STATUSES) {
        for (const consentShow of [true, false]) {
          for (const own of [true, false]) {
            const viewer = { id: own ? 'author' : 'other', role };
            const caseStudy = { authorId: 'author', status, consentShow };
            const published = (status === 'ACCEPTED' || status === 'FEATURED') && consentShow;
            const expected = own || (status !== 'DRAFT' && (role === 'COORDINATOR' || published));
            expect(canViewCaseStudy(viewer, caseStudy), `${role} ${status} show=${consentShow} own=${own}`).toBe(expected);
            const privateExpected = own || (status !== 'DRAFT' && role === 'COORDINATOR');
            expect(canSeePrivateDetails(viewer, caseStudy), `private ${role} ${status} own=${own}`).toBe(privateExpected);
            cells++;
          }
        }
      }
    }
    expect(cells).toBe(ROLES.length * STATUSES.length * 2 * 2);
  });

  it('only the submitter edits, and only while draft, submitted or changes requested', () => {
    const editable = STATUSES.filter((status) => canEditCaseStudy({ id: 'a', role: 'MEMBER' }, { authorId: 'a', status, consentShow: true }));
    expect(editable).toEqual(['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED']);
    expect(canEditCaseStudy({ id: 'c', role: 'COORDINATOR' }, { authorId: 'a', status: 'SUBMITTED', consentShow: true })).toBe(false);
  });

  it('submissions are open only in the open phase and before the deadline', () => {
    const now = new Date('2025-05-01T12:00:00Z');
    expect(submissionsOpen({ phase: 'OPEN', deadline: null }, now)).toEqual({ open: true });
    expect(submissionsOpen({ phase: 'OPEN', deadline: new Date('2025-05-01T12:00:01Z') }, now)).toEqual({ open: true });
    expect(submissionsOpen({ phase: 'OPEN', deadline: '2025-05-01T12:00:00Z' }, now)).toMatchObject({ open: false, reason: expect.stringContaining('deadline') });
    for (const phase of ['DRAFTING', 'CLOSED', 'FINAL'] as const) {
      expect(submissionsOpen({ phase, deadline: null }, now)).toMatchObject({ open: false, reason: expect.stringContaining('open for comment') });
    }
  });

  it('decisions move the status, must change something, and never apply to drafts', () => {
    expect(statusAfterDecision('SUBMITTED', 'accept')).toEqual({ status: 'ACCEPTED' });
    expect(statusAfterDecision('SUBMITTED', 'feature')).toEqual({ status: 'FEATURED' });
    expect(statusAfterDecision('SUBMITTED', 'request_changes')).toEqual({ status: 'CHANGES_REQUESTED' });
    expect(statusAfterDecision('ACCEPTED', 'decline')).toEqual({ status: 'DECLINED' });
    expect(statusAfterDecision('FEATURED', 'accept')).toEqual({ status: 'ACCEPTED' });
    expect(statusAfterDecision('ACCEPTED', 'accept')).toEqual({ error: 'This case study is already accepted' });
    expect(statusAfterDecision('DRAFT', 'accept')).toHaveProperty('error');
  });

  it('quoting needs acceptance and consent', () => {
    expect(quoteRefusal({ status: 'ACCEPTED', consentQuote: true })).toBeNull();
    expect(quoteRefusal({ status: 'FEATURED', consentQuote: true })).toBeNull();
    expect(quoteRefusal({ status: 'SUBMITTED', consentQuote: true })).toMatch(/accepted/);
    expect(quoteRefusal({ status: 'ACCEPTED', consentQuote: false })).toMatch(/did not agree/);
  });
});

describe('[CASE STUDIES] input schemas shared by form and server', () => {
  const complete = {
    title: 'T',
    organisation: 'O',
    summary: 'S',
    sectionIds: ['s1', 's1'],
    links: [' https://example.org '],
    themes: ['  Rural   Transport '],
    contact: { name: 'N', email: 'N@Example.org', phone: '' },
    consent: { quote: false, showToMembers: true, attribution: 'organisation' },
  };

  it('normalises what is typed: trimmed links, lower-case themes, unique sections, empty optionals as null', () => {
    const parsed = caseStudySubmitSchema.parse(complete);
    expect(parsed).toMatchObject({ place: null, evidence: null, links: ['https://example.org'], themes: ['rural transport'], sectionIds: ['s1'], contact: { email: 'n@example.org', phone: null } });
  });

  it('a draft accepts almost nothing but still refuses malformed values', () => {
    expect(caseStudyDraftSchema.parse({})).toMatchObject({ title: '', sectionIds: [], consent: { quote: false, showToMembers: false, attribution: 'anonymous' } });
    const bad = caseStudyDraftSchema.safeParse({ links: ['javascript:void(0)'], contact: { email: 'nope' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['contact.email', 'links.0']);
  });

  it('a decision to request changes or decline needs a note', () => {
    expect(decisionSchema.safeParse({ decision: 'accept' }).success).toBe(true);
    expect(decisionSchema.safeParse({ decision: 'request_changes' }).success).toBe(false);
    expect(decisionSchema.safeParse({ decision: 'decline', note: 'Off topic' }).success).toBe(true);
  });
});
