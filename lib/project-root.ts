import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's folder (the one holding package.json, prisma/ and the Next.js build),
 * found by walking up from `from` to the nearest package.json (so compiled programs must
 * not sit inside the Next.js build folder, which has a package.json of its own). A fixed `../..` from a module would be wrong once the
 * module is compiled: the same code runs as lib/cli/serve.ts in development and as
 * dist/serve.mjs (or a chunk under dist/chunks/) in production.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}: run Chorus from its own folder`);
  }
}
