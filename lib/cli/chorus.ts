/**
 * The operator's command line: `npm run chorus -- <command>`.
 * Uses the same database as the app: DATABASE_URL, or the embedded cluster (joining it
 * while `npm run dev` runs). The operator is trusted: actions are recorded in the audit
 * log with no personal actor.
 */
import { openDatabase } from '@/lib/cli/database';
import { runCommand } from '@/lib/cli/exit';
import { exportCommand, importCommand, restoreCommand } from '@/lib/cli/response-commands';
import { applyMigrations } from '@/lib/db/migrate';
import { OPERATOR } from '@/lib/auth/policy';

type Command = { usage: string; run(args: string[]): Promise<void> };

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  args.splice(index, 2);
  return value;
}

function flag(args: string[], name: string): boolean {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return false;
  args.splice(index, 1);
  return true;
}

const commands: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  restore: restoreCommand,
  'user add': {
    usage: 'user add <email> --name <name> --role member|drafter|coordinator',
    async run(args) {
      const name = option(args, 'name');
      const role = (option(args, 'role') ?? 'member').toUpperCase();
      const [email] = args;
      if (!email) throw new Error('Give the person\'s email address');
      const { invitePeople } = await import('@/lib/people/mutations');
      const result = await invitePeople(OPERATOR, { emails: email, name, role });
      console.info(result.invited.length ? `Invited ${email} as ${role.toLowerCase()}.` : `${email} is now a ${role.toLowerCase()}.`);
    },
  },
  'user remove': {
    usage: 'user remove <email>',
    async run(args) {
      const [email] = args;
      if (!email) throw new Error('Give the person\'s email address');
      const { db } = await import('@/lib/db');
      const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, removedAt: true } });
      if (!user || user.removedAt) throw new Error(`Nobody with the address ${email} is in the network`);
      const { removePerson } = await import('@/lib/people/mutations');
      await removePerson(OPERATOR, { userId: user.id });
      console.info(`Removed ${email}: their sessions, API tokens and open live connections have ended; their contributions stay.`);
    },
  },
  'token create': {
    usage: 'token create <email> [--name <what it is for>]',
    async run(args) {
      const name = option(args, 'name') ?? 'Created at the command line';
      const [email] = args;
      if (!email) throw new Error('Give the person\'s email address');
      const { db } = await import('@/lib/db');
      const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, removedAt: true } });
      if (!user || user.removedAt) throw new Error(`Nobody with the address ${email} is in the network (invite them with: user add)`);
      const { createApiToken } = await import('@/lib/auth/tokens');
      const { token } = await createApiToken(OPERATOR, user.id, { name });
      console.info(token);
    },
  },
  demo: {
    usage: 'demo',
    async run() {
      const { db } = await import('@/lib/db');
      const { loadDemo } = await import('@/prisma/demo');
      if (await loadDemo(db())) console.info('Loaded the demo response and demo people.');
      else throw new Error('The database already holds responses: the demo loads only into an empty database.');
    },
  },
};

function usage(): string {
  return ['Usage: npm run chorus -- <command>', '', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

export function registerCommand(name: string, command: Command) {
  commands[name] = command;
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.length || flag(args, 'help')) {
    console.info(usage());
    return;
  }
  const name = Object.keys(commands).sort((a, b) => b.length - a.length).find((key) => key.split(' ').every((word, i) => args[i] === word));
  if (!name) throw new Error(`Unknown command "${args.join(' ')}".\n\n${usage()}`);
  const database = await openDatabase({ quiet: true });
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url);
    await commands[name].run(args.slice(name.split(' ').length));
  } finally {
    const { db } = await import('@/lib/db');
    await db().$disconnect().catch(() => {});
    await database.stop();
  }
}

runCommand(main);
