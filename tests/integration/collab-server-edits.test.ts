/**
 * Server-side changes (accepting a suggestion, restoring a version...) while people type in
 * the same section, through applySectionEdit and a real collaboration server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, freePort, startCollab, waitFor, type TestClient, storedLiveText } from '@/tests/support/collab';

const port = await freePort();
process.env.COLLAB_PORT = String(port);

const { db } = await import('@/lib/db');
const { mintCollabToken } = await import('@/lib/collab/tokens');
const { contentFromYDoc, ydocFromState } = await import('@/lib/sections/ydoc');
const { textFromDoc } = await import('@/lib/sections/content');
const { replaceTextRange } = await import('@/lib/sections/edits');
const { applySectionEdit } = await import('@/lib/sections/mutations');
const { restoreVersion } = await import('@/lib/versions/mutations');
const { AppError } = await import('@/lib/errors');
const { createPerson, createResponse } = await import('@/tests/support/factories');

let collab: Awaited<ReturnType<typeof startCollab>>;
const clients: TestClient[] = [];

function join(sectionId: string, userId: string) {
  const client = connectClient(port, sectionId, mintCollabToken({ id: userId }).token);
  clients.push(client);
  return client;
}

/** Replaces the first occurrence of `words` in the section's current text. */
function replaceWords(words: string, replacement: string) {
  return (doc: Parameters<typeof replaceTextRange>[0], text: string) => {
    const at = text.indexOf(words);
    if (at < 0) throw new AppError('conflict', `"${words}" is not in the section`);
    return replaceTextRange(doc, at, at + words.length, replacement);
  };
}

async function storedText(sectionId: string) {
  return (await storedLiveText(sectionId)) ?? null;
}

beforeAll(async () => {
  collab = await startCollab(port);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await collab?.stop();
});

describe('[COLLAB] server-side changes reach live editors', () => {
  it('[COLLAB] a server-side change made while two people type in the same paragraph loses neither', async () => {
    const { sections } = await createResponse({ sections: ['Grants last one year, which is too short.'] });
    const sectionId = sections[0].id;
    const [ana, ben, cora] = [await createPerson('DRAFTER'), await createPerson('DRAFTER'), await createPerson('COORDINATOR')];
    const a = join(sectionId, ana.id);
    const b = join(sectionId, ben.id);
    await Promise.all([a.synced(), b.synced()]);

    let typing = true;
    let typedA = 0;
    let typedB = 0;
    const typeA = (async () => {
      while (typing) {
        a.type(0, a.text().length, 'a');
        typedA += 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    const typeB = (async () => {
      while (typing) {
        b.type(0, 0, 'b');
        typedB += 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const version = await applySectionEdit({
      sectionId,
      edit: replaceWords('one year', 'three years'),
      authorIds: [ana.id, cora.id],
      source: 'SUGGESTION',
      actorId: cora.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    typing = false;
    await Promise.all([typeA, typeB]);

    const expected = `${'b'.repeat(typedB)}Grants last three years, which is too short.${'a'.repeat(typedA)}`;
    await waitFor(() => a.text() === expected && b.text() === expected, 'both screens to hold every keystroke and the change');
    expect(version.text).toContain('three years');
    const stored = await db().sectionVersion.findUniqueOrThrow({ where: { id: version.id }, select: { source: true, authors: { select: { userId: true } } } });
    expect(stored.source).toBe('SUGGESTION');
    expect(stored.authors.map((author) => author.userId).sort()).toEqual([ana.id, cora.id].sort());
    // The typing around it is stored as the next editing version, and in the live state.
    await Promise.all([a.acknowledged(), b.acknowledged()]);
    await waitFor(async () => (await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true } } } })).currentVersion?.text === expected, 'an editing version with everything');
    await waitFor(async () => (await storedText(sectionId)) === expected, 'the stored live state');
  });

  it('[COLLAB] a server-side change that fails leaves the live document untouched', async () => {
    const { sections } = await createResponse({ sections: ['Nothing to replace here.'] });
    const ana = await createPerson('DRAFTER');
    const a = join(sections[0].id, ana.id);
    await a.synced();
    await expect(applySectionEdit({ sectionId: sections[0].id, edit: replaceWords('missing words', 'x'), authorIds: [ana.id], source: 'SUGGESTION', actorId: ana.id })).rejects.toThrow(/not in the section/);
    await expect(
      applySectionEdit({
        sectionId: sections[0].id,
        edit: replaceWords('Nothing', 'Something'),
        authorIds: [ana.id],
        source: 'SUGGESTION',
        actorId: ana.id,
        after: async () => {
          throw new AppError('conflict', 'Decided meanwhile');
        },
      }),
    ).rejects.toThrow(/Decided meanwhile/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.text()).toBe('Nothing to replace here.');
    expect(await db().sectionVersion.count({ where: { sectionId: sections[0].id } })).toBe(1);
    // The pinned document was released: once the last person leaves, it unloads.
    await a.close();
    await waitFor(() => !collab.server.hocuspocus.documents.has(`section:${sections[0].id}`), 'the document to unload');
  });

  it('[COLLAB] restoring a version while someone edits: they see it at once, as a new RESTORE version; nothing is deleted', async () => {
    const { sections } = await createResponse({ sections: ['Original wording.'] });
    const sectionId = sections[0].id;
    const [ana, cora] = [await createPerson('DRAFTER'), await createPerson('COORDINATOR')];
    const a = join(sectionId, ana.id);
    await a.synced();
    a.type(0, 0, 'Rewritten. ');
    await waitFor(async () => (await db().sectionVersion.count({ where: { sectionId } })) === 2, 'an editing version');
    const original = sections[0].currentVersionId;

    const restored = await restoreVersion(cora, sectionId, { versionId: original });
    await waitFor(() => a.text() === 'Original wording.', 'the editor to show the restored text');
    const all = await db().sectionVersion.findMany({ where: { sectionId }, orderBy: { createdAt: 'asc' }, select: { id: true, source: true, restoredFromId: true, text: true } });
    expect(all.map((version) => version.source)).toEqual(['IMPORT', 'EDIT', 'RESTORE']);
    expect(all[2]).toMatchObject({ id: restored.id, restoredFromId: original, text: 'Original wording.' });
    // Typing after the restore carries on from the restored text.
    a.type(0, 0, 'Again: ');
    await waitFor(async () => (await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true } } } })).currentVersion?.text === 'Again: Original wording.', 'the next editing version');
  });

  it('[COLLAB] a change made while nobody is connected is what the next live session opens with, and an old offline copy merges without duplicating text', async () => {
    const { sections } = await createResponse({ sections: ['Offline story.'] });
    const sectionId = sections[0].id;
    const ana = await createPerson('DRAFTER');
    const a = join(sectionId, ana.id);
    await a.synced();
    await a.acknowledged();
    // Ana goes offline, keeping her copy, and types.
    a.socket.disconnect();
    a.type(0, 0, 'Ana offline. ');
    await waitFor(() => !collab.server.hocuspocus.documents.has(`section:${sectionId}`), 'the document to unload');

    await applySectionEdit({ sectionId, edit: replaceWords('story', 'tale'), authorIds: [ana.id], source: 'SUGGESTION', actorId: ana.id });
    expect(await storedText(sectionId)).toBe('Offline tale.');

    const fresh = join(sectionId, ana.id);
    await fresh.synced();
    expect(fresh.text()).toBe('Offline tale.');
    await a.socket.connect();
    await waitFor(() => fresh.text() === 'Ana offline. Offline tale.' && a.text() === fresh.text(), 'the offline copy to merge');
  });

  it('[COLLAB] naming a version first stores typing not yet saved as a version', async () => {
    const { response, sections } = await createResponse({ sections: ['First.', 'Second.'] });
    const ana = await createPerson('DRAFTER');
    const { nameCurrentVersion } = await import('@/lib/versions/mutations');
    const { getNamedVersion } = await import('@/lib/versions/queries');
    const a = join(sections[1].id, ana.id);
    await a.synced();
    a.type(0, 0, 'Just typed. ');
    await a.acknowledged();
    const named = await nameCurrentVersion(ana, response.slug, { label: 'Members meeting' });
    const detail = await getNamedVersion(ana, named.id);
    expect(detail.sections.map((section) => section.text)).toEqual(['First.', 'Just typed. Second.']);
  });
});

describe('[COLLAB] a server-side change folded into the stored state before a process read it', () => {
  it('[COLLAB] still reaches the live document (read from the stored state), so the next version cannot revert it', async () => {
    const { LogFollower } = await import('@/lib/collab/log-follower');
    const { loadSectionState } = await import('@/lib/collab/persistence');
    const { compactSectionLog } = await import('@/lib/sections/live-state');
    const { sections } = await createResponse({ sections: ['Grants for one year.'] });
    const sectionId = sections[0].id;
    const ana = await createPerson('DRAFTER');
    // A process holding the section's live document...
    const live = ydocFromState((await loadSectionState(sectionId))!);
    const instance = { documents: new Map([[`section:${sectionId}`, live]]), loadingDocuments: new Map() };
    const follower = new LogFollower(() => instance as never);
    // ...is told of a server-side change only after another process compacted the log.
    await applySectionEdit({ sectionId, edit: replaceWords('one year', 'three years'), authorIds: [ana.id], source: 'SUGGESTION', actorId: ana.id });
    const [{ max }] = await db().$queryRaw<{ max: bigint }[]>`select max(id) as max from "SectionUpdate" where "sectionId" = ${sectionId}`;
    await compactSectionLog(sectionId);
    expect(await db().sectionUpdate.count({ where: { sectionId } })).toBe(0);
    await follower.notified(`${sectionId}:${max}`);
    expect(textFromDoc(contentFromYDoc(live))).toBe('Grants for three years.');
  });
});

describe('[COLLAB] a version cut from the live text right after a server-side change', () => {
  it('[COLLAB] includes that change even before its notification arrived: the accepted words are never reverted', async () => {
    const { LogFollower } = await import('@/lib/collab/log-follower');
    const { LiveSections } = await import('@/lib/collab/live-sections');
    const { loadSectionState } = await import('@/lib/collab/persistence');
    const { sections } = await createResponse({ sections: ['Grants for one year.'] });
    const sectionId = sections[0].id;
    const ana = await createPerson('DRAFTER');
    const name = `section:${sectionId}`;
    const document = ydocFromState((await loadSectionState(sectionId))!);
    const instance = { documents: new Map([[name, document]]), loadingDocuments: new Map() } as never;
    const follower = new LogFollower(() => instance);
    const live = new LiveSections(() => instance, { quietMs: 60_000, maxBurstMs: 60_000 }, (id, doc) => follower.resync(id, doc as never));
    live.loaded(name, document as never);
    // Someone typed (a version is due), then a suggestion is accepted; this process has not heard of it yet.
    const fragment = document.getXmlFragment('default');
    ((fragment.get(0) as import('yjs').XmlElement).get(0) as import('yjs').XmlText).insert(0, 'Typed. ');
    live.changed(name, { authorId: ana.id });
    await applySectionEdit({ sectionId, edit: replaceWords('one year', 'three years'), authorIds: [ana.id], source: 'SUGGESTION', actorId: ana.id });
    await live.commit(name);
    const current = await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true, source: true } } } });
    expect(current.currentVersion).toEqual({ text: 'Typed. Grants for three years.', source: 'EDIT' });
    live.unloaded(name);
  });
});
