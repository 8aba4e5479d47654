import { describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { callRoute } from '@/tests/support/factories';

describe('[HEALTH] GET /api/health', () => {
  it('answers 200 {status: ok, db: ok} without authentication when the database answers', async () => {
    const { status, body, headers } = await callRoute(healthRoute, { url: 'http://localhost:3000/api/health' });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', db: 'ok' });
    expect(headers.get('content-type')).toContain('application/json');
  });
});
