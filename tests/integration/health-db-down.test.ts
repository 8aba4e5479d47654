/**
 * The health check with the database gone. This file points DATABASE_URL at a port where
 * nothing listens before anything reads the configuration (env() reads it once per
 * process, and Vitest gives each test file its own module graph), so no other test shares
 * the broken connection.
 */
import { freePort } from '@/lib/db/embedded';

process.env.DATABASE_URL = `postgresql://chorus:chorus@127.0.0.1:${await freePort()}/chorus`;

const { describe, expect, it, vi } = await import('vitest');
const { GET: healthRoute } = await import('@/app/api/health/route');
const { callRoute } = await import('@/tests/support/factories');

describe('[HEALTH] GET /api/health with the database down', () => {
  it('answers 503 {db: down} quickly, with no stack trace', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = Date.now();
    const { status, body } = await callRoute(healthRoute, { url: 'http://localhost:3000/api/health' });
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'degraded', db: 'down' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(logged).toHaveBeenCalledWith('[health] database check failed:', expect.any(String));
    logged.mockRestore();
  });
});
