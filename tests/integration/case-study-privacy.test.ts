/**
 * What each person learns about who submitted a case study, on every route, page and
 * export that shows case studies: route × viewer role × the submitter's consent.
 *
 * The promise: contact details, the submitter's account and their consent answers are for
 * the submitter and coordinators. Everyone else, drafters included, sees the case study
 * only when it was accepted and shown with consent, credited as consented (named: contact
 * name and organisation; organisation: the organisation; anonymous: nobody, no organisation).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCaseStudyRoute } from '@/app/api/v1/case-studies/[id]/route';
import { GET as listCaseStudiesRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { GET as exportRoute } from '@/app/api/v1/responses/[slug]/export/route';
import { GET as reportRoute } from '@/app/api/v1/responses/[slug]/report/route';
import { GET as feedbackRoute } from '@/app/api/v1/sections/[id]/feedback/route';
import type { Caller } from '@/lib/auth/policy';
import { listPublishedCaseStudies, listSectionCaseStudies } from '@/lib/case-studies/queries';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getReport } from '@/lib/export/report';
import { getMergeSection } from '@/lib/merge/queries';
import { callRoute, createPerson, createResponse } from '@/tests/support/factories';
import { createApiToken } from '@/lib/auth/tokens';

type Role = 'MEMBER' | 'DRAFTER' | 'COORDINATOR';
type Attribution = 'NAMED' | 'ORGANISATION' | 'ANONYMOUS';
type Consent = { attribution: Attribution; consentShow: boolean };
type Answer = { status: number; body: unknown };
type Subject = {
  consent: Consent;
  slug: string;
  sectionId: string;
  caseStudyId: string;
  title: string;
  organisation: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  submitter: { id: string; name: string; email: string };
};
type Viewer = { caller: Caller; token: string };

const hex = () => randomBytes(4).toString('hex');

/** A page's data as the page gets it, in the shape of an API answer. */
async function page(load: () => Promise<unknown>): Promise<Answer> {
  try {
    return { status: 200, body: JSON.parse(JSON.stringify(await load())) };
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, body: { error: error.code } };
    throw error;
  }
}

const routes: Record<string, (viewer: Viewer, subject: Subject) => Promise<Answer>> = {
  'GET /api/v1/sections/{id}/feedback': (v, s) => callRoute(feedbackRoute, { token: v.token, params: { id: s.sectionId } }),
  'merge page /responses/{slug}/merge/{sectionId}': (v, s) => page(() => getMergeSection(v.caller, s.sectionId)),
  'GET /api/v1/case-studies/{id}': (v, s) => callRoute(getCaseStudyRoute, { token: v.token, params: { id: s.caseStudyId } }),
  'GET /api/v1/responses/{slug}/case-studies': (v, s) => callRoute(listCaseStudiesRoute, { token: v.token, params: { slug: s.slug }, url: `http://localhost:3000/api/v1/responses/${s.slug}/case-studies` }),
  'case studies page /responses/{slug}/case-studies': (v, s) => page(() => listPublishedCaseStudies(v.caller, s.slug)),
  'section page /responses/{slug}/sections/{id}': (v, s) => page(() => listSectionCaseStudies(v.caller, s.sectionId)),
  'JSON archive GET /api/v1/responses/{slug}/export?format=json': (v, s) =>
    callRoute(exportRoute, { token: v.token, params: { slug: s.slug }, url: `http://localhost:3000/api/v1/responses/${s.slug}/export?format=json` }),
  'GET /api/v1/responses/{slug}/report?format=json&names=1': (v, s) =>
    callRoute(reportRoute, { token: v.token, params: { slug: s.slug }, url: `http://localhost:3000/api/v1/responses/${s.slug}/report?format=json&names=1` }),
  'report page /responses/{slug}/report?names=1': (v, s) => page(() => getReport(v.caller, s.slug, { names: true })),
};
const roles: Role[] = ['MEMBER', 'DRAFTER', 'COORDINATOR'];
const consents: Consent[] = (['NAMED', 'ORGANISATION', 'ANONYMOUS'] as const).flatMap((attribution) => [true, false].map((consentShow) => ({ attribution, consentShow })));
/** Where members are refused altogether (the text of these is for the drafting group). */
const draftingGroupOnly = new Set(['GET /api/v1/sections/{id}/feedback', 'merge page /responses/{slug}/merge/{sectionId}', 'JSON archive GET /api/v1/responses/{slug}/export?format=json', 'GET /api/v1/responses/{slug}/report?format=json&names=1']);

/** The members' views: they list only case studies shown with consent, to everyone, coordinators too. */
const shownWithConsentOnly = new Set(['case studies page /responses/{slug}/case-studies', 'section page /responses/{slug}/sections/{id}']);

async function createSubject(consent: Consent): Promise<Subject> {
  const tag = hex();
  const submitterName = `Submitter ${tag}`;
  const submitter = await createPerson('MEMBER', { name: submitterName });
  const { response, sections } = await createResponse({ phase: 'OPEN' });
  const subject = {
    title: `Case ${tag}`,
    organisation: `Organisation ${tag}`,
    contactName: `Contact ${tag}`,
    contactEmail: `contact-${tag}@example.org`,
    contactPhone: `0700 ${tag}`,
  };
  const caseStudy = await db().caseStudy.create({
    data: {
      responseId: response.id,
      authorId: submitter.id,
      ...subject,
      place: 'Riverside',
      summary: 'A pantry run by residents halved the queue.',
      links: [],
      themes: ['food'],
      consentQuote: true,
      consentShow: consent.consentShow,
      attribution: consent.attribution,
      status: 'ACCEPTED',
      submittedAt: new Date(),
      sections: { create: [{ sectionId: sections[0].id }] },
    },
  });
  return { consent, slug: response.slug, sectionId: sections[0].id, caseStudyId: caseStudy.id, ...subject, submitter: { id: submitter.id, name: submitterName, email: submitter.email } };
}

/** The case study's own object(s) in an answer, found by id, without the viewer-specific `mine`. */
function caseStudyObjects(body: unknown, id: string): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.id === id) {
        const { mine: _mine, ...rest } = record;
        found.push(rest);
      } else Object.values(record).forEach(walk);
    }
  };
  walk(body);
  return found;
}

describe('[CASE STUDIES] privacy matrix: route × viewer × consent', () => {
  const viewers = {} as Record<Role, Viewer>;
  const subjects: Subject[] = [];
  let ran = 0;

  beforeAll(async () => {
    for (const role of roles) {
      const caller = await createPerson(role, { name: `Viewer ${role} ${hex()}` });
      const { token } = await createApiToken(caller, caller.id, { name: 'matrix' });
      viewers[role] = { caller, token };
    }
    for (const consent of consents) subjects.push(await createSubject(consent));
  });

  afterAll(() => {
    // An empty or shortened matrix must not pass.
    expect(ran).toBe(Object.keys(routes).length * roles.length * consents.length);
    expect(ran).toBe(162);
  });

  for (const [route, call] of Object.entries(routes)) {
    for (const role of roles) {
      it(`${route} as a ${role.toLowerCase()}: submitter and organisation exactly as consented`, async () => {
        for (const subject of subjects) {
          const { attribution, consentShow } = subject.consent;
          const label = `${route} / ${role} / ${attribution} shown=${consentShow}`;
          const answer = await call(viewers[role], subject);
          ran += 1;
          if (role === 'MEMBER' && draftingGroupOnly.has(route)) {
            expect(answer.status, label).toBe(403);
            continue;
          }
          const text = JSON.stringify(answer.body);
          const visible = consentShow || (role === 'COORDINATOR' && !shownWithConsentOnly.has(route));
          if (route === 'GET /api/v1/case-studies/{id}' && !visible) {
            expect(answer.status, label).toBe(404);
            continue;
          }
          expect(answer.status, label).toBe(200);
          if (!visible) {
            expect(text, label).not.toContain(subject.title);
            continue;
          }
          // Coordinators moderate: they may see who submitted it, and its contact details.
          expect(text, label).toContain(subject.title);
          if (role === 'COORDINATOR') continue;

          // Members and drafters alike: never the account, contact details or consent answers.
          for (const secret of [subject.submitter.id, subject.submitter.name, subject.submitter.email, subject.contactEmail, subject.contactPhone]) {
            expect(text, `${label}: leaks ${secret}`).not.toContain(secret);
          }
          expect(text, label).not.toMatch(/"consent(Quote|Show)?":(true|false|\{)/);
          expect(text.includes(subject.organisation), `${label}: organisation`).toBe(attribution !== 'ANONYMOUS');
          expect(text.includes(subject.contactName), `${label}: contact name`).toBe(attribution === 'NAMED');
        }
      });
    }
  }

  it('drafters see each case study exactly as members do, wherever both can see it', async () => {
    const shared = Object.keys(routes).filter((route) => !draftingGroupOnly.has(route));
    for (const subject of subjects) {
      for (const route of shared) {
        const [member, drafter] = await Promise.all([routes[route](viewers.MEMBER, subject), routes[route](viewers.DRAFTER, subject)]);
        expect(drafter.status, route).toBe(member.status);
        expect(caseStudyObjects(drafter.body, subject.caseStudyId), `${route} / ${subject.consent.attribution}`).toEqual(caseStudyObjects(member.body, subject.caseStudyId));
      }
    }
  });
});
