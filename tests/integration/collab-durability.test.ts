/**
 * What an operator and an attacker would try against live editing: killing the
 * collaboration process mid-typing, and taking someone's access away while their
 * WebSocket is open. Real collaboration servers (one in a child process, killed with
 * SIGKILL), real Node clients, this file's own database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, freePort, startCollab, storedLiveText, waitFor, type TestClient } from '@/tests/support/collab';

const port = await freePort();
process.env.COLLAB_PORT = String(port);

const { db } = await import('@/lib/db');
const { mintCollabToken } = await import('@/lib/collab/tokens');
const { changeRole, removePerson } = await import('@/lib/people/mutations');
const { createPerson, createResponse } = await import('@/tests/support/factories');

const root = path.resolve(import.meta.dirname, '../..');
let collab: Awaited<ReturnType<typeof startCollab>>;
const clients: TestClient[] = [];
const children: ChildProcess[] = [];

function join(collabPort: number, sectionId: string, userId: string) {
  const client = connectClient(collabPort, sectionId, mintCollabToken({ id: userId }).token);
  clients.push(client);
  return client;
}

/** The collaboration server as `npm start` runs it: its own process, on `collabPort`. */
async function startCollabProcess(collabPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './lib/cli/server-only-hook.mjs', path.join(root, 'lib/collab/server.ts')], {
    cwd: root,
    env: { ...process.env, COLLAB_PORT: String(collabPort), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitFor(() => output.includes('listening') || child.exitCode !== null, 'the collaboration process to listen', 30_000);
  if (child.exitCode !== null) throw new Error(`The collaboration process exited: ${output}`);
  return child;
}

beforeAll(async () => {
  collab = await startCollab(port, { accessSweepMs: 60_000 });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  for (const child of children) child.kill('SIGKILL');
  await collab?.stop();
});

describe('[COLLAB] durable to the keystroke', () => {
  it('[COLLAB] kill -9 of the collaboration process mid-typing, typist gone: after a restart every acknowledged character is stored', async () => {
    const { sections } = await createResponse({ sections: ['Typed:'] });
    const sectionId = sections[0].id;
    const drafter = await createPerson('DRAFTER');
    const processPort = await freePort();
    const child = await startCollabProcess(processPort);
    const typist = join(processPort, sectionId, drafter.id);
    await typist.synced();

    // Bursts of typing; after each, the server acknowledges everything typed so far, and
    // that text is promised. A last burst is still in flight when the process is killed.
    let acknowledged = '';
    const burst = (round: number) => {
      for (let i = 0; i < 12; i++) typist.type(0, typist.text().length, String.fromCharCode(97 + ((round + i) % 26)));
    };
    for (let round = 0; round < 12; round++) {
      burst(round);
      await typist.acknowledged();
      acknowledged = typist.text();
    }
    burst(12);
    child.kill('SIGKILL');
    await typist.close();
    await waitFor(() => child.exitCode !== null || child.signalCode !== null, 'the process to die');
    expect(acknowledged).toHaveLength('Typed:'.length + 144);

    // Restart and read the section back, from the database and through a new client.
    const restartedPort = await freePort();
    await startCollabProcess(restartedPort);
    const stored = await storedLiveText(sectionId);
    expect(stored!.startsWith(acknowledged)).toBe(true);
    const reader = join(restartedPort, sectionId, drafter.id);
    await reader.synced();
    expect(reader.text().startsWith(acknowledged)).toBe(true);
  });
});

describe('[COLLAB] access follows the person', () => {
  it('[COLLAB] a drafter demoted to member while connected is read-only within 2 s: what they type next reaches nobody and is not stored', async () => {
    const { sections } = await createResponse({ sections: ['Shared text.'] });
    const sectionId = sections[0].id;
    const coordinator = await createPerson('COORDINATOR');
    const [drafter, colleague] = [await createPerson('DRAFTER'), await createPerson('DRAFTER')];
    const demoted = join(port, sectionId, drafter.id);
    const watcher = join(port, sectionId, colleague.id);
    await Promise.all([demoted.synced(), watcher.synced()]);
    demoted.type(0, 0, 'Before. ');
    await waitFor(() => watcher.text() === 'Before. Shared text.', 'the first change to arrive');

    const started = Date.now();
    await changeRole(coordinator, { userId: drafter.id, role: 'MEMBER' });
    await waitFor(() => demoted.notices.some((notice) => notice.code === 'read-only'), 'the read-only notice', 2000);
    expect(Date.now() - started).toBeLessThan(2000);

    demoted.type(0, 0, 'After. ');
    watcher.type(0, watcher.text().length, ' Still open.');
    await waitFor(() => watcher.text() === 'Before. Shared text. Still open.', 'the colleague’s change to arrive');
    await watcher.acknowledged();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.text()).not.toContain('After.');
    expect(await storedLiveText(sectionId)).toBe('Before. Shared text. Still open.');
  });

  it('[COLLAB] a drafter removed from the network while connected is disconnected within 2 s and cannot reconnect', async () => {
    const { sections } = await createResponse({ sections: ['Network text.'] });
    const sectionId = sections[0].id;
    const coordinator = await createPerson('COORDINATOR');
    const [drafter, colleague] = [await createPerson('DRAFTER'), await createPerson('DRAFTER')];
    const removed = join(port, sectionId, drafter.id);
    const watcher = join(port, sectionId, colleague.id);
    await Promise.all([removed.synced(), watcher.synced()]);

    const started = Date.now();
    await removePerson(coordinator, { userId: drafter.id });
    await waitFor(() => removed.notices.some((notice) => notice.code === 'access-ended') && removed.closes.length > 0, 'the connection to close', 2000);
    expect(Date.now() - started).toBeLessThan(2000);

    removed.type(0, 0, 'Sneaked in. ');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(watcher.text()).toBe('Network text.');
    expect(removed.denied).toBeTruthy();
    const versions = await db().sectionVersionAuthor.count({ where: { userId: drafter.id } });
    expect(versions).toBe(0);
    expect(await storedLiveText(sectionId)).toBe('Network text.');
  });
});

describe('[COLLAB] a connection flooding the server', () => {
  it('[COLLAB] changes sent faster than anyone types close that connection with a notice; others carry on', async () => {
    const floodPort = await freePort();
    const limited = await startCollab(floodPort, { updateRate: { burst: 40, perSecond: 20 } });
    try {
      const { sections } = await createResponse({ sections: ['Calm text.'] });
      const [flooder, colleague] = [await createPerson('DRAFTER'), await createPerson('DRAFTER')];
      const flood = join(floodPort, sections[0].id, flooder.id);
      const calm = join(floodPort, sections[0].id, colleague.id);
      await Promise.all([flood.synced(), calm.synced()]);
      for (let i = 0; i < 300; i++) flood.type(0, 0, 'x');
      await waitFor(() => flood.notices.some((notice) => notice.code === 'too-fast'), 'the too-fast notice');
      await waitFor(() => flood.closes.length > 0 || flood.denied !== null || !flood.provider.isSynced, 'the flooding connection to close');
      calm.type(0, calm.text().length, ' Still fine.');
      await calm.acknowledged();
      expect(calm.text().endsWith('Still fine.')).toBe(true);
      // Everyone else's text is stored as usual.
      await waitFor(async () => (await storedLiveText(sections[0].id))?.endsWith('Calm text. Still fine.'), 'the colleague’s words to be stored');
    } finally {
      await limited.stop();
    }
  });
});
