/**
 * What `npm start` (the compiled launcher, serve.mjs start) does with a production
 * configuration: it needs a build and somewhere to send sign-in links, it never puts a live
 * link in its log or database, and it never fills an empty production database with the
 * demo's people.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { freePort } from '@/lib/db/embedded';
import { sendMail } from '@/lib/mail';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * A production build whose Chorus programs are real (compiled as `npm run build` compiles
 * them) and whose Next.js part is a stand-in: the launcher accepts it, and the web app then
 * stops at once, after the database was prepared.
 */
let buildDir = '';
beforeAll(async () => {
  buildDir = await mkdtemp(path.join(root, '.next-production-start-'));
  await writeFile(path.join(buildDir, 'BUILD_ID'), 'stand-in');
  await promisify(execFile)(process.execPath, [path.join(root, 'lib/cli/build.mjs'), '--outdir', path.join(buildDir, 'programs')], { cwd: root });
}, 60_000);
afterAll(() => rm(buildDir, { recursive: true, force: true }));

function start(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = { ...process.env, SMTP_URL: undefined, CHORUS_MAIL_LOG_ONLY: undefined, NEXTAUTH_SECRET: undefined, NODE_ENV: undefined, NEXT_DIST_DIR: path.relative(root, buildDir), ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(buildDir, 'programs/serve.mjs'), 'start'], { cwd: root, env: clean as unknown as NodeJS.ProcessEnv, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const ports = async () => ({ PORT: String(await freePort()), COLLAB_PORT: String(await freePort()) });
const SECRET = 'a-long-enough-production-secret';

describe('[LAUNCHER] npm start in production', () => {
  it('refuses to start without SMTP_URL, naming it and the explicit log-only choice', async () => {
    const result = await start({ ...(await ports()), NEXTAUTH_SECRET: SECRET, DATABASE_URL: process.env.DATABASE_URL });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SMTP_URL is required in production');
    expect(result.stderr).toContain('CHORUS_MAIL_LOG_ONLY=1');
    expect(result.stdout).not.toContain('Applied migrations');
  });

  it('refuses to start without a production build, naming npm run build, before starting anything', async () => {
    const result = await start({ ...(await ports()), NEXTAUTH_SECRET: SECRET, SMTP_URL: 'smtp://127.0.0.1:1', DATABASE_URL: process.env.DATABASE_URL, NEXT_DIST_DIR: '.next-missing-build' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('.next-missing-build/BUILD_ID');
    expect(result.stderr).toContain('Run npm run build first');
    expect(result.stdout).not.toContain('Using DATABASE_URL');
  });

  it('does not load the demo into an empty production database', async () => {
    expect(await db().user.count()).toBe(0);
    const result = await start({ ...(await ports()), NEXTAUTH_SECRET: SECRET, SMTP_URL: 'smtp://127.0.0.1:1', DATABASE_URL: process.env.DATABASE_URL });
    expect(result.stdout).toContain('Using DATABASE_URL'); // it got as far as preparing the database
    expect(`${result.stdout}\n${result.stderr}`).not.toContain('Loaded the demo');
    expect(await db().user.count()).toBe(0);
    expect(await db().response.count()).toBe(0);
  }, 120_000);
});

describe('[MAIL] log-only mail in production', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs who would have been mailed and the subject, never the text with its sign-in link, and stores nothing', async () => {
    const logged: string[] = [];
    for (const method of ['info', 'log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args) => void logged.push(args.join(' ')));
    const link = 'https://chorus.example.org/api/auth/callback/email?token=live-secret-token&email=ada%40example.org';
    const before = await db().devMailMessage.count();
    await sendMail({ to: 'ada@example.org', subject: 'Your sign-in link for Chorus', text: `Sign in:\n\n${link}\n` }, { NODE_ENV: 'production', SMTP_URL: undefined, MAIL_FROM: 'Chorus <chorus@example.org>' });
    expect(logged.join('\n')).toContain('ada@example.org');
    expect(logged.join('\n')).not.toContain('live-secret-token');
    expect(await db().devMailMessage.count()).toBe(before);
  });

  it('in development still prints the message and keeps it for the development mailbox', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const before = await db().devMailMessage.count();
    await sendMail({ to: 'dev@example.org', subject: 'Hello', text: 'Development link' }, { NODE_ENV: 'development', SMTP_URL: undefined, MAIL_FROM: 'Chorus <chorus@localhost>' });
    expect(await db().devMailMessage.count()).toBe(before + 1);
  });
});
