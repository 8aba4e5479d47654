// The second half of `npm run build` (after `next build`): compiles Chorus's own Node
// programs into plain JavaScript in dist/, so production runs `node dist/….mjs` and needs
// neither tsx nor TypeScript. Next.js compiles the pages; this compiles everything else.
//
//   node lib/cli/build.mjs [--outdir <folder>]    (default: dist)
//
// - Bundled as ES modules for Node 20.19 and later, one file per program (lib/cli/programs.mjs), with the
//   code they share in chunks/. npm packages stay in node_modules (`packages: 'external'`),
//   loaded by Node as they are, exactly as the TypeScript was; so does `next`.
// - Splitting is on so that a dynamic import() stays a separate file loaded when it runs:
//   the web process must load lib/http/direct-routes.ts (and, through it, next/server) only
//   after Next.js has prepared the server (see lib/cli/web.ts). Without splitting, esbuild
//   would hoist next/server's import to the top of dist/web.mjs.
// - `server-only` becomes an empty module: see lib/cli/server-only-hook.mjs for why, and
//   for the same thing done when the TypeScript runs through tsx.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROGRAMS } from './programs.mjs';

const root = path.resolve(import.meta.dirname, '../..');

/** @type {import('esbuild').Plugin} */
const emptyServerOnly = {
  name: 'empty-server-only',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty-server-only' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-server-only' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * `next/server`, `next/headers`… are files (server.js) in a package with no exports map:
 * bundlers and tsx find them, Node's own ES module loader only with the `.js` written out.
 */
/** @type {import('esbuild').Plugin} */
const nextEntryFiles = {
  name: 'next-entry-files',
  setup(build) {
    build.onResolve({ filter: /^next\/[\w-]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

/** Compiles PROGRAMS into `outdir` (relative to the project's folder, or absolute). */
export async function buildPrograms(outdir = 'dist') {
  // Chunk names carry a hash of their content: without emptying the folder, every build
  // would leave the previous build's chunks behind.
  await rm(path.resolve(root, outdir), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(PROGRAMS).map(([name, file]) => [name, path.join(root, file)])),
    outdir: path.resolve(root, outdir),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'), // its paths give the `@/` alias
    plugins: [emptyServerOnly, nextEntryFiles],
    sourcemap: 'linked', // stack traces name lib/….ts lines with `node --enable-source-maps`
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const index = process.argv.indexOf('--outdir');
  const outdir = index === -1 ? 'dist' : process.argv[index + 1];
  const started = Date.now();
  await buildPrograms(outdir);
  console.info(`• Compiled ${Object.keys(PROGRAMS).join(', ')} into ${outdir}/ in ${Date.now() - started} ms`);
}
