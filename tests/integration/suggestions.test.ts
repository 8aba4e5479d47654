import { describe, expect, it } from 'vitest';
import { POST as acceptRoute } from '@/app/api/v1/suggestions/[id]/accept/route';
import { DELETE as agreeDeleteRoute, POST as agreeRoute } from '@/app/api/v1/suggestions/[id]/agree/route';
import { POST as declineRoute } from '@/app/api/v1/suggestions/[id]/decline/route';
import { DELETE as withdrawRoute, GET as getSuggestionRoute } from '@/app/api/v1/suggestions/[id]/route';
import { GET as listRoute, POST as postRoute } from '@/app/api/v1/sections/[id]/suggestions/route';
import { db } from '@/lib/db';
import { allowances } from '@/lib/contributions/allowances';
import { callRoute } from '@/tests/support/factories';
import { auditActions, editSection, listSuggestions, postComment, postSuggestion, scene, sectionText, type Actor } from '@/tests/support/feedback';

const FEEDBACK_PER_MINUTE = allowances.feedback.most;

const accept = (who: Actor, id: string, body?: unknown) => callRoute(acceptRoute, { method: 'POST', token: who.token, params: { id }, body });
const decline = (who: Actor, id: string, body: unknown) => callRoute(declineRoute, { method: 'POST', token: who.token, params: { id }, body });
const withdraw = (who: Actor, id: string) => callRoute(withdrawRoute, { method: 'DELETE', token: who.token, params: { id } });
const show = (who: Actor, id: string) => callRoute(getSuggestionRoute, { token: who.token, params: { id } });
const suggestionCount = (sectionId: string) => db().suggestion.count({ where: { sectionId } });

async function suggest(who: Actor, sectionId: string, body: unknown) {
  const answer = await postSuggestion(who, sectionId, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.suggestion;
}

describe('[SUGGESTIONS] authentication', () => {
  it('should require authentication on every suggestion endpoint', async () => {
    const answers = [
      await callRoute(listRoute, { params: { id: 'x' } }),
      await callRoute(postRoute, { method: 'POST', body: {}, params: { id: 'x' } }),
      await callRoute(getSuggestionRoute, { params: { id: 'x' } }),
      await callRoute(withdrawRoute, { method: 'DELETE', params: { id: 'x' } }),
      await callRoute(acceptRoute, { method: 'POST', params: { id: 'x' } }),
      await callRoute(declineRoute, { method: 'POST', body: { reason: 'x' }, params: { id: 'x' } }),
      await callRoute(agreeRoute, { method: 'POST', params: { id: 'x' } }),
      await callRoute(agreeDeleteRoute, { method: 'DELETE', params: { id: 'x' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(401));
  });
});

describe('[SUGGESTIONS] proposing an edit', () => {
  it('stores replacing words, deleting words and inserting text, each with its kind and anchor', async () => {
    const { alice, section } = await scene();
    const replace = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years', reason: 'Charities plan long-term' });
    expect(replace).toMatchObject({
      kind: 'replace',
      replacement: 'five years',
      reason: 'Charities plan long-term',
      status: 'OPEN',
      outdated: false,
      author: { name: 'Alice Member' },
      anchor: { exact: 'three years', start: section.text.indexOf('three years') },
      location: { status: 'anchored', start: section.text.indexOf('three years') },
      agreeCount: 0,
    });
    const remove = await suggest(alice, section.id, { anchor: { exact: ' Yet the funding formula ignores them, and the funding formula must change.' }, replacement: '' });
    expect(remove.kind).toBe('delete');
    const at = section.text.indexOf(' at a time') + ' at a time'.length;
    const insert = await suggest(alice, section.id, { anchor: { exact: '', prefix: 'for three years at a time', suffix: '.' }, replacement: ', starting next April' });
    expect(insert).toMatchObject({ kind: 'insert', anchor: { exact: '', start: at, end: at } });
    const stored = await db().suggestion.findUniqueOrThrow({ where: { id: replace.id } });
    expect(stored.baseVersionId).toBe(section.currentVersionId);
    expect(await auditActions(replace.id)).toEqual(['suggestion.create']);
    const { body } = await listSuggestions(alice, section.id);
    expect(body.suggestions.map((s: { id: string }) => s.id)).toEqual([replace.id, remove.id, insert.id]);
  });

  it('refuses bad input with a message per field and stores nothing', async () => {
    const { alice, section } = await scene();
    const cases: [unknown, string, RegExp][] = [
      [{ replacement: 'x' }, 'anchor', /anchor/],
      [{ anchor: { exact: 'not in the text at all' }, replacement: 'x' }, 'anchor.exact', /not in the section/],
      [{ anchor: { exact: 'the funding formula' }, replacement: 'x' }, 'anchor.exact', /occur 2 times/],
      [{ anchor: { exact: 'must change.\n\nRents' }, replacement: 'x' }, 'anchor.exact', /one paragraph or list item/],
      [{ anchor: { exact: 'since 2019.\n\nWaiting' }, replacement: 'x' }, 'anchor.exact', /one paragraph or list item/],
      [{ anchor: { exact: 'three years' }, replacement: 'five\nyears' }, 'replacement', /line breaks/],
      [{ anchor: { exact: 'three years' }, replacement: 'three years' }, 'replacement', /same as the current/],
      [{ anchor: { exact: 'three years' } }, 'replacement', /new words/],
      [{ anchor: { exact: 'three years' }, replacement: 'x'.repeat(10_001) }, 'replacement', /10,000/],
      [{ anchor: { exact: '', prefix: 'at a time' }, replacement: '' }, 'replacement', /text to insert/],
      [{ anchor: { exact: '', prefix: 'nowhere to be found' }, replacement: 'x' }, 'anchor.prefix', /not in the section/],
      [{ anchor: { exact: 'three years' }, replacement: 'x', reason: 'r'.repeat(2001) }, 'reason', /2,000/],
    ];
    for (const [body, field, message] of cases) {
      const answer = await postSuggestion(alice, section.id, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error.fields[field], JSON.stringify(answer.body)).toMatch(message);
    }
    expect(await suggestionCount(section.id)).toBe(0);
    expect((await postSuggestion(alice, 'no-such-section', { anchor: { exact: 'x' }, replacement: 'y' })).status).toBe(404);
  });

  it('answers "closed for comments" outside the open phase, except to coordinators', async () => {
    const { alice, drafter, coordinator, section } = await scene('CLOSED');
    for (const who of [alice, drafter]) {
      const answer = await postSuggestion(who, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'closed', message: expect.stringContaining('closed for comments') });
    }
    expect(await suggestionCount(section.id)).toBe(0);
    await suggest(coordinator, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
  });

  it('does not duplicate a resent suggestion', async () => {
    const { alice, section } = await scene();
    const body = { anchor: { exact: 'three years' }, replacement: 'five years', clientKey: 'suggest-1' };
    const answers = await Promise.all([postSuggestion(alice, section.id, body), postSuggestion(alice, section.id, body)]);
    expect(answers[0].body.suggestion.id).toBe(answers[1].body.suggestion.id);
    const byHeader = await postSuggestion(alice, section.id, { anchor: { exact: 'a time' }, replacement: 'once' }, { 'idempotency-key': 'k-2' });
    const again = await postSuggestion(alice, section.id, { anchor: { exact: 'a time' }, replacement: 'once' }, { 'idempotency-key': 'k-2' });
    expect([byHeader.status, again.status]).toEqual([201, 200]);
    expect(await suggestionCount(section.id)).toBe(2);
  });

  it('counts suggestions and comments together against the 30-a-minute limit', async () => {
    const { alice, section } = await scene();
    await db().comment.createMany({ data: Array.from({ length: FEEDBACK_PER_MINUTE - 1 }, (_, i) => ({ sectionId: section.id, authorId: alice.person.id, body: `Bulk ${i}` })) });
    await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    const refused = await postSuggestion(alice, section.id, { anchor: { exact: 'a time' }, replacement: 'once' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await postComment(alice, section.id, { body: 'And a comment?' })).status).toBe(429);
    expect(await suggestionCount(section.id)).toBe(1);
  });
});

describe('[SUGGESTIONS] accepting', () => {
  it('changes the text through a new version credited to the proposer and the acceptor, with a disposition, a notification and an email', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years', reason: 'Stability' });
    const answer = await accept(drafter, suggestion.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.suggestion).toMatchObject({ status: 'ACCEPTED', decidedBy: { name: 'Dana Drafter' }, acceptedVersionId: answer.body.versionId });
    expect(await sectionText(section.id)).toBe(section.text.replace('three years', 'five years'));
    const version = await db().sectionVersion.findUniqueOrThrow({ where: { id: answer.body.versionId }, include: { authors: { include: { user: true } } } });
    expect(version.source).toBe('SUGGESTION');
    expect(version.authors.map((a) => a.user.name).sort()).toEqual(['Alice Member', 'Dana Drafter']);
    const section2 = await db().section.findUniqueOrThrow({ where: { id: section.id } });
    expect(section2.currentVersionId).toBe(version.id);
    const disposition = await db().disposition.findUniqueOrThrow({ where: { suggestionId: suggestion.id } });
    expect(disposition).toMatchObject({ kind: 'INCORPORATED', versionId: version.id, actorId: drafter.person.id, sectionId: section.id });
    const notifications = await db().notification.findMany({ where: { userId: alice.person.id } });
    expect(notifications).toEqual([expect.objectContaining({ kind: 'suggestion.accepted', title: expect.stringContaining('Dana Drafter accepted your suggestion'), link: `/sections/${section.id}#suggestion-${suggestion.id}`, readAt: null })]);
    const mail = await db().devMailMessage.findMany({ where: { to: alice.person.email } });
    expect(mail).toEqual([expect.objectContaining({ subject: expect.stringContaining('accepted your suggestion'), text: expect.stringContaining(`/sections/${section.id}#suggestion-${suggestion.id}`) })]);
    expect(await auditActions(suggestion.id)).toEqual(['suggestion.create', 'suggestion.accept']);
  });

  it('settles an earlier disposition from the merge workspace as incorporated', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    await db().disposition.create({ data: { sectionId: section.id, suggestionId: suggestion.id, kind: 'NOTED', reply: 'Thinking about it', actorId: drafter.person.id } });
    const answer = await accept(drafter, suggestion.id);
    expect(answer.status).toBe(200);
    expect(await db().disposition.findUniqueOrThrow({ where: { suggestionId: suggestion.id } })).toMatchObject({ kind: 'INCORPORATED', versionId: answer.body.versionId });
  });

  it('[SUGGESTIONS] a member cannot accept or decline a suggestion', async () => {
    const { alice, bob, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    for (const who of [alice, bob]) {
      expect((await accept(who, suggestion.id)).status).toBe(403);
      expect((await decline(who, suggestion.id, { reason: 'No' })).status).toBe(403);
    }
    expect(await sectionText(section.id)).toBe(section.text);
    expect((await db().suggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).status).toBe('OPEN');
  });

  it('lets a coordinator accept, and refuses deciding the same suggestion twice', async () => {
    const { alice, drafter, coordinator, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    expect((await accept(coordinator, suggestion.id)).status).toBe(200);
    const twice = await accept(drafter, suggestion.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already been accepted/);
    expect((await decline(drafter, suggestion.id, { reason: 'Late' })).status).toBe(409);
    expect(await db().sectionVersion.count({ where: { sectionId: section.id } })).toBe(2);
  });

  it('applies deletions and insertions, and changes the right one of repeated words', async () => {
    const { alice, drafter, section } = await scene();
    const second = await suggest(alice, section.id, { anchor: { exact: 'the funding formula', prefix: 'and ' }, replacement: 'the allocation formula' });
    const remove = await suggest(alice, section.id, { anchor: { exact: ' since 2019' }, replacement: '' });
    const insert = await suggest(alice, section.id, { anchor: { exact: '', prefix: 'three years at a time', suffix: '.' }, replacement: ', starting next April' });
    for (const s of [second, remove, insert]) expect((await accept(drafter, s.id)).status).toBe(200);
    expect(await sectionText(section.id)).toBe(
      section.text
        .replace('and the funding formula must', 'and the allocation formula must')
        .replace(' since 2019', '')
        .replace('three years at a time.', 'three years at a time, starting next April.'),
    );
  });

  it('applies a suggestion at the right place after the text changed elsewhere', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'publish its evidence' }, replacement: 'publish all of its evidence' });
    await editSection(section.id, drafter.person.id, 'Local charities carry', 'Small local charities and community groups carry');
    expect((await show(alice, suggestion.id)).body.suggestion.outdated).toBe(false);
    expect((await accept(drafter, suggestion.id)).status).toBe(200);
    expect(await sectionText(section.id)).toContain('Small local charities and community groups carry');
    expect(await sectionText(section.id)).toContain('to publish all of its evidence and');
  });

  it('shows a suggestion whose words changed as outdated and refuses to accept it blindly', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'to fund local charities for three years at a time' }, replacement: 'to fund local charities for five years at a time' });
    await editSection(section.id, drafter.person.id, 'three years', 'four years');
    const shown = (await show(alice, suggestion.id)).body.suggestion;
    expect(shown).toMatchObject({ outdated: true, currentWords: 'to fund local charities for four years at a time', location: { status: 'changed' } });
    const blind = await accept(drafter, suggestion.id);
    expect(blind.status).toBe(409);
    expect(blind.body.error.message).toMatch(/has changed since this suggestion was made.*four years/);
    expect(await sectionText(section.id)).toContain('four years');
    const deliberate = await accept(drafter, suggestion.id, { overrideOutdated: true });
    expect(deliberate.status).toBe(200);
    expect(await sectionText(section.id)).toContain('to fund local charities for five years at a time.');
    expect(await auditActions(suggestion.id)).toEqual(['suggestion.create', 'suggestion.accept']);
  });

  it('cannot accept a suggestion whose passage is gone, even deliberately', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'Rents have risen by a third since 2019.' }, replacement: 'Rents have risen by 35% since 2019.' });
    await editSection(section.id, drafter.person.id, 'Rents have risen by a third since 2019.', '');
    expect((await show(alice, suggestion.id)).body.suggestion).toMatchObject({ outdated: true, currentWords: null, location: { status: 'detached' } });
    const answer = await accept(drafter, suggestion.id, { overrideOutdated: true });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/no longer in the section/);
    expect((await db().suggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).status).toBe('OPEN');
  });

  it('refuses an unknown suggestion with 404 and a bad accept body with 400', async () => {
    const { alice, drafter, section } = await scene();
    expect((await accept(drafter, 'no-such-suggestion')).status).toBe(404);
    expect((await decline(drafter, 'no-such-suggestion', { reason: 'x' })).status).toBe(404);
    expect((await show(drafter, 'no-such-suggestion')).status).toBe(404);
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    expect((await accept(drafter, suggestion.id, { overrideOutdated: 'yes' })).body.error.fields.overrideOutdated).toMatch(/true or false/);
    const plain = await callRoute(acceptRoute, { method: 'POST', token: drafter.token, params: { id: suggestion.id }, body: 'yes please', headers: { 'content-type': '' } });
    expect(plain.status).toBe(415);
  });
});

describe('[SUGGESTIONS] declining', () => {
  it('requires a reason, which the proposer sees in the section, in the inbox and by email', async () => {
    const { alice, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'ten years' });
    for (const body of [{}, { reason: '   ' }]) {
      const answer = await decline(drafter, suggestion.id, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields.reason).toMatch(/Say why/);
    }
    const answer = await decline(drafter, suggestion.id, { reason: 'Ten years is more than the department can commit to.' });
    expect(answer.body.suggestion).toMatchObject({ status: 'DECLINED', declineReason: 'Ten years is more than the department can commit to.', decidedBy: { name: 'Dana Drafter' } });
    const seen = (await listSuggestions(alice, section.id)).body.suggestions[0];
    expect(seen).toMatchObject({ status: 'DECLINED', declineReason: 'Ten years is more than the department can commit to.', location: null, outdated: false });
    const [notification] = await db().notification.findMany({ where: { userId: alice.person.id } });
    expect(notification).toMatchObject({ kind: 'suggestion.declined', body: expect.stringContaining('more than the department can commit to') });
    const [mail] = await db().devMailMessage.findMany({ where: { to: alice.person.email } });
    expect(mail.text).toContain('more than the department can commit to');
    expect(await sectionText(section.id)).toBe(section.text);
    expect(await auditActions(suggestion.id)).toEqual(['suggestion.create', 'suggestion.decline']);
  });

  it('sends no email to someone who turned email off, but still tells them in the app', async () => {
    const { alice, drafter, section } = await scene();
    await db().user.update({ where: { id: alice.person.id }, data: { notifyByEmail: false } });
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'ten years' });
    await decline(drafter, suggestion.id, { reason: 'Too long' });
    expect(await db().notification.count({ where: { userId: alice.person.id } })).toBe(1);
    expect(await db().devMailMessage.count({ where: { to: alice.person.email } })).toBe(0);
  });
});

describe('[SUGGESTIONS] withdrawing and agreeing', () => {
  it('lets its author withdraw an open suggestion, which then disappears; nobody else can', async () => {
    const { alice, bob, coordinator, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    expect((await withdraw(bob, suggestion.id)).status).toBe(403);
    expect((await withdraw(coordinator, suggestion.id)).status).toBe(403);
    expect((await withdraw(alice, suggestion.id)).body.suggestion.status).toBe('WITHDRAWN');
    expect((await listSuggestions(bob, section.id)).body.suggestions).toEqual([]);
    expect(await suggestionCount(section.id)).toBe(1);
  });

  it('counts agreements with a suggestion, one per person, and refuses agreeing with one\'s own or a decided one', async () => {
    const { alice, bob, drafter, section } = await scene();
    const suggestion = await suggest(alice, section.id, { anchor: { exact: 'three years' }, replacement: 'five years' });
    const agree = (who: Actor) => callRoute(agreeRoute, { method: 'POST', token: who.token, params: { id: suggestion.id } });
    expect((await agree(bob)).body).toEqual({ agreed: true, agreeCount: 1 });
    expect((await agree(bob)).body).toEqual({ agreed: true, agreeCount: 1 });
    expect((await agree(alice)).status).toBe(403);
    expect((await callRoute(agreeDeleteRoute, { method: 'DELETE', token: bob.token, params: { id: suggestion.id } })).body).toEqual({ agreed: false, agreeCount: 0 });
    await agree(bob);
    expect((await listSuggestions(bob, section.id)).body.suggestions[0]).toMatchObject({ agreeCount: 1, agreedByMe: true });
    await accept(drafter, suggestion.id);
    expect((await agree(drafter)).status).toBe(409);
  });
});
