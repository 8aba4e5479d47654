/**
 * How Chorus's long-running processes (the collaboration server, the background process)
 * start and stop: `runService` runs `start`, and on SIGTERM or SIGINT runs the stop it
 * returned once (finishing what is in hand: storing documents, the mail being sent), then
 * exits. A start that fails prints one line and exits with 1, so the launcher or a service
 * manager sees it.
 */
export function runService(name: string, start: () => Promise<() => Promise<void>>): void {
  start()
    .then((stop) => {
      let stopping = false;
      const onSignal = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.info(`• ${name}: ${signal}, stopping...`);
        try {
          await stop();
        } catch (error) {
          console.error(`✖ ${name} did not stop cleanly:`, error instanceof Error ? error.message : error);
        } finally {
          process.exit(0);
        }
      };
      process.on('SIGTERM', () => void onSignal('SIGTERM'));
      process.on('SIGINT', () => void onSignal('SIGINT'));
    })
    .catch((error: unknown) => {
      console.error(`✖ ${name} could not start:`, error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
