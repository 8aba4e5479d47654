/** Stops what global-setup.ts started (app, mail capture, PostgreSQL) and removes the run directory. */
export default async function globalTeardown() {
  const teardown = globalThis.__chorusE2eTeardown;
  globalThis.__chorusE2eTeardown = undefined;
  await teardown?.();
}
