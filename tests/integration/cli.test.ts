/**
 * The operator's command line (`npm run chorus -- ...`) and the launcher (`npm run dev`),
 * run as the real programs in child processes against this file's database.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as listResponsesRoute } from '@/app/api/v1/responses/route';
import { db } from '@/lib/db';
import { freePort } from '@/lib/db/embedded';
import { callRoute, unique } from '@/tests/support/factories';

const root = path.resolve(import.meta.dirname, '../..');

type Run = { code: number | null; stdout: string; stderr: string };

function run(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const nodeArgs = ['--import', 'tsx', '--import', './lib/cli/server-only-hook.mjs', script, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgs, { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const chorus = (...args: string[]) => run('lib/cli/chorus.ts', args);

/** No stack trace reaches the operator: no "    at fn (file:line)" lines. */
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+[:(]/m);

describe('[CLI] npm run chorus', () => {
  it('user add invites a person, and run again changes their role', async () => {
    const email = `${unique('cli')}@example.org`;
    const first = await chorus('user', 'add', email, '--name', 'Cli Person', '--role', 'drafter');
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`Invited ${email} as drafter.`);
    expect(await db().user.findUniqueOrThrow({ where: { email } })).toMatchObject({ name: 'Cli Person', role: 'DRAFTER', invitedById: null });

    const second = await chorus('user', 'add', email, '--role', 'coordinator');
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain(`${email} is now a coordinator.`);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe('COORDINATOR');
    const events = await db().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true } });
    expect(events).toEqual([{ action: 'person.invite', actorId: null }, { action: 'person.role-change', actorId: null }]);
  });

  it('user add with a bad role or a bad address says what is wrong and exits non-zero, writing nothing', async () => {
    const email = `${unique('cli')}@example.org`;
    const badRole = await chorus('user', 'add', email, '--role', 'admin');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('Role must be member, drafter or coordinator');
    noStackTrace(badRole.stderr);
    const badEmail = await chorus('user', 'add', 'not-an-address', '--role', 'member');
    expect(badEmail.code).not.toBe(0);
    expect(badEmail.stderr).toContain('not-an-address');
    const noValue = await chorus('user', 'add', email, '--role');
    expect(noValue.code).not.toBe(0);
    expect(noValue.stderr).toContain('--role needs a value');
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it('user remove ends the person\'s sessions and tokens, keeps their account as removed, and refuses an unknown address', async () => {
    const email = `${unique('cli-remove')}@example.org`;
    await chorus('user', 'add', email, '--role', 'drafter');
    const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await db().session.create({ data: { userId: user.id, sessionToken: unique('session'), expires: new Date(Date.now() + 86_400_000) } });
    const removed = await chorus('user', 'remove', email);
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.stdout).toContain(`Removed ${email}`);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { removedAt: true } })).toMatchObject({ removedAt: expect.any(Date) });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    const again = await chorus('user', 'remove', email);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`Nobody with the address ${email}`);
    noStackTrace(again.stderr);
  });

  it('token create prints a new token that authenticates API calls', async () => {
    const email = `${unique('token')}@example.org`;
    await db().user.create({ data: { email, role: 'MEMBER' } });
    const result = await chorus('token', 'create', email, '--name', 'Nightly export');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^chorus_\S+$/);
    expect((await callRoute(listResponsesRoute, { token })).status).toBe(200);
    expect((await db().apiToken.findFirstOrThrow({ where: { user: { email } } })).name).toBe('Nightly export');

    const unknown = await chorus('token', 'create', 'nobody@example.org');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Nobody with the address nobody@example.org');
  });

  it('demo loads into an empty database, and refuses a second time with a clear message', async () => {
    expect(await db().response.count()).toBe(0);
    const first = await chorus('demo');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Loaded the demo');
    const response = await db().response.findUniqueOrThrow({ where: { slug: 'civil-society-covenant' }, include: { sections: true } });
    expect(response.phase).toBe('OPEN');
    expect(response.sections.length).toBeGreaterThanOrEqual(7);
    expect(await db().user.count({ where: { email: { endsWith: '@chorus.test' } } })).toBeGreaterThanOrEqual(3);

    const second = await chorus('demo');
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('The database already holds responses: the demo loads only into an empty database.');
    noStackTrace(second.stderr);
    expect(await db().response.count()).toBe(1);
  });

  it('an unknown command prints the usage and exits non-zero', async () => {
    const result = await chorus('frobnicate', 'everything');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Unknown command "frobnicate everything"');
    expect(result.stderr).toContain('Usage: npm run chorus -- <command>');
    expect(result.stderr).toContain('user add <email>');
    noStackTrace(result.stderr);
  });
});

describe('[LAUNCHER] npm run dev refuses clearly', () => {
  const serve = (env: Record<string, string>) => run('lib/cli/serve.ts', ['dev'], env);

  it('when the port is already in use', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const result = await serve({ PORT: String(port), COLLAB_PORT: String(await freePort()) });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(result.stderr).toContain('set PORT to another port');
      noStackTrace(result.stderr);
    } finally {
      busy.close();
    }
  });

  it('when a variable is not valid, naming it, before starting anything', async () => {
    const result = await serve({ PORT: String(await freePort()), COLLAB_PORT: String(await freePort()), SMTP_URL: 'not a url', DATABASE_URL: 'postgresql://chorus:chorus@127.0.0.1:1/chorus' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SMTP_URL: SMTP_URL must look like smtp://');
    expect(result.stderr).not.toContain('Cannot reach the database');
    noStackTrace(result.stderr);
  });

  it('when DATABASE_URL points at a server that is not there', async () => {
    const closed = await freePort();
    const result = await serve({ PORT: String(await freePort()), COLLAB_PORT: String(await freePort()), DATABASE_URL: `postgresql://chorus:chorus@127.0.0.1:${closed}/chorus` });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Cannot reach the database at 127.0.0.1:${closed}/chorus`);
    noStackTrace(result.stderr);
    noStackTrace(result.stdout);
  });
});

describe('[LAUNCHER] a crashed process is started again while the rest keep serving', () => {
  it('kill -9 of the collaboration server: the launcher starts it again, and keeps running', async () => {
    const { spawn } = await import('node:child_process');
    const [port, collabPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/serve.ts', 'dev'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), COLLAB_PORT: String(collabPort), CHORUS_INBOUND_SMTP_PORT: String(smtpPort), NODE_ENV: 'development' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    const collabPids = () => [...output.matchAll(/The collaboration server runs as process (\d+)/g)].map((match) => Number(match[1]));
    const collabHealthy = () => fetch(`http://127.0.0.1:${collabPort}/health`).then((answer) => answer.ok, () => false);
    const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 90_000) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (await check()) return;
        if (launcher.exitCode !== null) throw new Error(`The launcher stopped while waiting for ${what}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`Timed out waiting for ${what}:\n${output}`);
    };
    try {
      await until(async () => collabPids().length === 1 && (await collabHealthy()), 'the collaboration server');
      // Past its first ten seconds: a process that crashes then is started again, not given up on.
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      const [first] = collabPids();
      process.kill(first, 'SIGKILL');
      await until(() => /collaboration server stopped unexpectedly \(SIGKILL\); starting it again in 1 s/.test(output), 'the launcher to notice');
      await until(async () => collabPids().length === 2 && (await collabHealthy()), 'the collaboration server to be back');
      expect(collabPids()[1]).not.toBe(first);
      expect(launcher.exitCode).toBeNull();
    } finally {
      try {
        process.kill(launcher.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((resolve) => launcher.once('exit', resolve));
    }
  }, 180_000);
});
