/**
 * The background process: `npm run dev` and `npm start` launch it beside the web app and
 * the collaboration server (lib/cli/serve.ts), or run it alone:
 *   node --conditions=react-server --import tsx lib/worker/main.ts
 *
 * - Replies by email: Chorus's SMTP server on CHORUS_INBOUND_SMTP_PORT (development:
 *   PORT + 2; production: only when set, behind the network's real mail exchanger).
 * - Digests: the durable job queue in PostgreSQL that sends daily and weekly email.
 * Any number of these processes may run against one database: jobs are taken once.
 * On SIGTERM/SIGINT it finishes the digest it is sending and stops.
 */
import { startDigestQueue } from '@/lib/digests/queue';
import { createInboundMailServer } from '@/lib/email-replies/server';
import { env } from '@/lib/env';

async function main() {
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`• Background jobs: ${signal}, stopping...`);
    try {
      for (const fn of stops.reverse()) await fn().catch((error) => console.error(error));
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error('✖ The background process could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
