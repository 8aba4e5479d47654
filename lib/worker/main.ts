/**
 * The background process: `npm run dev` and `npm start` launch it beside the web app and
 * the collaboration server (lib/cli/serve.ts), or run it alone: `node dist/worker.mjs`
 * after `npm run build`, or in development
 *   node --import tsx --import ./lib/cli/server-only-hook.mjs lib/worker/main.ts
 *
 * - Replies by email: Chorus's SMTP server on CHORUS_INBOUND_SMTP_PORT (development:
 *   PORT + 2; production: only when set, behind the network's real mail exchanger).
 * - Digests: the durable job queue in PostgreSQL that sends daily and weekly email.
 * Any number of these processes may run against one database: jobs are taken once.
 * On SIGTERM/SIGINT it finishes the digest it is sending and stops.
 */
import { runService } from '@/lib/cli/service';
import { startDigestQueue } from '@/lib/digests/queue';
import { createInboundMailServer } from '@/lib/email-replies/server';
import { env } from '@/lib/env';

runService('Background process', async () => {
  const config = env();
  const stops: (() => Promise<void>)[] = [];
  if (config.CHORUS_INBOUND_SMTP_PORT) {
    const inbound = createInboundMailServer({ port: config.CHORUS_INBOUND_SMTP_PORT });
    const port = await inbound.listen();
    stops.push(() => inbound.close());
    console.info(`• Replies by email: SMTP on port ${port} for reply+…@${config.CHORUS_MAIL_DOMAIN}`);
  }
  const queue = await startDigestQueue();
  stops.push(() => queue.stop());
  console.info('• Background jobs running (digests)');
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
});
