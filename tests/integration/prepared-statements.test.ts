/**
 * Prisma's statements are prepared once per connection (lib/db.ts preparedStatementName):
 * PostgreSQL plans a page's joins once, not on every view.
 */
import { describe, expect, it } from 'vitest';
import { db, preparedStatementName } from '@/lib/db';

describe('[DB] prepared statements', () => {
  it('names a statement after its text, the same name for the same text, none for long value lists', () => {
    const one = preparedStatementName({ sql: 'SELECT "id" FROM "User" WHERE "id" = $1', args: ['a'] });
    expect(one).toMatch(/^prisma_[\w-]{32}$/);
    expect(preparedStatementName({ sql: 'SELECT "id" FROM "User" WHERE "id" = $1', args: ['b'] })).toBe(one);
    expect(preparedStatementName({ sql: 'SELECT "id" FROM "User" WHERE "email" = $1', args: ['a'] })).not.toBe(one);
    const many = Array.from({ length: 33 }, (_, i) => `$${i + 1}`);
    expect(preparedStatementName({ sql: `SELECT 1 WHERE "id" IN (${many.join(',')})`, args: many })).toBe('');
  });

  it('keeps a Prisma query prepared on its connection and answers the same when run again', async () => {
    // One connection for the whole transaction: what it has prepared is in pg_prepared_statements.
    const names = await db().$transaction(async (tx) => {
      const first = await tx.user.findFirst({ where: { email: 'nobody@example.org' }, select: { id: true } });
      const again = await tx.user.findFirst({ where: { email: 'nobody-else@example.org' }, select: { id: true } });
      expect([first, again]).toEqual([null, null]);
      return tx.$queryRaw<{ name: string }[]>`select name from pg_prepared_statements where name like 'prisma\\_%'`;
    });
    expect(names.length).toBeGreaterThan(0);
  });
});
