/**
 * `npm test`: every test, in order of cost. Unit and integration tests (Vitest, one
 * embedded PostgreSQL for the run), then end-to-end tests (Playwright, real Chromium,
 * against a production build). Stops at the first failing stage.
 */
import { spawnSync } from 'node:child_process';

const stages: { name: string; command: string; args: string[] }[] = [
  { name: 'unit and integration tests', command: 'npx', args: ['vitest', 'run'] },
  { name: 'end-to-end tests', command: 'npx', args: ['playwright', 'test'] },
];

for (const stage of stages) {
  console.info(`\n▶ ${stage.name}: ${stage.command} ${stage.args.join(' ')}\n`);
  const result = spawnSync(stage.command, stage.args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n✖ ${stage.name} failed (exit code ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.info('\n✓ All tests passed.');
