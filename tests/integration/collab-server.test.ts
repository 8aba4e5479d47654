/**
 * The collaboration server with real Node clients (@hocuspocus/provider over ws) and this
 * file's own database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { freePort, connectClient, startCollab, waitFor, type TestClient, storedLiveText } from '@/tests/support/collab';

// The web app finds the collaboration server on COLLAB_PORT: set it before anything reads the environment.
const port = await freePort();
process.env.COLLAB_PORT = String(port);

const { db } = await import('@/lib/db');
const { mintCollabToken } = await import('@/lib/collab/tokens');
const { contentFromYDoc, ydocFromState } = await import('@/lib/sections/ydoc');
const { textFromDoc } = await import('@/lib/sections/content');
const { readVersionBodies } = await import('@/lib/versions/storage');
const { createPerson, createPersonWithToken, createResponse } = await import('@/tests/support/factories');

let collab: Awaited<ReturnType<typeof startCollab>>;
const clients: TestClient[] = [];

function join(sectionId: string, token: string, options: Parameters<typeof connectClient>[3] = {}) {
  const client = connectClient(port, sectionId, token, options);
  clients.push(client);
  return client;
}

async function storedText(sectionId: string) {
  return (await storedLiveText(sectionId)) ?? '';
}

async function versions(sectionId: string) {
  const rows = await db().sectionVersion.findMany({
    where: { sectionId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, source: true, authors: { select: { userId: true } } },
  });
  const bodies = await readVersionBodies(db(), rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, text: bodies.get(row.id)!.text }));
}

beforeAll(async () => {
  collab = await startCollab(port);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await collab?.stop();
});

describe('[COLLAB] live co-editing', () => {
  it('[COLLAB] two drafters typing at once converge on the same text, which is stored', async () => {
    const { sections } = await createResponse({ sections: ['Shared paragraph.'] });
    const [ana, ben] = [await createPerson('DRAFTER'), await createPerson('COORDINATOR')];
    const a = join(sections[0].id, mintCollabToken(ana).token);
    const b = join(sections[0].id, mintCollabToken(ben).token);
    await Promise.all([a.synced(), b.synced()]);
    expect(a.text()).toBe('Shared paragraph.');
    expect(a.scope).toBe('read-write');

    for (let i = 0; i < 5; i++) {
      a.type(0, 0, `A${i} `);
      b.type(0, b.text().length, ` B${i}`);
    }
    await waitFor(() => a.text() === b.text() && a.text().includes('B4') && a.text().includes('A4'), 'both clients to converge');
    expect(a.text()).toMatch(/^A4 A3 A2 A1 A0 Shared paragraph\. B0 B1 B2 B3 B4$/);
    await Promise.all([a.acknowledged(), b.acknowledged()]);
    await waitFor(async () => (await storedText(sections[0].id)) === a.text(), 'the live state to be stored');
  });

  it('[COLLAB] a quiet spell stores a version of the live text credited to everyone who typed', async () => {
    const { sections } = await createResponse({ sections: ['Versioned text.'] });
    const [ana, ben, reader] = [await createPerson('DRAFTER'), await createPerson('DRAFTER'), await createPerson('DRAFTER')];
    const a = join(sections[0].id, mintCollabToken(ana).token);
    const b = join(sections[0].id, mintCollabToken(ben).token);
    const c = join(sections[0].id, mintCollabToken(reader).token);
    await Promise.all([a.synced(), b.synced(), c.synced()]);
    a.type(0, 0, 'Ana: ');
    b.type(0, 0, 'Ben: ');
    await waitFor(async () => (await versions(sections[0].id)).length === 2, 'an EDIT version');
    const [, edit] = await versions(sections[0].id);
    expect(edit.source).toBe('EDIT');
    expect(edit.text).toBe(a.text());
    expect(edit.authors.map((author) => author.userId).sort()).toEqual([ana.id, ben.id].sort());
    // Nothing more typed: no more versions.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await versions(sections[0].id)).toHaveLength(2);
  });

  it('[COLLAB] while someone keeps typing, a version is stored at least every maxBurst', async () => {
    const { sections } = await createResponse({ sections: ['Long burst.'] });
    const ana = await createPerson('DRAFTER');
    const a = join(sections[0].id, mintCollabToken(ana).token);
    await a.synced();
    const started = Date.now();
    while (Date.now() - started < 3800) {
      a.type(0, 0, 'x');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // maxBurstMs is 3 s in tests and quietMs 0.3 s: the typing never paused that long.
    const during = await versions(sections[0].id);
    expect(during.length).toBeGreaterThanOrEqual(2);
  });

  it('[COLLAB] stopping and restarting the server mid-session loses nothing acknowledged', async () => {
    const { sections } = await createResponse({ sections: ['Before the restart.'] });
    const ana = await createPerson('DRAFTER');
    const a = join(sections[0].id, mintCollabToken(ana).token);
    await a.synced();
    a.type(0, 0, 'Acknowledged. ');
    await a.acknowledged();

    await collab.stop();
    // Typed while the server is down: kept by the client, merged on reconnect.
    a.type(0, 0, 'Offline. ');
    collab = await startCollab(port);
    await waitFor(() => a.provider.isSynced, 'the client to reconnect');
    await a.acknowledged();

    const fresh = join(sections[0].id, mintCollabToken(ana).token);
    await fresh.synced();
    expect(fresh.text()).toBe('Offline. Acknowledged. Before the restart.');
    await waitFor(async () => (await storedText(sections[0].id)) === 'Offline. Acknowledged. Before the restart.', 'the merged text to be stored');
  });

  it('[COLLAB] an edit acknowledged just before the server stops is in the database when it has stopped', async () => {
    const { sections } = await createResponse({ sections: ['Flush on stop.'] });
    const ana = await createPerson('DRAFTER');
    const a = join(sections[0].id, mintCollabToken(ana).token);
    await a.synced();
    a.type(0, 0, 'Last words. ');
    await a.acknowledged();
    await collab.stop();
    expect(await storedText(sections[0].id)).toBe('Last words. Flush on stop.');
    const all = await versions(sections[0].id);
    expect(all.at(-1)?.text).toBe('Last words. Flush on stop.');
    collab = await startCollab(port);
  });
});

describe('[COLLAB] who may join and write', () => {
  it('[COLLAB] a connection without a valid token is refused and receives nothing', async () => {
    const { sections } = await createResponse({ sections: ['Secret draft.'] });
    for (const token of ['', 'not-a-token', 'chorus_unknown', 'cc1.someone.9999999999999.forged']) {
      const client = join(sections[0].id, token);
      await waitFor(() => client.denied, `a refusal for "${token}"`);
      expect(client.text()).toBe('');
      await client.close();
    }
  });

  it('[COLLAB] documents other than an existing section are refused', async () => {
    const ana = await createPerson('DRAFTER');
    for (const name of ['section:does-not-exist', 'anything', 'response:x']) {
      const client = join('x', mintCollabToken(ana).token, { name });
      await waitFor(() => client.denied, `a refusal for ${name}`);
      await client.close();
    }
  });

  it('[COLLAB] personal API tokens and session tokens are accepted too', async () => {
    const { sections } = await createResponse({ sections: ['Programs join too.'] });
    const { token } = await createPersonWithToken('DRAFTER');
    const viaApiToken = join(sections[0].id, token);
    await viaApiToken.synced();
    expect(viaApiToken.scope).toBe('read-write');

    const member = await createPerson('MEMBER');
    const session = await db().session.create({ data: { sessionToken: `session-${member.id}`, userId: member.id, expires: new Date(Date.now() + 3_600_000) } });
    const viaSession = join(sections[0].id, session.sessionToken);
    await viaSession.synced();
    expect(viaSession.text()).toBe('Programs join too.');
    expect(viaSession.scope).toBe('readonly');
  });

  it("[COLLAB] a member's connection is read-only: their change is refused by the server and nobody sees it", async () => {
    const { sections } = await createResponse({ sections: ['Members read.'] });
    const [member, drafter] = [await createPerson('MEMBER'), await createPerson('DRAFTER')];
    const m = join(sections[0].id, mintCollabToken(member).token);
    const d = join(sections[0].id, mintCollabToken(drafter).token);
    await Promise.all([m.synced(), d.synced()]);
    expect(m.scope).toBe('readonly');

    m.type(0, 0, 'Vandalism ');
    d.type(0, 0, 'Drafted. ');
    // The member's own copy keeps its refused change locally (the editor never lets a
    // member type; this client is a program ignoring the read-only scope): what matters is
    // that the server and everyone else never see it.
    await waitFor(() => m.text().includes('Drafted.'), 'the member to see the drafter live');
    await d.acknowledged();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(d.text()).toBe('Drafted. Members read.');
    await waitFor(async () => (await storedText(sections[0].id)) === 'Drafted. Members read.', 'storage');
    const fresh = join(sections[0].id, mintCollabToken(drafter).token);
    await fresh.synced();
    expect(fresh.text()).not.toContain('Vandalism');
    const all = await versions(sections[0].id);
    expect(all.every((version) => !version.text.includes('Vandalism'))).toBe(true);
  });

  it('[COLLAB] a malformed message closes only the connection that sent it', async () => {
    const { sections } = await createResponse({ sections: ['Robust.'] });
    const drafter = await createPerson('DRAFTER');
    const good = join(sections[0].id, mintCollabToken(drafter).token);
    const bad = join(sections[0].id, mintCollabToken(drafter).token);
    await Promise.all([good.synced(), bad.synced()]);

    // A sync "update" message whose payload is not a Yjs update.
    const { createEncoder, writeVarString, writeVarUint, writeVarUint8Array, toUint8Array } = await import('lib0/encoding');
    const encoder = createEncoder();
    writeVarString(encoder, `section:${sections[0].id}`);
    writeVarUint(encoder, 0);
    writeVarUint(encoder, 2);
    writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 1, 2, 3]));
    (bad.socket.webSocket as unknown as WebSocket).send(toUint8Array(encoder));
    await waitFor(() => bad.closes.length > 0, 'the bad connection to be closed');

    good.type(0, 0, 'Still fine. ');
    await good.acknowledged();
    expect(good.closes).toEqual([]);
    const fresh = join(sections[0].id, mintCollabToken(drafter).token);
    await fresh.synced();
    expect(fresh.text()).toBe('Still fine. Robust.');
  });
});

describe('[COLLAB] presence', () => {
  it('[COLLAB] the contents page learns who is editing and who is viewing each section', async () => {
    const { response, sections } = await createResponse({ sections: ['One.', 'Two.'] });
    const [dev, mina] = [await createPerson('DRAFTER', { name: 'Dev Patel' }), await createPerson('MEMBER', { name: 'Mina Haddad' })];
    const d = join(sections[0].id, mintCollabToken(dev).token);
    const m = join(sections[0].id, mintCollabToken(mina).token);
    await Promise.all([d.synced(), m.synced()]);
    d.provider.setAwarenessField('user', { name: 'Dev Patel', mode: 'editing' });
    m.provider.setAwarenessField('user', { name: 'Mina Haddad', mode: 'editing' });
    const { listPresence } = await import('@/lib/collab/queries');
    const presence = await waitFor(async () => {
      const answer = await listPresence(dev, response.slug);
      return answer[sections[0].id].some((person) => person.mode === 'editing') ? answer : null;
    }, 'presence with an editor');
    expect(presence[sections[0].id]).toEqual([
      { name: 'Dev Patel', colour: expect.stringMatching(/^#[0-9a-f]{6}$/), mode: 'editing' },
      // A member's editor cannot claim to be editing.
      { name: 'Mina Haddad', colour: expect.stringMatching(/^#[0-9a-f]{6}$/), mode: 'viewing' },
    ]);
    expect(presence[sections[1].id]).toEqual([]);
  });

  it('[COLLAB] nobody can appear under another name: the server stamps awareness with the signed-in person', async () => {
    const { sections } = await createResponse({ sections: ['Who is who.'] });
    const [dev, mallory] = [await createPerson('DRAFTER', { name: 'Dev Patel' }), await createPerson('DRAFTER', { name: 'Mallory' })];
    const d = join(sections[0].id, mintCollabToken(dev).token);
    const x = join(sections[0].id, mintCollabToken(mallory).token);
    await Promise.all([d.synced(), x.synced()]);
    x.provider.setAwarenessField('user', { name: 'Dev Patel', color: '#000000', mode: 'editing' });
    const seen = await waitFor(() => d.provider.awareness?.getStates().get(x.ydoc.clientID)?.user, "Mallory's presence");
    expect(seen).toMatchObject({ name: 'Mallory', id: mallory.id, mode: 'editing' });
    expect(seen.color).not.toBe('#000000');
  });
});

describe('[COLLAB] content rules on the server', () => {
  it('[COLLAB] links to anything but http, https or mailto are stripped on the server; the text stays', async () => {
    const { sections } = await createResponse({ sections: ['Links.'] });
    const drafter = await createPerson('DRAFTER');
    const a = join(sections[0].id, mintCollabToken(drafter).token);
    const watcher = join(sections[0].id, mintCollabToken(drafter).token);
    await Promise.all([a.synced(), watcher.synced()]);
    a.type(0, 0, 'evil ', { link: { href: 'javascript:alert(1)' } });
    a.type(0, 0, 'data ', { link: { href: 'data:text/html,<script>alert(1)</script>' } });
    a.type(0, 0, 'good ', { link: { href: 'https://example.org/' } });
    await waitFor(() => a.notices.some((notice) => notice.code === 'link-removed'), 'a notice to the sender');
    await waitFor(() => watcher.text() === 'good data evil Links.', 'the watcher to get the text');
    const content = contentFromYDoc(watcher.ydoc);
    const hrefs = JSON.stringify(content).match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual(['"href":"https://example.org/"']);
    await waitFor(async () => (await versions(sections[0].id)).length === 2, 'a version');
    const [, version] = await versions(sections[0].id);
    const stored = await db().sectionVersion.findUniqueOrThrow({ where: { id: version.id }, select: { content: true } });
    expect(JSON.stringify(stored.content)).not.toMatch(/javascript:|data:/);
  });

  it('[COLLAB] a change that would make the section longer than 200,000 characters is undone and the sender told why', async () => {
    const { sections } = await createResponse({ sections: ['Short section.'] });
    const drafter = await createPerson('DRAFTER');
    const a = join(sections[0].id, mintCollabToken(drafter).token);
    const b = join(sections[0].id, mintCollabToken(drafter).token);
    await Promise.all([a.synced(), b.synced()]);
    a.type(0, 0, 'x'.repeat(200_000));
    await waitFor(() => a.notices.some((notice) => notice.code === 'too-long'), 'the too-long notice');
    expect(a.notices.find((notice) => notice.code === 'too-long')?.message).toMatch(/at most 200,000 characters/);
    await waitFor(() => a.text() === 'Short section.', 'the sender to see its change undone');
    b.type(0, 0, 'Fine. ');
    await waitFor(() => a.text() === 'Fine. Short section.' && b.text() === a.text(), 'convergence after the refusal');
    await b.acknowledged();
    await waitFor(async () => (await storedText(sections[0].id)) === 'Fine. Short section.', 'storage');
  });

  it('[COLLAB] element types the schema does not know close the connection and never reach others', async () => {
    const { sections } = await createResponse({ sections: ['Schema.'] });
    const drafter = await createPerson('DRAFTER');
    const bad = join(sections[0].id, mintCollabToken(drafter).token);
    const watcher = join(sections[0].id, mintCollabToken(drafter).token);
    await Promise.all([bad.synced(), watcher.synced()]);
    const script = new Y.XmlElement('script');
    script.insert(0, [new Y.XmlText('alert(1)')]);
    bad.ydoc.getXmlFragment('default').insert(1, [script]);
    await waitFor(() => bad.closes.length > 0, 'the connection to close');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.ydoc.getXmlFragment('default').toString()).not.toContain('script');
    expect(watcher.text()).toBe('Schema.');
  });
});
