/**
 * The Prisma client, one per process, talking to PostgreSQL through the pg driver adapter
 * (Prisma 7 has no engine binary here).
 */
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const globalForPrisma = globalThis as unknown as { chorusPrisma?: PrismaClient; chorusPrismaUrl?: string };

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 }) });
}

/** The shared client. Kept on globalThis so hot reloads in development do not open new pools. */
export function db(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!globalForPrisma.chorusPrisma || globalForPrisma.chorusPrismaUrl !== url) {
    globalForPrisma.chorusPrisma = createClient(url);
    globalForPrisma.chorusPrismaUrl = url;
  }
  return globalForPrisma.chorusPrisma;
}

export { Prisma } from '@/lib/generated/prisma/client';
