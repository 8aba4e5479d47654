/**
 * Direct access to the run's database, to seed data and to check what the app wrote.
 * One Prisma client per worker process.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { randomBytes } from 'node:crypto';
import { PrismaClient } from '../../../lib/generated/prisma/client';
import type { Role } from '../../../lib/generated/prisma/enums';
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
