/**
 * One web process of `npm start` (lib/cli/serve.ts starts WEB_CONCURRENCY of them): Next.js
 * behind a plain Node HTTP server, which answers the busiest writes itself.
 *
 * Why: posting a comment costs Chorus well under a millisecond of its own CPU (validate,
 * authorise, one SQL function), and about twice as much again in Next.js's request
 * machinery (routing, its request and response wrappers, async context tracking), so at a
 * deadline rush the web processes ran out of CPU in Next.js rather than in Chorus. The routes
 * in lib/http/direct-routes.ts are Chorus's own route handlers, called directly; everything
 * else (pages, server actions, every other API route, sign-in) is Next.js's as before,
 * with proxy.ts, compression and all. `npm run dev` runs `next dev` alone: there every
 * request goes through Next.js, to the same handlers.
 */
import http from 'node:http';
import next from 'next';
import { findProjectRoot } from '@/lib/project-root';

const root = findProjectRoot(import.meta.dirname);

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME;
  const app = next({ dev: false, dir: root, port, hostname });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  // Loaded once Next.js has set up the server environment its modules expect (its
  // AsyncLocalStorage global among them): the route handlers import next/server. Compiled,
  // this import stays a file of its own, loaded here (lib/cli/build.mjs splits on it).
  const { serveDirect } = await import('@/lib/http/direct-routes');
  const server = http.createServer((request, response) => {
    serveDirect(request, response)
      .then((served) => (served ? undefined : nextHandler(request, response)))
      .catch((error) => {
        console.error('[web] request failed', error);
        // As every /api/v1 answer (lib/api/respond.ts withApiHeaders): never cached.
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'private, no-store' });
        response.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }));
      });
  });
  // As `next start` does: keep idle connections from a load balancer open longer than it does.
  if (process.env.KEEP_ALIVE_TIMEOUT) server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT);
  const upgrade = app.getUpgradeHandler();
  server.on('upgrade', (request, socket, head) => void upgrade(request, socket, head));
  server.listen(port, hostname, () => console.info(`• Web process ${process.pid} ready on port ${port}`));

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((error) => {
  console.error('✖ The web process could not start:', error);
  process.exit(1);
});
