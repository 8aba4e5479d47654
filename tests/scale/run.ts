/**
 * `npm run test:scale`: Chorus on more than one process, as a service with several machines
 * would run it. On this machine: one PostgreSQL, one Redis (Debian's redis-server), two web
 * processes and two collaboration processes sharing live documents through Redis, each the
 * compiled program production runs (web.mjs and collab-server.mjs of the production build). Node clients then check what must hold across processes:
 *
 * - typing on collaboration process A appears on B, and back;
 * - a suggestion accepted through web process B lands in the live document held by A and is
 *   never reverted (not by A's stored state, not by a later version);
 * - removing a drafter through web process B closes their connection on A within 2 s;
 * - web process A shows who is present on collaboration process B.
 *
 * Ends with `N passed, N failed` alone on a line. Reuses the end-to-end production build
 * when SCALE_REUSE_BUILD=1 (as `npm test` runs it, right after the end-to-end tests).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { applyMigrations } from '../../lib/db/migrate';
import { buildApp, compiledProgram, freePorts, stopProcessGroup, tail, waitForHealth } from '../e2e/global-setup';
import { startMailCapture } from '../e2e/support/mail';

const root = path.resolve(import.meta.dirname, '../..');
const distDir = process.env.E2E_DIST_DIR || '.next-e2e';
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const results: { name: string; ok: boolean; detail?: string }[] = [];

function log(message: string) {
  console.info(`[scale] ${message}`);
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, runDir: string): { child: ChildProcess; logFile: string } {
  const logFile = path.join(runDir, `${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.push(child);
  cleanups.push(async () => {
    await stopProcessGroup(child, 5000);
    out.end();
  });
  return { child, logFile };
}

async function waitForText(logFile: string, child: ChildProcess, text: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${path.basename(logFile)}: the process exited. Its log ends with:\n${await tail(logFile)}`);
    if ((await tail(logFile, 200)).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${path.basename(logFile)} did not print "${text}" within ${timeoutMs / 1000} s:\n${await tail(logFile)}`);
}

async function check(name: string, run: () => Promise<void>) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, detail });
    log(`✖ ${name}: ${detail}`);
  }
}

async function main() {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed: apt-get install -y redis-server (CI installs it).');
  }
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'chorus-scale-'));
  await chmod(runDir, 0o755);
  cleanups.push(() => rm(runDir, { recursive: true, force: true }));

  const [redisPort, smtpPort, webA, webB, collabA, collabB] = await freePorts(6);
  const postgres = await startEmbeddedPostgres({ dir: runDir, database: 'chorus', persistent: false, quiet: true });
  cleanups.push(() => postgres.stop());
  await applyMigrations(postgres.url);
  if (process.env.SCALE_REUSE_BUILD === '1' && existsSync(path.join(root, distDir, 'BUILD_ID')) && existsSync(compiledProgram(distDir, 'serve'))) log(`reusing the production build in ${distDir}/`);
  else await buildApp(distDir, runDir);

  const mailFile = path.join(runDir, 'mail.jsonl');
  await writeFile(mailFile, '');
  const capture = await startMailCapture(smtpPort, mailFile);
  cleanups.push(() => capture.stop());

  const redis = start('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], process.env, runDir);
  await waitForText(redis.logFile, redis.child, 'Ready to accept connections');

  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Chorus <chorus@chorus.test>',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The seed runs in this process through the app's own functions, on the same database.
  Object.assign(process.env, { DATABASE_URL: postgres.url, NEXTAUTH_SECRET: shared.NEXTAUTH_SECRET, NEXTAUTH_URL: `http://127.0.0.1:${webA}` });

  const collabs = [collabA, collabB].map((port, index) =>
    start(`collab-${'ab'[index]}`, process.execPath, [compiledProgram(distDir, 'collab-server')], { ...shared, NODE_ENV: 'production', COLLAB_PORT: String(port) }, runDir),
  );
  const webs = [webA, webB].map((port, index) =>
    start(`web-${'ab'[index]}`, process.execPath, [compiledProgram(distDir, 'web')], {
      ...shared,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    }, runDir),
  );
  await Promise.all([
    ...collabs.map((c) => waitForText(c.logFile, c.child, 'listening')),
    ...webs.map((w, index) => waitForHealth(`http://127.0.0.1:${[webA, webB][index]}`, w.child, w.logFile)),
  ]);
  log('PostgreSQL, Redis, two web and two collaboration processes are up');

  const { connectClient, storedLiveText, waitFor } = await import('../support/collab');
  const { createPerson, createPersonWithToken, createResponse } = await import('../support/factories');
  const { createSuggestion } = await import('../../lib/suggestions/mutations');
  const { mintCollabToken } = await import('../../lib/collab/tokens');
  const { db } = await import('../../lib/db');

  const { response, sections } = await createResponse({ phase: 'OPEN', sections: ['Grants should last one year at a time.'] });
  const sectionId = sections[0].id;
  const member = await createPerson('MEMBER', { name: 'Mo Member' });
  const drafter = await createPerson('DRAFTER', { name: 'Dee Drafter' });
  const { person: coordinator, token: coordinatorToken } = await createPersonWithToken('COORDINATOR');
  const { suggestion } = await createSuggestion(member, sectionId, { anchor: { exact: 'one year' }, replacement: 'three years' });

  const onA = connectClient(collabA, sectionId, mintCollabToken(drafter).token);
  const onB = connectClient(collabB, sectionId, mintCollabToken(coordinator).token);
  cleanups.push(async () => {
    await onA.close();
    await onB.close();
  });
  await Promise.all([onA.synced(), onB.synced()]);

  await check('typing on collaboration process A appears on B, and typing on B appears on A', async () => {
    onA.type(0, 0, 'From A. ');
    await waitFor(() => onB.text().startsWith('From A. '), 'A’s words on B');
    onB.type(0, onB.text().length, ' From B.');
    await waitFor(() => onA.text().endsWith(' From B.'), 'B’s words on A');
    await Promise.all([onA.acknowledged(), onB.acknowledged()]);
  });

  await check('a suggestion accepted through web process B lands in the live document held by A and is never reverted', async () => {
    const answer = await fetch(`http://127.0.0.1:${webB}/api/v1/suggestions/${suggestion.id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinatorToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (answer.status !== 200) throw new Error(`accept answered ${answer.status}: ${await answer.text()}`);
    await waitFor(() => onA.text().includes('three years'), 'the accepted words on A', 5000);
    // Keep typing on A meanwhile; then wait past every store and version timer of both processes.
    onA.type(0, onA.text().length, ' More.');
    await onA.acknowledged();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const expected = 'From A. Grants should last three years at a time. From B. More.';
    if (onA.text() !== expected) throw new Error(`A shows "${onA.text()}"`);
    if (onB.text() !== expected) throw new Error(`B shows "${onB.text()}"`);
    const stored = await storedLiveText(sectionId);
    if (stored !== expected) throw new Error(`the stored live text is "${stored}"`);
    const current = await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { text: true } } } });
    if (current.currentVersion?.text !== expected) throw new Error(`the current version is "${current.currentVersion?.text}"`);
  });

  await check('web process A shows who is present on collaboration process B', async () => {
    await waitFor(async () => {
      const answer = await fetch(`http://127.0.0.1:${webA}/api/v1/responses/${response.slug}/presence`, { headers: { authorization: `Bearer ${coordinatorToken}` } });
      const body = (await answer.json()) as { sections?: Record<string, { name: string }[]> };
      const people = body.sections?.[sectionId] ?? [];
      return people.some((person) => person.name === 'Dee Drafter') && people.length === 2;
    }, 'both people in the presence list', 5000);
  });

  await check('removing a drafter through web process B closes their connection on A within 2 s', async () => {
    const started = Date.now();
    const answer = await fetch(`http://127.0.0.1:${webB}/api/v1/people/${drafter.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${coordinatorToken}` } });
    if (answer.status !== 200) throw new Error(`remove answered ${answer.status}: ${await answer.text()}`);
    await waitFor(() => onA.closes.length > 0 && onA.notices.some((notice) => notice.code === 'access-ended'), 'the drafter’s connection to close', 2000);
    const elapsed = Date.now() - started;
    if (elapsed > 2000) throw new Error(`closed after ${elapsed} ms`);
    const before = onB.text();
    onA.type(0, 0, 'Removed but typing. ');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (onB.text() !== before) throw new Error('a removed drafter’s typing reached B');
  });
}

let failure: unknown = null;
try {
  await main();
} catch (error) {
  failure = error;
  console.error(`[scale] could not run: ${error instanceof Error ? error.message : error}`);
}
for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed + (failure ? 1 : 0);
console.info(`\n${passed} passed, ${failed} failed, 0 skipped`);
// The same summary as the end-to-end stage's (tests/support/run-summary.ts): every check runs, none is retried.
if (process.env.SCALE_SUMMARY_FILE) await writeFile(process.env.SCALE_SUMMARY_FILE, JSON.stringify({ passed, failed, skipped: 0, flaky: [], skippedNames: [] }));
process.exit(failed || !results.length ? 1 : 0);
