/**
 * The collaboration server process. npm run dev and npm start launch it beside the web app
 * (see lib/cli/serve.ts); to run it alone: `node dist/collab-server.mjs` after
 * `npm run build`, or in development
 *   node --import tsx --import ./lib/cli/server-only-hook.mjs lib/collab/server.ts
 * Listens on COLLAB_PORT (default: PORT + 1). Every change is stored before it is
 * acknowledged; on SIGTERM/SIGINT it also stores pending versions and folds the update log
 * of open documents before exiting.
 */
import { runService } from '@/lib/cli/service';
import { createCollabServer } from '@/lib/collab/hocuspocus';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

runService('Collaboration server', async () => {
  const config = env();
  const collab = createCollabServer({ port: config.COLLAB_PORT });
  const port = await collab.listen();
  console.info(`• Collaboration server listening on port ${port} (browsers use ${config.COLLAB_PUBLIC_URL})`);
  return async () => {
    await collab.stop();
    await db().$disconnect();
  };
});
