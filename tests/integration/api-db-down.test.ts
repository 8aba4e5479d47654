/**
 * The API with the database gone: every request is answered 503 `unavailable` with
 * Retry-After, quickly, and logged as one line, not as a driver's stack trace. This file
 * points DATABASE_URL at a port where nothing listens before anything reads the
 * configuration (as health-db-down.test.ts does), so no other test shares it.
 */
import { freePort } from '@/lib/db/embedded';

process.env.DATABASE_URL = `postgresql://chorus:chorus@127.0.0.1:${await freePort()}/chorus`;

const { describe, expect, it, vi } = await import('vitest');
const { GET: listResponsesRoute } = await import('@/app/api/v1/responses/route');
const { POST: postCommentRoute } = await import('@/app/api/v1/sections/[id]/comments/route');
const { GET: notificationsRoute } = await import('@/app/api/v1/notifications/route');
const { callRoute } = await import('@/tests/support/factories');

const token = `chorus_${'a'.repeat(43)}`;

describe('[API] with the database down', () => {
  it('answers 503 unavailable with Retry-After within a few seconds, logging one line per request and no stack trace', async () => {
    const logged: unknown[][] = [];
    const spies = (['error', 'warn', 'log', 'info'] as const).map((method) => vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args)));
    try {
      const calls = [
        () => callRoute(listResponsesRoute, { token }),
        () => callRoute(postCommentRoute, { method: 'POST', token, params: { id: 'csection0000' }, body: { body: 'Hello' } }),
        () => callRoute(notificationsRoute, { token }),
      ];
      for (const call of calls) {
        const started = Date.now();
        const { status, body, headers } = await call();
        expect(Date.now() - started).toBeLessThan(5000);
        expect(status).toBe(503);
        expect(body).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('database') } });
        expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
        expect(headers.get('cache-control')).toBe('private, no-store');
      }
      expect(logged).toHaveLength(calls.length);
      for (const args of logged) {
        expect(args).toHaveLength(1);
        expect(typeof args[0]).toBe('string');
        expect(args[0]).toMatch(/^\[api\] database unavailable/);
        expect(args[0]).not.toContain('\n');
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});
