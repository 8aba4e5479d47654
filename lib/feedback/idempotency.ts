import { Prisma } from '@/lib/generated/prisma/client';

/**
 * A unique constraint refused the row: a resent request (same clientKey) or a double
 * click raced another copy of itself, which stored the row first.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
