/**
 * Organisations endorse the final response; coordinators approve or decline signatories;
 * the submission export and the form export list the approved ones, with reservations in
 * an annex. And each member's own contributions, as the start of an individual response.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { POST as decisionRoute } from '@/app/api/v1/endorsements/[id]/decision/route';
import { GET as formExportRoute } from '@/app/api/v1/responses/[slug]/export/form/route';
import { GET as exportRoute } from '@/app/api/v1/responses/[slug]/export/route';
import { GET as listRoute, POST as endorseRoute } from '@/app/api/v1/responses/[slug]/endorsements/route';
import { GET as contributionsRoute } from '@/app/api/v1/responses/[slug]/my-contributions/route';
import { createComment } from '@/lib/comments/mutations';
import { exportMyContributions } from '@/lib/contributions/export';
import { db } from '@/lib/db';
import { exportBytes } from '@/lib/export/service';
import { createSuggestion } from '@/lib/suggestions/mutations';
import { callRoute, createCaseStudy, createPersonWithToken, createResponse } from '@/tests/support/factories';

const url = (slug: string, path: string) => `http://localhost:3000/api/v1/responses/${slug}/${path}`;
const endorse = (token: string | undefined, slug: string, body: unknown) => callRoute(endorseRoute, { method: 'POST', token, params: { slug }, url: url(slug, 'endorsements'), body });
const listed = (token: string, slug: string) => callRoute(listRoute, { token, params: { slug }, url: url(slug, 'endorsements') });
const decide = (token: string, id: string, body: unknown) => callRoute(decisionRoute, { method: 'POST', token, params: { id }, body });

const withReservations = {
  organisation: 'Riverside Food Bank',
  signatoryName: 'Priya Shah',
  signatoryRole: 'Chair of trustees',
  kind: 'endorse_with_reservations',
  reservations: 'We would go further on multi-year funding.',
};

async function finalResponse() {
  const coordinator = await createPersonWithToken('COORDINATOR');
  const member = await createPersonWithToken('MEMBER');
  const other = await createPersonWithToken('MEMBER');
  const { response, sections } = await createResponse({ phase: 'FINAL', authorId: coordinator.person.id });
  return { coordinator, member, other, slug: response.slug, response, sections };
}

describe('[ENDORSEMENTS] endorsing the final response', () => {
  it('should require authentication', async () => {
    const { slug } = await finalResponse();
    expect((await endorse(undefined, slug, withReservations)).status).toBe(401);
    expect((await callRoute(listRoute, { params: { slug }, url: url(slug, 'endorsements') })).status).toBe(401);
    expect((await callRoute(decisionRoute, { method: 'POST', params: { id: 'x' }, body: { decision: 'approve' } })).status).toBe(401);
  });

  it('an endorsement before the response is final is refused, and nothing is stored', async () => {
    const member = await createPersonWithToken('MEMBER');
    for (const phase of ['DRAFTING', 'OPEN', 'CLOSED'] as const) {
      const { response } = await createResponse({ phase });
      const answer = await endorse(member.token, response.slug, withReservations);
      expect(answer.status, phase).toBe(409);
      expect(answer.body.error.code).toBe('closed');
      expect(answer.body.error.message).toMatch(/once it is final/);
      expect(await db().endorsement.count({ where: { responseId: response.id } })).toBe(0);
    }
  });

  it('any member endorses on behalf of their organisation; it waits for a coordinator, seen only by them and the coordinators', async () => {
    const { coordinator, member, other, slug } = await finalResponse();
    const created = await endorse(member.token, slug, withReservations);
    expect(created.status).toBe(201);
    expect(created.body.endorsement).toMatchObject({ organisation: 'Riverside Food Bank', kind: 'endorse_with_reservations', status: 'pending', mine: true });
    expect((await listed(member.token, slug)).body.endorsements).toHaveLength(1);
    expect((await listed(other.token, slug)).body.endorsements).toHaveLength(0);
    expect((await listed(coordinator.token, slug)).body.endorsements).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: 'endorsement.create', targetId: created.body.endorsement.id, actorId: member.person.id } })).toBe(1);
  });

  it('bad input is refused with a message per field and stores nothing; an organisation endorses once', async () => {
    const { member, other, slug, response } = await finalResponse();
    const missing = await endorse(member.token, slug, { organisation: ' ', kind: 'endorse_with_reservations' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toMatchObject({ organisation: expect.stringMatching(/organisation/), signatoryName: expect.stringMatching(/name/) });
    const noReservations = await endorse(member.token, slug, { ...withReservations, reservations: '' });
    expect(noReservations.status).toBe(400);
    expect(noReservations.body.error.fields.reservations).toMatch(/reservations/);
    const badKind = await endorse(member.token, slug, { ...withReservations, kind: 'maybe' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields.kind).toBeTruthy();
    expect(await db().endorsement.count({ where: { responseId: response.id } })).toBe(0);

    expect((await endorse(member.token, slug, withReservations)).status).toBe(201);
    const twice = await endorse(other.token, slug, { ...withReservations, organisation: 'the riverside  food bank', kind: 'endorse' });
    expect(twice.status).toBe(409);
    expect(await db().endorsement.count({ where: { responseId: response.id } })).toBe(1);
  });
});

describe('[ENDORSEMENTS] coordinators approve signatories; exports list them', () => {
  it('a member cannot approve or decline a signatory', async () => {
    const { member, slug } = await finalResponse();
    const { endorsement } = (await endorse(member.token, slug, withReservations)).body;
    const answer = await decide(member.token, endorsement.id, { decision: 'approve' });
    expect(answer.status).toBe(403);
    expect((await db().endorsement.findUniqueOrThrow({ where: { id: endorsement.id } })).status).toBe('PENDING');
  });

  it('approved signatories are listed in the submission and form exports, reservations in an annex; declined ones are not', async () => {
    const { coordinator, member, other, slug } = await finalResponse();
    const first = (await endorse(member.token, slug, withReservations)).body.endorsement;
    const second = (await endorse(other.token, slug, { organisation: 'Northfield Housing Trust', signatoryName: 'Sam Okoro', kind: 'endorse' })).body.endorsement;
    const third = (await endorse(other.token, slug, { organisation: 'Hillside Youth Club', signatoryName: 'Alex Doe', kind: 'endorse' })).body.endorsement;
    expect((await decide(coordinator.token, 'no-such-id', { decision: 'approve' })).status).toBe(404);
    expect((await decide(coordinator.token, first.id, { decision: 'maybe' })).status).toBe(400);
    const approved = await decide(coordinator.token, first.id, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.endorsement.status).toBe('approved');
    expect((await decide(coordinator.token, second.id, { decision: 'approve' })).status).toBe(200);
    expect((await decide(coordinator.token, third.id, { decision: 'decline', reason: 'Not a member of the network' })).body.endorsement).toMatchObject({ status: 'declined', declineReason: 'Not a member of the network' });

    // The submitter hears of the decision in the app.
    expect(await db().notification.count({ where: { userId: member.person.id, kind: 'endorsement.approved' } })).toBe(1);
    expect(await db().notification.count({ where: { userId: other.person.id, kind: 'endorsement.declined' } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: { in: ['endorsement.approve', 'endorsement.decline'] }, actorId: coordinator.person.id } })).toBe(3);
    // Everyone sees the approved signatories; the declined one only its submitter and coordinators.
    const seenByMember = (await listed(member.token, slug)).body.endorsements.map((e: { organisation: string }) => e.organisation);
    expect(seenByMember).toEqual(['Northfield Housing Trust', 'Riverside Food Bank']);

    const txt: string = (await callRoute(exportRoute, { token: coordinator.token, params: { slug }, url: url(slug, 'export?format=txt') })).body;
    expect(txt).toContain('Signatories');
    expect(txt).toContain('• Northfield Housing Trust, signed by Sam Okoro');
    expect(txt).toContain('• Riverside Food Bank, signed by Priya Shah, Chair of trustees (with reservations: see the annex)');
    expect(txt).toContain('Annex: reservations\n\nRiverside Food Bank\n\nWe would go further on multi-year funding.');
    expect(txt).not.toContain('Hillside Youth Club');
    expect(txt.indexOf('The second section says another thing.')).toBeLessThan(txt.indexOf('Signatories'));

    const form: string = (await callRoute(formExportRoute, { token: member.token, params: { slug }, url: url(slug, 'export/form?format=txt') })).body;
    expect(form).toContain('• Riverside Food Bank, signed by Priya Shah, Chair of trustees (with reservations: see the annex)');
    expect(form).toContain('We would go further on multi-year funding.');

    const docx = await callRoute(formExportRoute, { token: coordinator.token, params: { slug }, url: url(slug, 'export/form?format=docx') });
    expect(docx.status).toBe(200);
  });
});

describe('[CONTRIBUTIONS] my contributions as the start of an individual response', () => {
  it('should require authentication', async () => {
    const { slug } = await finalResponse();
    expect((await callRoute(contributionsRoute, { params: { slug }, url: url(slug, 'my-contributions?format=md') })).status).toBe(401);
  });

  it('holds the member’s own comments, suggestions and case studies, and nobody else’s (md and docx)', async () => {
    const coordinator = await createPersonWithToken('COORDINATOR');
    const member = await createPersonWithToken('MEMBER');
    const other = await createPersonWithToken('MEMBER');
    const { response, sections } = await createResponse({ phase: 'OPEN', authorId: coordinator.person.id });
    await createComment(member.person, sections[0].id, { body: 'Our members see this every week.', anchor: { exact: 'says one thing' } });
    await createComment(other.person, sections[0].id, { body: 'Somebody else’s view.' });
    await createSuggestion(member.person, sections[1].id, { anchor: { exact: 'another thing' }, replacement: 'a better thing', reason: 'Clearer.' });
    await createCaseStudy({ responseId: response.id, authorId: member.person.id, sectionIds: [sections[0].id], title: 'The Tuesday pantry' });

    const md = await callRoute(contributionsRoute, { token: member.token, params: { slug: response.slug }, url: url(response.slug, 'my-contributions?format=md') });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toBe(`attachment; filename="${response.slug}-my-contributions.md"`);
    expect(md.body).toContain('# My response to “Test consultation”');
    expect(md.body).toContain('## 1. Section 1');
    expect(md.body).toContain('On “says one thing”:');
    expect(md.body).toContain('Our members see this every week.');
    expect(md.body).toContain('I suggested replacing “another thing” with “a better thing”.');
    expect(md.body).toContain('### The Tuesday pantry');
    expect(md.body).not.toContain('Somebody else');

    const docx = await exportMyContributions(member.person, response.slug, { format: 'docx' });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await exportBytes(docx)) });
    expect(value).toContain('Our members see this every week.');
    expect(value).not.toContain('Somebody else');
    const bad = await callRoute(contributionsRoute, { token: member.token, params: { slug: response.slug }, url: url(response.slug, 'my-contributions?format=pdf') });
    expect(bad.status).toBe(400);
  });
});
