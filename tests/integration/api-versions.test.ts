/**
 * Versions over the API: history, one version, word diffs, restore, named versions; and the
 * rules every stored version obeys (length limit, editor schema, link protocols). No
 * collaboration server runs here: changes go to the stored state.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '@/tests/support/collab';

// Nothing listens on this port: applySectionEdit works on the stored state.
process.env.COLLAB_PORT = String(await freePort());

const { GET: versionsRoute } = await import('@/app/api/v1/sections/[id]/versions/route');
const { GET: versionRoute } = await import('@/app/api/v1/versions/[id]/route');
const { GET: diffRoute } = await import('@/app/api/v1/sections/[id]/diff/route');
const { POST: restoreRoute } = await import('@/app/api/v1/sections/[id]/restore/route');
const { GET: listNamedRoute, POST: nameRoute } = await import('@/app/api/v1/responses/[slug]/named-versions/route');
const { GET: namedRoute } = await import('@/app/api/v1/named-versions/[id]/route');
const { GET: tokenRoute } = await import('@/app/api/v1/collab/token/route');
const { GET: presenceRoute } = await import('@/app/api/v1/responses/[slug]/presence/route');
const { GET: sectionRoute } = await import('@/app/api/v1/sections/[id]/route');
const { db } = await import('@/lib/db');
const { verifyCollabToken } = await import('@/lib/collab/tokens');
const { contentFromYDoc, ydocFromContent, ydocFromState, encodeState } = await import('@/lib/sections/ydoc');
const { docFromText, textFromDoc } = await import('@/lib/sections/content');
const { replaceTextRange } = await import('@/lib/sections/edits');
const { applySectionEdit, commitSectionVersion } = await import('@/lib/sections/mutations');
const { readVersionBodies } = await import('@/lib/versions/storage');
const { callRoute, createPerson, createPersonWithToken, createResponse } = await import('@/tests/support/factories');

async function edit(sectionId: string, authorId: string, from: string, to: string) {
  return applySectionEdit({
    sectionId,
    edit: (doc, text) => replaceTextRange(doc, text.indexOf(from), text.indexOf(from) + from.length, to),
    authorIds: [authorId],
    source: 'EDIT',
    actorId: authorId,
  });
}

describe('[VERSIONS] history over the API', () => {
  it('should require authentication', async () => {
    const { sections } = await createResponse();
    for (const [route, params] of [
      [versionsRoute, { id: sections[0].id }],
      [versionRoute, { id: sections[0].currentVersionId }],
      [diffRoute, { id: sections[0].id }],
      [restoreRoute, { id: sections[0].id }],
      [tokenRoute, {}],
    ] as const) {
      const { status } = await callRoute(route as never, { method: route === restoreRoute ? 'POST' : 'GET', params, body: route === restoreRoute ? {} : undefined });
      expect(status).toBe(401);
    }
  });

  it('lists versions newest first with who and when; members may read them', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const dana = await createPerson('DRAFTER', { name: 'Dana Drafter' });
    const { sections } = await createResponse({ sections: ['We support the principles.'] });
    const second = await edit(sections[0].id, dana.id, 'support', 'strongly support');
    const { status, body } = await callRoute(versionsRoute, { token, params: { id: sections[0].id } });
    expect(status).toBe(200);
    expect(body.versions.map((version: { id: string }) => version.id)).toEqual([second.id, sections[0].currentVersionId]);
    expect(body.versions[0]).toEqual({ id: second.id, createdAt: second.createdAt.toISOString(), authors: [{ name: 'Dana Drafter' }], label: null, source: 'EDIT', restoredFromId: null });
    expect(JSON.stringify(body)).not.toContain('@');
  });

  it('returns one version with text, content, authors; unknown ids are 404', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { sections } = await createResponse({ sections: ['Alpha.'] });
    const { status, body } = await callRoute(versionRoute, { token, params: { id: sections[0].currentVersionId } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: sections[0].currentVersionId, sectionId: sections[0].id, text: 'Alpha.', content: { type: 'doc' }, authors: [{ name: 'Test coordinator' }] });
    expect((await callRoute(versionRoute, { token, params: { id: 'no-such-version' } })).status).toBe(404);
    expect((await callRoute(versionsRoute, { token, params: { id: 'no-such-section' } })).status).toBe(404);
  });

  it('compares two versions word by word', async () => {
    const { token, person } = await createPersonWithToken('DRAFTER');
    const { sections } = await createResponse({ sections: ['Funding should be fair.'] });
    const next = await edit(sections[0].id, person.id, 'should', 'must');
    const url = `http://localhost/api/v1/sections/${sections[0].id}/diff?from=${sections[0].currentVersionId}&to=${next.id}`;
    const { status, body } = await callRoute(diffRoute, { token, url, params: { id: sections[0].id } });
    expect(status).toBe(200);
    expect(body.changes).toEqual([
      { op: 'equal', text: 'Funding ' },
      { op: 'delete', text: 'should' },
      { op: 'insert', text: 'must' },
      { op: 'equal', text: ' be fair.' },
    ]);
  });

  it('refuses a diff with missing ids (400) or versions of another section or unknown ones (404)', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { sections } = await createResponse();
    const base = `http://localhost/api/v1/sections/${sections[0].id}/diff`;
    const missing = await callRoute(diffRoute, { token, url: `${base}?from=${sections[0].currentVersionId}`, params: { id: sections[0].id } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('to');
    const foreign = await callRoute(diffRoute, { token, url: `${base}?from=${sections[0].currentVersionId}&to=${sections[1].currentVersionId}`, params: { id: sections[0].id } });
    expect(foreign.status).toBe(404);
    const unknown = await callRoute(diffRoute, { token, url: `${base}?from=${sections[0].currentVersionId}&to=nope`, params: { id: sections[0].id } });
    expect(unknown.status).toBe(404);
  });

  it('every section answer carries where its live document is', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { sections } = await createResponse();
    const { body } = await callRoute(sectionRoute, { token, params: { id: sections[0].id } });
    expect(body.section.collab).toEqual({ url: expect.stringMatching(/^wss?:\/\/.+:\d+$/), document: `section:${sections[0].id}` });
  });
});

describe('[VERSIONS] restore', () => {
  it('a drafter restores an older version: a new RESTORE version, nothing deleted', async () => {
    const { token, person } = await createPersonWithToken('DRAFTER');
    const { sections } = await createResponse({ sections: ['Three-year grants.'] });
    const original = sections[0].currentVersionId;
    await edit(sections[0].id, person.id, 'Three', 'One');
    const { status, body } = await callRoute(restoreRoute, { method: 'POST', token, params: { id: sections[0].id }, body: { versionId: original } });
    expect(status).toBe(201);
    expect(body.version).toMatchObject({ restoredFromId: original, text: 'Three-year grants.' });
    const all = await db().sectionVersion.findMany({ where: { sectionId: sections[0].id }, orderBy: { createdAt: 'asc' }, select: { id: true, source: true, authors: { select: { userId: true } } } });
    const bodies = await readVersionBodies(db(), all.map((version) => version.id));
    expect(all.map((version) => [version.source, bodies.get(version.id)?.text])).toEqual([
      ['IMPORT', 'Three-year grants.'],
      ['EDIT', 'One-year grants.'],
      ['RESTORE', 'Three-year grants.'],
    ]);
    expect(all[2].authors).toEqual([{ userId: person.id }]);
    const section = await db().section.findUniqueOrThrow({ where: { id: sections[0].id }, select: { currentVersionId: true } });
    expect(section.currentVersionId).toBe(body.version.id);
    expect(await db().auditEvent.count({ where: { action: 'section.version.restore', targetId: sections[0].id, actorId: person.id } })).toBe(1);
  });

  it('a member may not restore (403), even an unknown version; nothing changes', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { sections } = await createResponse();
    for (const versionId of [sections[0].currentVersionId, 'no-such-version']) {
      const { status, body } = await callRoute(restoreRoute, { method: 'POST', token, params: { id: sections[0].id }, body: { versionId } });
      expect(status).toBe(403);
      expect(body.error.code).toBe('forbidden');
    }
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id } })).toBe(1);
  });

  it('unknown versions, versions of another section, and a missing versionId are refused', async () => {
    const { token } = await createPersonWithToken('COORDINATOR');
    const { sections } = await createResponse();
    const call = (body: unknown) => callRoute(restoreRoute, { method: 'POST', token, params: { id: sections[0].id }, body });
    expect((await call({ versionId: 'no-such-version' })).status).toBe(404);
    expect((await call({ versionId: sections[1].currentVersionId })).status).toBe(404);
    const missing = await call({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('versionId');
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id } })).toBe(1);
  });

  it('restoring brings the stored live state in line, so the next live session opens with the restored text', async () => {
    const { person } = await createPersonWithToken('DRAFTER');
    const { sections } = await createResponse({ sections: ['Before.'] });
    const state = encodeState(ydocFromContent(docFromText('Typed live.')));
    await db().sectionDocument.create({ data: { sectionId: sections[0].id, state } });
    const { restoreVersion } = await import('@/lib/versions/mutations');
    await restoreVersion(person, sections[0].id, { versionId: sections[0].currentVersionId });
    // The next live session opens with the stored state plus the update log.
    const { readLiveDoc } = await import('@/lib/sections/live-state');
    const stored = await readLiveDoc(db(), sections[0].id);
    expect(textFromDoc(contentFromYDoc(stored!.doc))).toBe('Before.');
  });
});

describe('[VERSIONS] every stored version obeys the editor rules', () => {
  it('content over 200,000 characters is refused with a clear message and nothing is stored', async () => {
    const person = await createPerson('DRAFTER');
    const { sections } = await createResponse({ sections: ['Short.'] });
    const error = await applySectionEdit({ sectionId: sections[0].id, edit: () => docFromText('x'.repeat(200_001)), authorIds: [person.id], source: 'EDIT', actorId: person.id }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/at most 200,000 characters; this would make it 200,001/) });
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id } })).toBe(1);
  });

  it('links other than http, https and mailto are stripped before storing; the text stays', async () => {
    const person = await createPerson('DRAFTER');
    const { sections } = await createResponse({ sections: ['Links.'] });
    const link = (href: string, text: string) => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] });
    const version = await applySectionEdit({
      sectionId: sections[0].id,
      edit: () => ({
        type: 'doc',
        content: [{ type: 'paragraph', content: [link('javascript:alert(1)', 'a '), link('data:text/html,x', 'b '), link('https://ok.example/', 'c '), link('mailto:x@example.org', 'd '), link(' javascript:x', 'e')] }],
      }),
      authorIds: [person.id],
      source: 'EDIT',
      actorId: person.id,
    });
    const stored = await db().sectionVersion.findUniqueOrThrow({ where: { id: version.id }, select: { content: true, text: true } });
    expect(stored.text).toBe('a b c d e');
    expect(JSON.stringify(stored.content).match(/"href":"[^"]*"/g)).toEqual(['"href":"https://ok.example/"', '"href":"mailto:x@example.org"']);
  });

  it('content outside the editor schema is rebuilt to fit it before storing', async () => {
    const person = await createPerson('COORDINATOR');
    const { response } = await createResponse({ sections: [] });
    const section = await db().section.create({ data: { responseId: response.id, position: 0, heading: 'Imported' } });
    const version = await db().$transaction((tx) =>
      commitSectionVersion(tx, {
        sectionId: section.id,
        content: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Title', marks: [{ type: 'strike' }] }] },
            { type: 'script', content: [{ type: 'text', text: 'kept as text' }] },
            { type: 'bulletList', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'loose item' }] }] },
          ],
        } as never,
        authorIds: [person.id],
        source: 'IMPORT',
        actorId: person.id,
      }),
    );
    const stored = await db().sectionVersion.findUniqueOrThrow({ where: { id: version.id }, select: { content: true, text: true } });
    expect(stored.content).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'kept as text' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'loose item' }] }] }] },
      ],
    });
  });
});

describe('[VERSIONS] named versions of a whole response', () => {
  it('a drafter names the current state; it stays exactly as it was after later edits', async () => {
    const { token, person } = await createPersonWithToken('DRAFTER');
    const { response, sections } = await createResponse({ sections: ['One.', 'Two.'] });
    const created = await callRoute(nameRoute, { method: 'POST', token, params: { slug: response.slug }, body: { label: "Draft for the members' meeting" } });
    expect(created.status).toBe(201);
    expect(created.body.namedVersion).toMatchObject({ label: "Draft for the members' meeting", sectionCount: 2 });
    await edit(sections[0].id, person.id, 'One', 'Uno');

    const { body } = await callRoute(namedRoute, { token, params: { id: created.body.namedVersion.id } });
    expect(body.namedVersion.sections.map((section: { text: string; heading: string }) => [section.heading, section.text])).toEqual([
      ['Section 1', 'One.'],
      ['Section 2', 'Two.'],
    ]);
    const list = await callRoute(listNamedRoute, { token, params: { slug: response.slug } });
    expect(list.body.namedVersions).toEqual([expect.objectContaining({ id: created.body.namedVersion.id, createdBy: { name: 'Test drafter' } })]);
  });

  it('members cannot name versions (403); names are required and unique per response', async () => {
    const member = await createPersonWithToken('MEMBER');
    const drafter = await createPersonWithToken('DRAFTER');
    const { response } = await createResponse();
    const call = (token: string, body: unknown) => callRoute(nameRoute, { method: 'POST', token, params: { slug: response.slug }, body });
    expect((await call(member.token, { label: 'Mine' })).status).toBe(403);
    const empty = await call(drafter.token, { label: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty('label');
    expect((await call(drafter.token, { label: 'Final draft' })).status).toBe(201);
    const again = await call(drafter.token, { label: 'Final draft' });
    expect(again.status).toBe(409);
    expect(await db().namedVersion.count({ where: { responseId: response.id } })).toBe(1);
    expect((await callRoute(namedRoute, { token: member.token, params: { id: 'nope' } })).status).toBe(404);
  });
});

describe('[COLLAB] tokens and presence over the API', () => {
  it('a signed-in person gets a short-lived collaboration token for themselves', async () => {
    const { token, person } = await createPersonWithToken('MEMBER');
    const { status, body, headers } = await callRoute(tokenRoute, { token });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(verifyCollabToken(body.token)).toBe(person.id);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(10 * 60_000);
    expect(verifyCollabToken(body.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')))).toBeNull();
  });

  it('presence answers an empty list per section when the collaboration server is not running', async () => {
    const { token } = await createPersonWithToken('MEMBER');
    const { response, sections } = await createResponse();
    const { status, body } = await callRoute(presenceRoute, { token, params: { slug: response.slug } });
    expect(status).toBe(200);
    expect(body.sections).toEqual({ [sections[0].id]: [], [sections[1].id]: [] });
  });
});
