import { apiRoute } from '@/lib/api/respond';
import { mintCollabToken } from '@/lib/collab/tokens';

/**
 * GET: a short-lived token for the collaboration server's provider `token`, for the
 * signed-in person (the editor calls this when it reconnects; programs may simply use
 * their personal API token instead).
 */
export const GET = apiRoute(async ({ caller }) => {
  const { token, expiresAt } = mintCollabToken(caller);
  return Response.json({ token, expiresAt: new Date(expiresAt).toISOString() }, { headers: { 'cache-control': 'private, no-store' } });
});
