/**
 * Daily and weekly digests: what they say, and a durable queue that survives a crash of
 * the process sending them without losing or repeating a mail (real pg-boss on this
 * file's database, a real SMTP server capturing the mail, the worker killed with SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { freePort } from '@/lib/db/embedded';
import { createComment } from '@/lib/comments/mutations';
import { deliverDigest, enqueueDigests, periodKey, startDigestQueue } from '@/lib/digests/queue';
import { createPerson, createResponse } from '@/tests/support/factories';
import { waitFor } from '@/tests/support/collab';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('[DIGESTS] what a digest says', () => {
  it('[DIGESTS] a daily digest gathers replies, changed passages, new comments where they took part and deadlines, each with a reply address; the same period is never sent twice', async () => {
    const { response, sections } = await createResponse({ sections: ['Grants should last one year.', 'Councils should publish spending.'] });
    await db().response.update({ where: { id: response.id }, data: { deadline: new Date(Date.now() + 3 * 24 * 3600_000) } });
    const reader = await createPerson('MEMBER', { name: 'Rae Reader' });
    const other = await createPerson('MEMBER', { name: 'Oli Other' });
    await db().user.update({ where: { id: reader.id }, data: { emailFrequency: 'DAILY' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db().user.update({ where: { id: reader.id }, data: { lastDigestAt: new Date() } });

    const { comment } = await createComment(reader, sections[1].id, { body: 'Which councils do this already?' });
    await createComment(other, sections[1].id, { body: 'Leeds publishes every quarter.', parentId: comment.id });
    await createComment(other, sections[1].id, { body: 'Spending should be shown by ward.' });
    const { applySectionEdit } = await import('@/lib/sections/mutations');
    const { docFromText } = await import('@/lib/sections/content');
    await applySectionEdit({ sectionId: sections[0].id, edit: () => docFromText('Grants should last three years.'), authorIds: [other.id], source: 'EDIT', actorId: other.id });
    // A person who chose immediate email got the reply at once; this one did not.
    expect(await db().devMailMessage.count({ where: { to: reader.email } })).toBe(0);

    const period = periodKey('DAILY', new Date());
    expect(await deliverDigest({ userId: reader.id, period, frequency: 'DAILY' })).toBe('sent');
    const mail = await db().devMailMessage.findFirstOrThrow({ where: { to: reader.email } });
    expect(mail.subject).toMatch(/^Chorus: \d+ updates since/);
    expect(mail.text).toContain('Oli Other replied to your comment');
    expect(mail.text).toContain('Changed: “one year” → “three years”');
    expect(mail.text).not.toContain('Councils should publish spending.'); // unchanged
    expect(mail.text).toContain('Oli Other commented: “Spending should be shown by ward.”');
    expect(mail.text).toContain('Comments close on');
    expect(mail.text).toMatch(/Reply about this: reply\+[0-9a-f]{32}@localhost/);
    expect(mail.html).toContain('<h2');

    expect(await deliverDigest({ userId: reader.id, period, frequency: 'DAILY' })).toBe('already-sent');
    expect(await db().devMailMessage.count({ where: { to: reader.email } })).toBe(1);
    const quiet = await createPerson('MEMBER');
    await db().user.update({ where: { id: quiet.id }, data: { emailFrequency: 'WEEKLY', lastDigestAt: new Date() } });
    await db().response.update({ where: { id: response.id }, data: { phase: 'DRAFTING' } });
    expect(await deliverDigest({ userId: quiet.id, period: periodKey('WEEKLY', new Date()), frequency: 'WEEKLY' })).toBe('nothing-new');
    await db().response.update({ where: { id: response.id }, data: { phase: 'OPEN' } });
  });
});

describe('[DIGESTS] a durable queue', () => {
  it('[DIGESTS] a worker killed mid-batch: after a restart every digest is delivered exactly once', async () => {
    const { sections } = await createResponse({ sections: ['A section people discuss.'] });
    const people = [];
    for (let i = 0; i < 8; i++) {
      const person = await createPerson('MEMBER', { name: `Digest reader ${i}` });
      await db().user.update({ where: { id: person.id }, data: { emailFrequency: 'DAILY', lastDigestAt: new Date(Date.now() - 60_000) } });
      await db().notification.create({ data: { userId: person.id, kind: 'comment.reply', title: `Someone replied to reader ${i}`, body: 'A reply.', link: `/sections/${sections[0].id}` } });
      people.push(person);
    }

    // The mail server: holds the third message until the worker that sent it is dead, then
    // refuses it (the SMTP transaction never completed: the sender must try again).
    const delivered: string[] = [];
    let held = false;
    let releaseHeld: (() => void) | null = null;
    const heldArrived = new Promise<void>((resolve) => (releaseHeld = resolve));
    let workerDead: () => void = () => {};
    const dead = new Promise<void>((resolve) => (workerDead = resolve));
    const smtpPort = await freePort();
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        void simpleParser(stream).then(async (mail) => {
          const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
          if (delivered.length === 2 && !held) {
            held = true;
            releaseHeld!();
            await dead;
            return callback(new Error('connection lost'));
          }
          delivered.push(to);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    // The same short timings as the worker (tests/support/digest-worker.ts): whoever creates the queue sets them.
    const queue = await startDigestQueue({ schedule: false, work: false, expireInSeconds: 3, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 });
    const env: NodeJS.ProcessEnv = { ...process.env, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NODE_ENV: 'development' };
    const startWorker = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', './lib/cli/server-only-hook.mjs', path.join(root, 'tests/support/digest-worker.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      await waitFor(() => output.includes('ready') || child.exitCode !== null, 'the worker to start', 30_000);
      if (child.exitCode !== null) throw new Error(output);
      return child;
    };
    try {
      expect(await enqueueDigests(queue.boss, 'DAILY')).toBeGreaterThanOrEqual(8);
      // Enqueueing again (another process, a rerun of the schedule) adds nothing.
      expect(await enqueueDigests(queue.boss, 'DAILY')).toBe(0);
      const first = await startWorker();
      await heldArrived;
      first.kill('SIGKILL');
      await waitFor(() => first.exitCode !== null || first.signalCode !== null, 'the worker to die');
      workerDead();
      expect(delivered).toHaveLength(2);

      await startWorker();
      const wanted = people.map((person) => person.email).sort();
      await waitFor(() => wanted.every((email) => delivered.includes(email)), 'every digest to arrive', 40_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const mine = delivered.filter((email) => wanted.includes(email)).sort();
      expect(mine).toEqual(wanted);
      expect(await db().digestDelivery.count({ where: { userId: { in: people.map((person) => person.id) } } })).toBe(8);
    } finally {
      await queue.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 90_000);
});

describe('[DIGESTS] one-click unsubscribe', () => {
  it('[DIGESTS] the signed link in a digest turns email off without signing in; an altered link changes nothing', async () => {
    const { POST } = await import('@/app/api/email/unsubscribe/route');
    const { unsubscribeUrl } = await import('@/lib/digests/unsubscribe');
    const person = await createPerson('MEMBER');
    const other = await createPerson('MEMBER');
    const url = unsubscribeUrl(person.id);
    const forged = url.replace(person.id, other.id);
    const refused = await POST(new Request(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    expect(refused.status).toBe(400);
    expect(await db().user.findUniqueOrThrow({ where: { id: other.id }, select: { notifyByEmail: true } })).toEqual({ notifyByEmail: true });
    const done = await POST(new Request(url, { method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('private, no-store');
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id }, select: { notifyByEmail: true } })).toEqual({ notifyByEmail: false });
  });
});
