/**
 * Sending digests through a durable job queue in PostgreSQL (pg-boss, schema "pgboss").
 *
 * - Every morning at 07:00 (Europe/London) a scheduled job enqueues one digest job per
 *   person who chose daily email; on Mondays the same for weekly. Each job's id is derived
 *   from the person and the period, so enqueueing twice (two processes, a rerun) makes one job.
 * - A digest job that fails (mail server down) is retried with backoff; one whose worker
 *   died (crash, restart) expires and is retried. Jobs live in the database, so a restart
 *   loses none.
 * - A sent digest is recorded (DigestDelivery, unique per person and period) before its job
 *   completes, and a job finding its digest recorded does nothing: a retried job never sends
 *   a digest twice. The one window left is a crash between the mail server accepting the
 *   message and that record being written; the digest's Message-ID is fixed per person and
 *   period, so mail systems can recognise such a repeat.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { db } from '@/lib/db';
import { buildDigest } from '@/lib/digests/build';
import { unsubscribeUrl } from '@/lib/digests/unsubscribe';
import { env } from '@/lib/env';
import { sendMail } from '@/lib/mail';

export const DIGEST_QUEUE = 'chorus-digest';
const DAILY = 'chorus-digest-daily';
const WEEKLY = 'chorus-digest-weekly';

export type Frequency = 'DAILY' | 'WEEKLY';
export type DigestJob = { userId: string; period: string; frequency: Frequency };
export type DeliveryOutcome = 'sent' | 'nothing-new' | 'already-sent' | 'not-wanted';

const SPAN_MS: Record<Frequency, number> = { DAILY: 24 * 3600_000, WEEKLY: 7 * 24 * 3600_000 };

/** "daily:2026-12-01", or "weekly:2026-11-30" (the Monday starting the week), in UTC. */
export function periodKey(frequency: Frequency, at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (frequency === 'WEEKLY') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return `${frequency.toLowerCase()}:${day.toISOString().slice(0, 10)}`;
}

/** A UUID derived from a key, so the same digest is one job however often it is enqueued. */
function jobId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type QueueOptions = {
  /** How long a job may run before it counts as abandoned (its worker died) and is retried. */
  expireInSeconds?: number;
  /** How often pg-boss looks for abandoned jobs. */
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  /** First wait before a failed job is tried again (doubling each time). */
  retryDelaySeconds?: number;
  /** Run the daily and weekly schedules (off in tests that enqueue by hand). */
  schedule?: boolean;
  /** Send digests from this process (off for a process that only enqueues). */
  work?: boolean;
};

/** Enqueues the digests of everyone with `frequency` email for the period containing `at`. */
export async function enqueueDigests(boss: PgBoss, frequency: Frequency, at = new Date()): Promise<number> {
  const people = await db().user.findMany({ where: { emailFrequency: frequency, notifyByEmail: true, removedAt: null }, select: { id: true } });
  const period = periodKey(frequency, at);
  let queued = 0;
  for (const person of people) {
    const id = await boss.send(DIGEST_QUEUE, { userId: person.id, period, frequency } satisfies DigestJob, { id: jobId(`${person.id}:${period}`) });
    if (id) queued += 1;
  }
  return queued;
}

/** Sends one person's digest for one period, once. */
export async function deliverDigest(job: DigestJob, now = new Date()): Promise<DeliveryOutcome> {
  const done = await db().digestDelivery.findUnique({ where: { userId_period: { userId: job.userId, period: job.period } } });
  if (done) return 'already-sent';
  const person = await db().user.findUnique({ where: { id: job.userId }, select: { id: true, email: true, notifyByEmail: true, emailFrequency: true, removedAt: true, lastDigestAt: true } });
  if (!person || person.removedAt || !person.notifyByEmail || person.emailFrequency !== job.frequency) return 'not-wanted';
  const since = person.lastDigestAt ?? new Date(now.getTime() - SPAN_MS[job.frequency]);
  const digest = await buildDigest(person.id, since, now);
  if (digest) {
    const unsubscribe = unsubscribeUrl(person.id);
    await sendMail({
      to: person.email,
      subject: digest.subject,
      text: digest.text,
      html: digest.html,
      messageId: `<digest-${jobId(`${person.id}:${job.period}`)}@${env().CHORUS_MAIL_DOMAIN}>`,
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }
  await db().$transaction([
    db().digestDelivery.create({ data: { userId: person.id, period: job.period } }),
    db().user.update({ where: { id: person.id }, data: { lastDigestAt: now } }),
  ]);
  return digest ? 'sent' : 'nothing-new';
}

/** Starts the queue: its tables, the schedules, and a worker sending digests one at a time. */
export async function startDigestQueue(options: QueueOptions = {}) {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: 'pgboss',
    application_name: 'chorus-jobs',
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (error) => console.error('[jobs] queue error:', error instanceof Error ? error.message : error));
  await boss.start();
  await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, retryLimit: 10, retryDelay: options.retryDelaySeconds ?? 30, retryBackoff: true, expireInSeconds: options.expireInSeconds ?? 300 });
  if (options.schedule ?? true) {
    for (const [name, cron, frequency] of [[DAILY, '0 7 * * *', 'DAILY'], [WEEKLY, '0 7 * * 1', 'WEEKLY']] as const) {
      await boss.createQueue(name);
      await boss.schedule(name, cron, {}, { tz: 'Europe/London' });
      await boss.work(name, async () => {
        const queued = await enqueueDigests(boss, frequency);
        console.info(`[jobs] ${queued} ${frequency.toLowerCase()} digest(s) queued`);
      });
    }
  }
  if (options.work ?? true) await boss.work<DigestJob>(DIGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
    await deliverDigest(job.data);
  });
  return {
    boss,
    async stop(): Promise<void> {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
