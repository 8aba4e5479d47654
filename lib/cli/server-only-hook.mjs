/**
 * `import 'server-only'` as an empty module, for Chorus's TypeScript run through tsx
 * (`npm run dev`'s collaboration server and background process, the command line without
 * a build, tests and scripts): `node --import tsx --import ./lib/cli/server-only-hook.mjs …`.
 * The compiled programs of `npm run build` do the same at compile time (lib/cli/build.mjs
 * replaces the package with an empty module), so they need no hook and no Node flag.
 *
 * Why it is needed at all: 'server-only' marks modules that must never end up in a browser
 * bundle, and Next.js's build enforces that. Loaded by plain Node, the package throws unless
 * Node resolves it under the `react-server` condition, and that condition is no way out:
 * in a process that also runs Next.js, React would then load its server-components build
 * and Next.js's pages fail. So Chorus never uses `--conditions=react-server`; this is the one
 * workaround, applied to `server-only` alone.
 */
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
