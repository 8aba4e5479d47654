// `npm start`, `npm run chorus` and `npm run db:…`: runs one of Chorus's Node programs
// (lib/cli/programs.mjs) by its name, with the arguments that follow.
//
//   node lib/cli/run.mjs <program> [arguments]
//
// The compiled program when `npm run build` has made it (dist/<program>.mjs, plain
// JavaScript: what production runs), else its TypeScript through tsx (development, where
// tsx is installed). So after changing code in a folder that has a build, build again (or
// delete dist/) before running the command line there.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROGRAMS } from './programs.mjs';

const root = path.resolve(import.meta.dirname, '../..');

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

const name = process.argv[2];
if (!Object.hasOwn(PROGRAMS, name ?? '')) fail(`Name a program to run: ${Object.keys(PROGRAMS).join(', ')}`);
// Each program reads its arguments from process.argv.slice(2), as when Node starts it directly.
process.argv.splice(2, 1);

const compiled = path.join(root, 'dist', `${name}.mjs`);
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    fail(`${path.relative(root, compiled)} is missing: run npm run build first. (Without a build the TypeScript runs through tsx, a development dependency that is not installed here.)`);
  }
  await import('./server-only-hook.mjs');
  tsx.register();
  await import(pathToFileURL(path.join(root, PROGRAMS[name])).href);
}
