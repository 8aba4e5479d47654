/**
 * The collaboration server process:
 *   node --conditions=react-server --import tsx lib/collab/server.ts
 * (npm run dev and npm start launch it beside the web app; see lib/cli/serve.ts).
 * Listens on COLLAB_PORT (default: PORT + 1). On SIGTERM/SIGINT it stores every pending
 * version and live document before exiting, so nothing acknowledged is lost.
 */
import { createCollabServer } from '@/lib/collab/hocuspocus';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

async function main() {
  const config = env();
  const collab = createCollabServer({ port: config.COLLAB_PORT });
  const port = await collab.listen();
  console.info(`• Collaboration server listening on port ${port} (browsers use ${config.COLLAB_PUBLIC_URL})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`• Collaboration server: ${signal}, storing open documents...`);
    try {
      await collab.stop();
      await db().$disconnect();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error('✖ The collaboration server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
