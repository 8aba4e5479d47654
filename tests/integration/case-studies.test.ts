import { describe, expect, it } from 'vitest';
import { GET as getCaseStudyRoute, PATCH as patchCaseStudyRoute } from '@/app/api/v1/case-studies/[id]/route';
import { POST as decideRoute } from '@/app/api/v1/case-studies/[id]/decision/route';
import { POST as quoteRoute } from '@/app/api/v1/case-studies/[id]/quotes/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/responses/[slug]/case-studies/route';
import { listModerationQueue, listPublishedCaseStudies, listSectionCaseStudies } from '@/lib/case-studies/queries';
import { db } from '@/lib/db';
import { caseStudyBody, callRoute, createCaseStudy, createPerson, createPersonWithToken, createResponse } from '@/tests/support/factories';

type Token = string;

const submit = (token: Token, slug: string, body: unknown, headers?: Record<string, string>) =>
  callRoute(createRoute, { method: 'POST', token, body, params: { slug }, headers });
const list = (token: Token, slug: string, query = '') =>
  callRoute(listRoute, { token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/case-studies${query}` });
const show = (token: Token, id: string) => callRoute(getCaseStudyRoute, { token, params: { id } });
const patch = (token: Token, id: string, body: unknown) => callRoute(patchCaseStudyRoute, { method: 'PATCH', token, body, params: { id } });
const decide = (token: Token, id: string, body: unknown) => callRoute(decideRoute, { method: 'POST', token, body, params: { id } });
const quote = (token: Token, id: string, body: unknown) => callRoute(quoteRoute, { method: 'POST', token, body, params: { id } });

const countFor = (responseId: string) => db().caseStudy.count({ where: { responseId } });

/** A response open for comment, a coordinator, and two members with API tokens. */
async function scene(options: Parameters<typeof createResponse>[0] = {}) {
  const coordinator = await createPersonWithToken('COORDINATOR');
  const alice = await createPersonWithToken('MEMBER');
  const bob = await createPersonWithToken('MEMBER');
  const { response, sections } = await createResponse({ sections: ['Homes must be warm.', 'Transport must be cheap.', 'Food must be local.'], ...options });
  return { coordinator, alice, bob, response, sections, slug: response.slug };
}

describe('[CASE STUDIES] authentication', () => {
  it('should require authentication for every endpoint', async () => {
    const { response } = await createResponse();
    const anonymous = [
      await callRoute(listRoute, { params: { slug: response.slug } }),
      await callRoute(createRoute, { method: 'POST', body: {}, params: { slug: response.slug } }),
      await callRoute(getCaseStudyRoute, { params: { id: 'x' } }),
      await callRoute(patchCaseStudyRoute, { method: 'PATCH', body: {}, params: { id: 'x' } }),
      await callRoute(decideRoute, { method: 'POST', body: {}, params: { id: 'x' } }),
      await callRoute(quoteRoute, { method: 'POST', body: {}, params: { id: 'x' } }),
    ];
    expect(anonymous.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });
});

describe('[CASE STUDIES] submitting', () => {
  it('a member submits a case study supporting a section: 201, stored with its sections, audited', async () => {
    const { alice, slug, sections, response } = await scene();
    const body = caseStudyBody([sections[0].id, sections[2].id], { themes: ['Housing', ' Fuel  Poverty ', 'housing'] });
    const { status, body: answer } = await submit(alice.token, slug, body);
    expect(status).toBe(201);
    expect(answer.caseStudy).toMatchObject({
      status: 'submitted',
      title: body.title,
      organisation: 'Northfield Housing Trust',
      themes: ['housing', 'fuel poverty'],
      sections: [{ id: sections[0].id }, { id: sections[2].id }],
      contact: body.contact,
      consent: { quote: true, showToMembers: true, attribution: 'named' },
      creditLine: 'Dana Contact, Northfield Housing Trust',
      mine: true,
    });
    const stored = await db().caseStudy.findUniqueOrThrow({ where: { id: answer.caseStudy.id }, include: { sections: true } });
    expect(stored).toMatchObject({ responseId: response.id, authorId: alice.person.id, status: 'SUBMITTED', contactEmail: body.contact.email });
    expect(stored.submittedAt).toBeInstanceOf(Date);
    expect(stored.sections.map((link) => link.sectionId).sort()).toEqual([sections[0].id, sections[2].id].sort());
    const audit = await db().auditEvent.findFirst({ where: { targetType: 'case-study', targetId: stored.id, action: 'case-study.submit' } });
    expect(audit?.actorId).toBe(alice.person.id);
  });

  it('refuses a case study with required fields missing: 400 with a message per field, nothing stored', async () => {
    const { alice, slug, response } = await scene();
    const { status, body } = await submit(alice.token, slug, { links: [] });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(Object.keys(body.error.fields).sort()).toEqual(['consent', 'contact', 'organisation', 'sectionIds', 'summary', 'title']);
    expect(body.error.fields.title).toBe('Enter a title');
    const nested = await submit(alice.token, slug, caseStudyBody([], { title: '   ', contact: { name: '', email: 'not-an-email' }, consent: { quote: 'yes' } }));
    expect(nested.status).toBe(400);
    expect(nested.body.error.fields).toMatchObject({
      title: 'Enter a title',
      sectionIds: 'Choose at least one section this case study supports',
      'contact.name': 'Enter a contact name',
      'contact.email': 'Enter an email address like name@example.org',
      'consent.quote': 'Say whether it may be quoted in the submission',
      'consent.showToMembers': 'Say whether other members may see it',
      'consent.attribution': expect.stringContaining('named, organisation or anonymous'),
    });
    expect(await countFor(response.id)).toBe(0);
  });

  it('refuses a summary over 20,000 characters and accepts one of exactly 20,000', async () => {
    const { alice, slug, sections, response } = await scene();
    const tooLong = await submit(alice.token, slug, caseStudyBody([sections[0].id], { summary: 'a'.repeat(20_001) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields).toEqual({ summary: 'The summary can be at most 20,000 characters' });
    expect(await countFor(response.id)).toBe(0);
    expect((await submit(alice.token, slug, caseStudyBody([sections[0].id], { summary: 'a'.repeat(20_000) }))).status).toBe(201);
  });

  it('refuses links that are not http or https, naming each one', async () => {
    const { alice, slug, sections, response } = await scene();
    const links = ['https://ok.example.org', 'javascript:alert(1)', 'ftp://files.example.org/x', 'not a link', 'http://also-ok.example.org'];
    const { status, body } = await submit(alice.token, slug, caseStudyBody([sections[0].id], { links }));
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields).sort()).toEqual(['links.1', 'links.2', 'links.3']);
    expect(body.error.fields['links.1']).toMatch(/http:\/\/ or https:\/\//);
    expect(await countFor(response.id)).toBe(0);
  });

  it('refuses a section from another response, and an unknown section, with 400 on sectionIds', async () => {
    const { alice, slug, sections, response } = await scene();
    const other = await createResponse();
    for (const sectionIds of [[sections[0].id, other.sections[0].id], ['no-such-section']]) {
      const { status, body } = await submit(alice.token, slug, caseStudyBody(sectionIds));
      expect(status).toBe(400);
      expect(body.error.fields).toEqual({ sectionIds: 'Choose sections of this response only' });
    }
    expect(await countFor(response.id)).toBe(0);
  });

  it('answers 404 for an unknown response and 415 for a body that is not JSON', async () => {
    const { alice, sections } = await scene();
    expect((await submit(alice.token, 'no-such-response', caseStudyBody([sections[0].id]))).status).toBe(404);
    const form = await callRoute(createRoute, { method: 'POST', token: alice.token, body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, params: { slug: 'x' } });
    expect(form.status).toBe(415);
  });

  it('submitting the same form twice does not create two (clientKey in the body)', async () => {
    const { alice, slug, sections, response } = await scene();
    const body = caseStudyBody([sections[0].id], { clientKey: 'form-1' });
    const first = await submit(alice.token, slug, body);
    const second = await submit(alice.token, slug, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.caseStudy.id).toBe(first.body.caseStudy.id);
    expect(await countFor(response.id)).toBe(1);
  });

  it('submitting the same form twice at once still creates one (Idempotency-Key header)', async () => {
    const { alice, slug, sections, response } = await scene();
    const body = caseStudyBody([sections[0].id]);
    const answers = await Promise.all([1, 2, 3].map(() => submit(alice.token, slug, body, { 'idempotency-key': 'same-click' })));
    expect(new Set(answers.map((answer) => answer.body.caseStudy.id)).size).toBe(1);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(await countFor(response.id)).toBe(1);
  });

  it('the same client key from another person is a different submission', async () => {
    const { alice, bob, slug, sections, response } = await scene();
    await submit(alice.token, slug, caseStudyBody([sections[0].id], { clientKey: 'shared' }));
    expect((await submit(bob.token, slug, caseStudyBody([sections[0].id], { clientKey: 'shared' }))).status).toBe(201);
    expect(await countFor(response.id)).toBe(2);
  });

  it('more than 10 submissions an hour from one person: 429 with Retry-After; others are not affected', async () => {
    const { alice, bob, slug, sections, response } = await scene();
    for (let i = 0; i < 10; i++) {
      expect((await submit(alice.token, slug, caseStudyBody([sections[0].id], { clientKey: `k${i}` }))).status).toBe(201);
    }
    const eleventh = await submit(alice.token, slug, caseStudyBody([sections[0].id]));
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe('rate_limited');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3_500);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect(await countFor(response.id)).toBe(10);
    // Resending one of the ten is not a new submission.
    expect((await submit(alice.token, slug, caseStudyBody([sections[0].id], { clientKey: 'k3' }))).status).toBe(200);
    expect((await submit(bob.token, slug, caseStudyBody([sections[0].id]))).status).toBe(201);
  });

  it('submissions older than an hour do not count towards the limit', async () => {
    const { alice, slug, sections, response } = await scene();
    for (let i = 0; i < 10; i++) await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id] });
    await db().caseStudy.updateMany({ where: { authorId: alice.person.id }, data: { createdAt: new Date(Date.now() - 3_601_000) } });
    expect((await submit(alice.token, slug, caseStudyBody([sections[0].id]))).status).toBe(201);
  });

  it.each([
    ['drafting', { phase: 'DRAFTING' as const }],
    ['closed', { phase: 'CLOSED' as const }],
    ['final', { phase: 'FINAL' as const }],
  ])('refuses submissions while the response is %s: 409 closed, nothing stored', async (_, options) => {
    const { alice, slug, sections, response } = await scene(options);
    const { status, body } = await submit(alice.token, slug, caseStudyBody([sections[0].id]));
    expect(status).toBe(409);
    expect(body.error.code).toBe('closed');
    expect(await countFor(response.id)).toBe(0);
  });

  it('refuses submissions after the deadline, even while the response is open', async () => {
    const { alice, slug, sections, response } = await scene();
    await db().response.update({ where: { id: response.id }, data: { deadline: new Date(Date.now() - 1000) } });
    const { status, body } = await submit(alice.token, slug, caseStudyBody([sections[0].id]));
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'closed', message: expect.stringContaining('deadline') });
    expect(await countFor(response.id)).toBe(0);
  });
});

describe('[CASE STUDIES] drafts', () => {
  it('a draft may be incomplete, stays private to its author until submitted, then reaches the queue', async () => {
    const { alice, coordinator, slug, sections } = await scene();
    const draft = await submit(alice.token, slug, { draft: true, title: 'Half-written', links: ['https://example.org'] });
    expect(draft.status).toBe(201);
    expect(draft.body.caseStudy).toMatchObject({ status: 'draft', title: 'Half-written', sections: [] });
    const id = draft.body.caseStudy.id;

    expect((await show(coordinator.token, id)).status).toBe(404);
    expect((await list(coordinator.token, slug)).body.caseStudies).toEqual([]);
    expect((await list(alice.token, slug)).body.caseStudies.map((c: { id: string }) => c.id)).toEqual([id]);

    // A draft still refuses malformed values.
    const badLink = await submit(alice.token, slug, { draft: true, links: ['file:///etc/passwd'] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.error.fields).toHaveProperty('links.0');

    // Submitting an incomplete draft names what is missing.
    const incomplete = await patch(alice.token, id, { submit: true });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields).toHaveProperty('summary');

    const { title: _title, ...rest } = caseStudyBody([sections[1].id]);
    void _title;
    const submitted = await patch(alice.token, id, { ...rest, submit: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body.caseStudy).toMatchObject({ status: 'submitted', title: 'Half-written', sections: [{ id: sections[1].id }] });
    expect((await show(coordinator.token, id)).status).toBe(200);
  });
});

describe('[CASE STUDIES] who sees what', () => {
  async function published() {
    const s = await scene();
    const carol = await createPerson('MEMBER');
    const make = (status: Parameters<typeof createCaseStudy>[0]['status'], extra: Partial<Parameters<typeof createCaseStudy>[0]> = {}) =>
      createCaseStudy({ responseId: s.response.id, authorId: carol.id, sectionIds: [s.sections[0].id], status, ...extra });
    const cases = {
      accepted: await make('ACCEPTED'),
      featured: await make('FEATURED', { themes: ['transport'] }),
      hidden: await make('ACCEPTED', { consentShow: false }),
      submitted: await make('SUBMITTED'),
      changes: await make('CHANGES_REQUESTED'),
      declined: await make('DECLINED'),
      draft: await make('DRAFT'),
      anonymous: await make('ACCEPTED', { attribution: 'ANONYMOUS' }),
      organisationOnly: await make('ACCEPTED', { attribution: 'ORGANISATION' }),
    };
    return { ...s, carol, cases };
  }

  it('members see accepted and shown case studies plus their own, never contact details', async () => {
    const { bob, slug, cases, sections } = await published();
    const mine = await submit(bob.token, slug, caseStudyBody([sections[1].id]));
    const { status, body } = await list(bob.token, slug);
    expect(status).toBe(200);
    const ids = body.caseStudies.map((c: { id: string }) => c.id);
    expect(ids.sort()).toEqual([cases.accepted.id, cases.featured.id, cases.anonymous.id, cases.organisationOnly.id, mine.body.caseStudy.id].sort());
    expect(body.caseStudies[0].id).toBe(cases.featured.id);
    expect(body.caseStudies[0].featured).toBe(true);
    for (const caseStudy of body.caseStudies.filter((c: { id: string }) => c.id !== mine.body.caseStudy.id)) {
      expect(caseStudy).not.toHaveProperty('contact');
      expect(caseStudy).not.toHaveProperty('consent');
      expect(caseStudy).not.toHaveProperty('submittedBy');
      expect(caseStudy).not.toHaveProperty('decisions');
    }
    const json = JSON.stringify(body);
    for (const record of Object.values(cases)) {
      expect(json).not.toContain(record.contactEmail);
      expect(json).not.toContain(record.contactPhone);
    }
    // The member's own case study carries its contact details, to them.
    expect(body.caseStudies.find((c: { id: string }) => c.id === mine.body.caseStudy.id).contact.email).toMatch(/@example\.org$/);
  });

  it('drafters are members here: published ones only, without contact details', async () => {
    const { slug, cases } = await published();
    const drafter = await createPersonWithToken('DRAFTER');
    const { body } = await list(drafter.token, slug);
    expect(body.caseStudies.map((c: { id: string }) => c.id).sort()).toEqual([cases.accepted.id, cases.featured.id, cases.anonymous.id, cases.organisationOnly.id].sort());
    for (const caseStudy of body.caseStudies) expect(caseStudy).not.toHaveProperty('contact');
    expect((await show(drafter.token, cases.submitted.id)).status).toBe(404);
    expect((await show(drafter.token, cases.accepted.id)).body.caseStudy).not.toHaveProperty('contact');
  });

  it('a member reading one published case study gets it without contact details; unpublished ones are 404', async () => {
    const { bob, cases } = await published();
    const { status, body } = await show(bob.token, cases.accepted.id);
    expect(status).toBe(200);
    expect(body.caseStudy).toMatchObject({ id: cases.accepted.id, status: 'accepted', creditLine: 'Casey Contact, Riverside Food Bank', mine: false });
    expect(body.caseStudy).not.toHaveProperty('contact');
    expect(JSON.stringify(body)).not.toContain(cases.accepted.contactEmail);
    expect(JSON.stringify(body)).not.toContain('01234 567890');
    for (const hidden of [cases.hidden, cases.submitted, cases.changes, cases.declined, cases.draft]) {
      expect((await show(bob.token, hidden.id)).status).toBe(404);
    }
    expect((await show(bob.token, 'no-such-case-study')).status).toBe(404);
  });

  it('credits follow the consented attribution: anonymous shows neither name nor organisation', async () => {
    const { bob, cases } = await published();
    const anonymous = (await show(bob.token, cases.anonymous.id)).body.caseStudy;
    expect(anonymous).toMatchObject({ attribution: 'anonymous', creditLine: null, organisation: null });
    expect(JSON.stringify(anonymous)).not.toContain('Casey Contact');
    expect(JSON.stringify(anonymous)).not.toContain('Riverside Food Bank');
    const organisation = (await show(bob.token, cases.organisationOnly.id)).body.caseStudy;
    expect(organisation).toMatchObject({ attribution: 'organisation', creditLine: 'Riverside Food Bank', organisation: 'Riverside Food Bank' });
    expect(JSON.stringify(organisation)).not.toContain('Casey Contact');
  });

  it('the submitter sees their own case study in full, in every status', async () => {
    const { carol, cases } = await published();
    const { createApiToken } = await import('@/lib/auth/tokens');
    const { token } = await createApiToken(carol, carol.id, { name: 'test' });
    for (const record of Object.values(cases)) {
      const { status, body } = await show(token, record.id);
      expect(status).toBe(200);
      expect(body.caseStudy.contact).toEqual({ name: 'Casey Contact', email: record.contactEmail, phone: '01234 567890' });
    }
  });

  it('coordinators see every submitted case study with contact details, not drafts, and filter by status', async () => {
    const { coordinator, slug, cases } = await published();
    const all = await list(coordinator.token, slug);
    expect(all.body.caseStudies).toHaveLength(8);
    expect(all.body.caseStudies.map((c: { id: string }) => c.id)).not.toContain(cases.draft.id);
    for (const caseStudy of all.body.caseStudies) expect(caseStudy.contact.email).toMatch(/@example\.org$/);
    const detail = await show(coordinator.token, cases.hidden.id);
    expect(detail.body.caseStudy.contact).toEqual({ name: 'Casey Contact', email: cases.hidden.contactEmail, phone: '01234 567890' });
    const submitted = await list(coordinator.token, slug, '?status=submitted');
    expect(submitted.body.caseStudies.map((c: { id: string }) => c.id)).toEqual([cases.submitted.id]);
    const changes = await list(coordinator.token, slug, '?status=CHANGES_REQUESTED');
    expect(changes.body.caseStudies.map((c: { id: string }) => c.id)).toEqual([cases.changes.id]);
    const bad = await list(coordinator.token, slug, '?status=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('status');
  });

  it('the list filters by section and theme', async () => {
    const { coordinator, bob, slug, cases, sections, response, carol } = await published();
    const elsewhere = await createCaseStudy({ responseId: response.id, authorId: carol.id, sectionIds: [sections[2].id], status: 'ACCEPTED' });
    const bySection = await list(bob.token, slug, `?section=${sections[2].id}`);
    expect(bySection.body.caseStudies.map((c: { id: string }) => c.id)).toEqual([elsewhere.id]);
    const byTheme = await list(coordinator.token, slug, '?theme=Transport');
    expect(byTheme.body.caseStudies.map((c: { id: string }) => c.id)).toEqual([cases.featured.id]);
    const queue = await listModerationQueue(coordinator.person, slug, { status: 'submitted' });
    expect(queue.map((c) => c.id)).toEqual([cases.submitted.id]);
  });

  it('beside a section: only accepted or featured case studies shown with consent, featured first', async () => {
    const { bob, cases, sections } = await published();
    const beside = await listSectionCaseStudies(bob.person, sections[0].id);
    expect(beside.open).toEqual({ open: true });
    expect(beside.caseStudies.map((c) => c.id).sort()).toEqual([cases.accepted.id, cases.featured.id, cases.anonymous.id, cases.organisationOnly.id].sort());
    expect(beside.caseStudies[0].id).toBe(cases.featured.id);
    for (const caseStudy of beside.caseStudies) expect(caseStudy.contact).toBeUndefined();
    expect((await listSectionCaseStudies(bob.person, sections[1].id)).caseStudies).toEqual([]);
  });

  it('the browsable list shows only published case studies shown with consent, even to coordinators', async () => {
    const { coordinator, bob, slug, cases } = await published();
    const expected = [cases.featured.id, ...[cases.accepted.id, cases.anonymous.id, cases.organisationOnly.id].sort()];
    for (const viewer of [coordinator.person, bob.person]) {
      const shown = await listPublishedCaseStudies(viewer, slug);
      expect([shown[0].id, ...shown.slice(1).map((c) => c.id).sort()]).toEqual(expected);
    }
  });

  it('members cannot use the moderation queue', async () => {
    const { bob, slug } = await published();
    await expect(listModerationQueue(bob.person, slug)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('[CASE STUDIES] editing and resubmitting', () => {
  it('its author edits a submitted case study; fields not sent keep their values; the earlier values are kept', async () => {
    const { alice, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    const { status, body } = await patch(alice.token, created.id, { summary: 'A better summary.', contact: { phone: null }, sectionIds: [sections[1].id] });
    expect(status).toBe(200);
    expect(body.caseStudy).toMatchObject({ status: 'submitted', summary: 'A better summary.', title: created.title, contact: { name: 'Dana Contact', email: created.contact.email, phone: null }, sections: [{ id: sections[1].id }] });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.id, action: 'case-study.update' } });
    expect((audit.data as { before: { summary: string } }).before.summary).toBe(created.summary);
  });

  it('nobody else may change it: other members get 404, coordinators 403', async () => {
    const { alice, bob, coordinator, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    expect((await patch(bob.token, created.id, { title: 'Mine now' })).status).toBe(404);
    expect((await patch(coordinator.token, created.id, { title: 'Mine now' })).status).toBe(403);
    expect((await db().caseStudy.findUniqueOrThrow({ where: { id: created.id } })).title).toBe(created.title);
  });

  it('bad changes are refused with 400 per field and change nothing', async () => {
    const { alice, slug, sections } = await scene();
    const other = await createResponse();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    const bad = await patch(alice.token, created.id, { title: '', summary: 'x'.repeat(20_001), links: ['mailto:a@b.c'], sectionIds: [] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['links.0', 'sectionIds', 'summary', 'title']);
    const foreign = await patch(alice.token, created.id, { sectionIds: [other.sections[0].id] });
    expect(foreign.body.error.fields).toEqual({ sectionIds: 'Choose sections of this response only' });
    expect((await patch(alice.token, created.id, { contact: 'nobody' })).status).toBe(400);
    const stored = await db().caseStudy.findUniqueOrThrow({ where: { id: created.id }, include: { sections: true } });
    expect(stored.title).toBe(created.title);
    expect(stored.sections.map((link) => link.sectionId)).toEqual([sections[0].id]);
  });

  it('cannot be changed once accepted, featured or declined: 409', async () => {
    const { alice, coordinator, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    await decide(coordinator.token, created.id, { decision: 'accept' });
    const { status, body } = await patch(alice.token, created.id, { title: 'Changed after acceptance' });
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/accepted/);
  });

  it('cannot be changed or resubmitted after the response closes', async () => {
    const { alice, coordinator, slug, sections, response } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    await decide(coordinator.token, created.id, { decision: 'request_changes', note: 'Add numbers.' });
    await db().response.update({ where: { id: response.id }, data: { phase: 'CLOSED' } });
    const { status, body } = await patch(alice.token, created.id, { summary: 'With numbers.', submit: true });
    expect(status).toBe(409);
    expect(body.error.code).toBe('closed');
  });
});

describe('[CASE STUDIES] moderation', () => {
  it('only coordinators decide: members and drafters get 403', async () => {
    const { alice, bob, slug, sections } = await scene();
    const drafter = await createPersonWithToken('DRAFTER');
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    for (const token of [alice.token, bob.token, drafter.token]) {
      const { status } = await decide(token, created.id, { decision: 'accept' });
      expect(status).toBe(403);
    }
    expect(await db().caseStudyDecision.count({ where: { caseStudyId: created.id } })).toBe(0);
  });

  it('refuses an unknown decision, and changes or a decline without a note', async () => {
    const { alice, coordinator, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    const unknown = await decide(coordinator.token, created.id, { decision: 'maybe' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('decision');
    const changes = await decide(coordinator.token, created.id, { decision: 'request_changes', note: '  ' });
    expect(changes.body.error.fields).toEqual({ note: 'Say what should change' });
    const decline = await decide(coordinator.token, created.id, { decision: 'decline' });
    expect(decline.body.error.fields).toEqual({ note: 'Give a reason for declining' });
    expect(await db().caseStudyDecision.count({ where: { caseStudyId: created.id } })).toBe(0);
  });

  it('a request for changes is recorded with who and when, notifies the submitter in the app and by email', async () => {
    const { alice, coordinator, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    const { status, body } = await decide(coordinator.token, created.id, { decision: 'request_changes', note: 'Please add the number of homes.' });
    expect(status).toBe(200);
    expect(body.caseStudy).toMatchObject({ status: 'changes_requested', latestNote: 'Please add the number of homes.' });
    const decision = await db().caseStudyDecision.findFirstOrThrow({ where: { caseStudyId: created.id } });
    expect(decision).toMatchObject({ decision: 'request_changes', note: 'Please add the number of homes.', actorId: coordinator.person.id });
    expect(decision.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.id, action: 'case-study.decision' } });
    expect(audit).toMatchObject({ actorId: coordinator.person.id, data: expect.objectContaining({ decision: 'request_changes', from: 'SUBMITTED', to: 'CHANGES_REQUESTED' }) });
    const notifications = await db().notification.findMany({ where: { userId: alice.person.id } });
    expect(notifications).toEqual([expect.objectContaining({ kind: 'case-study.decision', link: `/case-studies/${created.id}`, title: expect.stringContaining('Changes requested'), body: expect.stringContaining('Please add the number of homes.') })]);
    const mail = await db().devMailMessage.findMany({ where: { to: alice.person.email } });
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain(created.title);
    expect(mail[0].text).toContain('Please add the number of homes.');
    expect(mail[0].text).toContain(`/case-studies/${created.id}`);
    // The submitter sees the note on their case study.
    const mine = await show(alice.token, created.id);
    expect(mine.body.caseStudy.decisions).toEqual([expect.objectContaining({ decision: 'request_changes', note: 'Please add the number of homes.', decidedBy: { id: coordinator.person.id, name: 'Test coordinator' } })]);
  });

  it('the submitter edits and resubmits after changes were requested; the coordinator accepts; members then see it beside the section', async () => {
    const { alice, bob, coordinator, slug, sections } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[1].id]))).body.caseStudy;
    await decide(coordinator.token, created.id, { decision: 'request_changes', note: 'Say how many.' });
    const saved = await patch(alice.token, created.id, { summary: 'Volunteers insulated 40 homes.' });
    expect(saved.body.caseStudy.status).toBe('changes_requested');
    const resubmitted = await patch(alice.token, created.id, { submit: true });
    expect(resubmitted.body.caseStudy.status).toBe('submitted');
    expect(await db().auditEvent.count({ where: { targetId: created.id, action: 'case-study.resubmit' } })).toBe(1);
    expect((await decide(coordinator.token, created.id, { decision: 'accept' })).body.caseStudy.status).toBe('accepted');
    const beside = await listSectionCaseStudies(bob.person, sections[1].id);
    expect(beside.caseStudies.map((c) => c.id)).toEqual([created.id]);
    expect(beside.caseStudies[0].contact).toBeUndefined();
    expect(await db().notification.count({ where: { userId: alice.person.id, kind: 'case-study.decision' } })).toBe(2);
  });

  it('no email when the submitter turned email off, but the in-app notification is still created', async () => {
    const { alice, coordinator, slug, sections } = await scene();
    await db().user.update({ where: { id: alice.person.id }, data: { notifyByEmail: false } });
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    await decide(coordinator.token, created.id, { decision: 'decline', note: 'Out of scope.' });
    expect(await db().notification.count({ where: { userId: alice.person.id } })).toBe(1);
    expect(await db().devMailMessage.count({ where: { to: alice.person.email } })).toBe(0);
  });

  it('coordinators decide in any phase; a decision must change something; drafts cannot be decided', async () => {
    const { alice, coordinator, slug, sections, response } = await scene();
    const created = (await submit(alice.token, slug, caseStudyBody([sections[0].id]))).body.caseStudy;
    await db().response.update({ where: { id: response.id }, data: { phase: 'FINAL' } });
    expect((await decide(coordinator.token, created.id, { decision: 'feature' })).body.caseStudy).toMatchObject({ status: 'featured', featured: true });
    const again = await decide(coordinator.token, created.id, { decision: 'feature' });
    expect(again.status).toBe(409);
    expect((await decide(coordinator.token, created.id, { decision: 'accept' })).body.caseStudy.featured).toBe(false);
    const draft = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [], status: 'DRAFT' });
    expect((await decide(coordinator.token, draft.id, { decision: 'accept' })).status).toBe(404);
  });
});

describe('[CASE STUDIES] quoting in a section', () => {
  it('a coordinator quotes an accepted case study: a new QUOTE version with the credited quotation, and the link is kept', async () => {
    const { alice, coordinator, response, sections } = await scene();
    const record = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id], status: 'ACCEPTED', attribution: 'ORGANISATION' });
    const before = await db().section.findUniqueOrThrow({ where: { id: sections[0].id } });
    const { status, body } = await quote(coordinator.token, record.id, { sectionId: sections[0].id, quote: 'The queue halved within a month.' });
    expect(status).toBe(201);
    const section = await db().section.findUniqueOrThrow({ where: { id: sections[0].id }, include: { currentVersion: { include: { authors: true } } } });
    expect(section.currentVersionId).not.toBe(before.currentVersionId);
    expect(section.currentVersionId).toBe(body.quote.versionId);
    expect(section.currentVersion).toMatchObject({ source: 'QUOTE', text: 'Homes must be warm.\n\n“The queue halved within a month.” — Riverside Food Bank' });
    expect(section.currentVersion?.authors.map((a) => a.userId)).toEqual([coordinator.person.id]);
    const link = await db().caseStudyQuote.findFirstOrThrow({ where: { caseStudyId: record.id } });
    expect(link).toMatchObject({ sectionId: sections[0].id, versionId: section.currentVersionId, quote: 'The queue halved within a month.', createdById: coordinator.person.id });
    expect(await db().auditEvent.count({ where: { targetId: record.id, action: 'case-study.quote' } })).toBe(1);
    const shown = await show(coordinator.token, record.id);
    expect(shown.body.caseStudy.quotes).toEqual([expect.objectContaining({ quote: 'The queue halved within a month.', versionId: section.currentVersionId, section: expect.objectContaining({ id: sections[0].id }) })]);
  });

  it('inserts after the chosen paragraph (found by its text), and credits anonymous case studies without a name', async () => {
    const coordinator = await createPersonWithToken('COORDINATOR');
    const author = await createPerson('MEMBER');
    const { response, sections } = await createResponse({ sections: ['First paragraph.\n\nSecond paragraph.\n\nThird paragraph.'] });
    const record = await createCaseStudy({ responseId: response.id, authorId: author.id, sectionIds: [sections[0].id], status: 'FEATURED', attribution: 'ANONYMOUS' });
    const { status } = await quote(coordinator.token, record.id, { sectionId: sections[0].id, quote: '“It changed everything.”', afterParagraph: 'Second paragraph.' });
    expect(status).toBe(201);
    const version = await db().sectionVersion.findFirstOrThrow({ where: { sectionId: sections[0].id, source: 'QUOTE' } });
    expect(version.text).toBe('First paragraph.\n\nSecond paragraph.\n\n“It changed everything.” — a case study submitted anonymously\n\nThird paragraph.');
    expect(version.text).not.toContain('Casey Contact');
    // A paragraph that is no longer there (someone edited it meanwhile) is not guessed at.
    const gone = await quote(coordinator.token, record.id, { sectionId: sections[0].id, quote: 'Again.', afterParagraph: 'A paragraph that was rewritten.' });
    expect(gone.status).toBe(409);
    expect(gone.body.error.fields).toHaveProperty('afterParagraph');
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id, source: 'QUOTE' } })).toBe(1);
  });

  it('refuses to quote into a response that is final: its text is frozen', async () => {
    const { alice, coordinator, response, sections } = await scene();
    const accepted = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id], status: 'ACCEPTED' });
    await db().response.update({ where: { id: response.id }, data: { phase: 'FINAL' } });
    const { status, body } = await quote(coordinator.token, accepted.id, { sectionId: sections[0].id, quote: 'Words.' });
    expect(status).toBe(409);
    expect(body.error.code).toBe('closed');
    expect(await db().caseStudyQuote.count({ where: { caseStudyId: accepted.id } })).toBe(0);
  });

  it('refuses to quote without consent, before acceptance, in another response\'s section, or for members', async () => {
    const { alice, bob, coordinator, response, sections } = await scene();
    const other = await createResponse();
    const noConsent = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id], status: 'ACCEPTED', consentQuote: false });
    const pending = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id], status: 'SUBMITTED' });
    const accepted = await createCaseStudy({ responseId: response.id, authorId: alice.person.id, sectionIds: [sections[0].id], status: 'ACCEPTED' });
    const body = { sectionId: sections[0].id, quote: 'Words.' };
    const refusedConsent = await quote(coordinator.token, noConsent.id, body);
    expect(refusedConsent.status).toBe(409);
    expect(refusedConsent.body.error.message).toMatch(/did not agree/);
    expect((await quote(coordinator.token, pending.id, body)).status).toBe(409);
    const foreign = await quote(coordinator.token, accepted.id, { ...body, sectionId: other.sections[0].id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ sectionId: 'Choose a section of this response' });
    expect((await quote(coordinator.token, accepted.id, { sectionId: sections[0].id, quote: '' })).body.error.fields).toEqual({ quote: 'Enter the words to quote' });
    expect((await quote(bob.token, accepted.id, body)).status).toBe(403);
    expect(await db().sectionVersion.count({ where: { sectionId: { in: [sections[0].id, other.sections[0].id] }, source: 'QUOTE' } })).toBe(0);
    expect(await db().caseStudyQuote.count({ where: { caseStudyId: { in: [noConsent.id, pending.id, accepted.id] } } })).toBe(0);
  });
});
