/**
 * Accepting a suggestion while a drafter types in the same section, through a real
 * collaboration server: neither change is lost, and the passage is found in the live text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, freePort, startCollab, waitFor, type TestClient } from '@/tests/support/collab';

const port = await freePort();
process.env.COLLAB_PORT = String(port);

const { db } = await import('@/lib/db');
const { mintCollabToken } = await import('@/lib/collab/tokens');
const { acceptSuggestion, createSuggestion } = await import('@/lib/suggestions/mutations');
const { getSuggestion } = await import('@/lib/suggestions/queries');
const { getVersion } = await import('@/lib/versions/queries');
const { createPerson, createResponse } = await import('@/tests/support/factories');

let collab: Awaited<ReturnType<typeof startCollab>>;
const clients: TestClient[] = [];

beforeAll(async () => {
  collab = await startCollab(port);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await collab?.stop();
});

describe('[SUGGESTIONS] accepting while a drafter edits the same section', () => {
  it('loses neither the typing nor the accepted words', async () => {
    const { sections } = await createResponse({ sections: ['Grants should last one year at a time.\n\nCouncils should publish their spending.'] });
    const sectionId = sections[0].id;
    const member = await createPerson('MEMBER', { name: 'Mo Member' });
    const drafter = await createPerson('DRAFTER', { name: 'Dee Drafter' });
    const coordinator = await createPerson('COORDINATOR', { name: 'Cy Coordinator' });
    const { suggestion } = await createSuggestion(member, sectionId, { anchor: { exact: 'one year' }, replacement: 'three years' });

    const live = connectClient(port, sectionId, mintCollabToken({ id: drafter.id }).token);
    clients.push(live);
    await live.synced();
    let typing = true;
    let typed = 0;
    const typist = (async () => {
      while (typing) {
        // At the start of the first paragraph, before the suggested words, and in the second one.
        live.type(0, 0, 'x');
        live.type(1, 0, 'y');
        typed += 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { versionId } = await acceptSuggestion(coordinator, suggestion.id);
    await new Promise((resolve) => setTimeout(resolve, 250));
    typing = false;
    await typist;

    const expected = `${'x'.repeat(typed)}Grants should last three years at a time.\n\n${'y'.repeat(typed)}Councils should publish their spending.`;
    await waitFor(() => live.text() === expected, 'the editor to hold every keystroke and the accepted words');
    const version = await db().sectionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { source: true, authors: { select: { userId: true } } } });
    expect(version.source).toBe('SUGGESTION');
    // Through the versions' reader: once the typing is cut into a later version (after a quiet
    // spell), this one is stored as a change from that and its own text column is empty.
    expect((await getVersion(coordinator, versionId)).text).toContain('Grants should last three years at a time.');
    expect(version.authors.map((a) => a.userId).sort()).toEqual([member.id, coordinator.id].sort());
    expect((await getSuggestion(coordinator, suggestion.id)).status).toBe('ACCEPTED');
    await live.acknowledged();
    await waitFor(
      async () => (await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true } } } })).currentVersion?.text === expected,
      'the typing to be stored too',
    );
  });

  it('finds the suggested words in the live text even when typing not yet stored moved them', async () => {
    const { sections } = await createResponse({ sections: ['Fund local charities for one year.'] });
    const sectionId = sections[0].id;
    const member = await createPerson('MEMBER');
    const drafter = await createPerson('DRAFTER');
    const { suggestion } = await createSuggestion(member, sectionId, { anchor: { exact: 'one year' }, replacement: 'three years' });
    const live = connectClient(port, sectionId, mintCollabToken({ id: drafter.id }).token);
    clients.push(live);
    await live.synced();
    live.type(0, 0, 'Please ');
    await live.acknowledged();
    await acceptSuggestion(drafter, suggestion.id);
    await waitFor(() => live.text() === 'Please Fund local charities for three years.', 'the accepted words in place');
  });
});
