/**
 * Direct access to the run's database, to seed data and to check what the app wrote.
 * One Prisma client per worker process.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { randomBytes } from 'node:crypto';
import { PrismaClient } from '../../../lib/generated/prisma/client';
import type { Phase, Role } from '../../../lib/generated/prisma/enums';
import { docFromText, textFromDoc } from '../../../lib/sections/content';
import { e2eEnv } from './env';

let client: PrismaClient | undefined;

export function e2eDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: e2eEnv.databaseUrl, max: 4 }) });
  return client;
}

export const uniqueId = (prefix = 'e2e') => `${prefix}-${randomBytes(4).toString('hex')}`;

export type TestPerson = { id: string; email: string; name: string; role: Role };

/** An invited person with a unique address (`e2e-<role>-<hex>@chorus.test`), created through the database. */
export async function createPerson(role: Role = 'MEMBER', overrides: { name?: string; email?: string } = {}): Promise<TestPerson> {
  const id = randomBytes(4).toString('hex');
  const email = overrides.email ?? `e2e-${role.toLowerCase()}-${id}@chorus.test`;
  const name = overrides.name ?? `Test ${role.toLowerCase()} ${id}`;
  const user = await e2eDb().user.create({ data: { email, name, role }, select: { id: true, email: true, name: true, role: true } });
  return { ...user, name: user.name ?? name };
}

export type TestSection = { id: string; number: string | null; heading: string; text: string; versionId: string };

/**
 * A response of the test's own (so it can change phase, text or feedback without touching
 * the shared demo), with one section per entry of `sections`: plain text, paragraphs
 * separated by blank lines, numbered 1, 2, 3... Its first version is credited to `authorId`
 * (a new coordinator if not given).
 */
export async function createResponse(
  options: { title?: string; slug?: string; phase?: Phase; deadline?: Date | null; sections?: (string | { heading: string; text: string; number?: string | null })[]; authorId?: string } = {},
) {
  const authorId = options.authorId ?? (await createPerson('COORDINATOR')).id;
  const entries = (options.sections ?? ['The first section says one thing.', 'The second section says another thing.']).map((entry, i) =>
    typeof entry === 'string' ? { heading: `Section ${i + 1}`, text: entry, number: String(i + 1) } : { number: String(i + 1), ...entry },
  );
  const response = await e2eDb().response.create({
    data: {
      slug: options.slug ?? uniqueId('response'),
      title: options.title ?? 'Test response',
      consultationName: 'Test consultation',
      phase: options.phase ?? 'OPEN',
      deadline: options.deadline === undefined ? new Date(Date.now() + 14 * 86_400_000) : options.deadline,
    },
  });
  const sections: TestSection[] = [];
  for (const [position, entry] of entries.entries()) {
    const section = await e2eDb().section.create({ data: { responseId: response.id, position, number: entry.number ?? null, heading: entry.heading } });
    const content = docFromText(entry.text);
    const text = textFromDoc(content);
    const version = await e2eDb().sectionVersion.create({
      data: { sectionId: section.id, content: content as object, text, source: 'IMPORT', authors: { create: [{ userId: authorId }] } },
    });
    await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
    sections.push({ id: section.id, number: section.number, heading: section.heading, text, versionId: version.id });
  }
  return { response, sections };
}
