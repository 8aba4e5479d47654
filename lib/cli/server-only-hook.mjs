/**
 * For Node processes that load Chorus's TypeScript directly (through tsx) next to Next.js:
 * `import 'server-only'` resolves to an empty module.
 *
 * 'server-only' marks modules that must never end up in a browser bundle; Next.js's build
 * enforces that. Run directly by Node, the package throws unless Node resolves it under the
 * `react-server` condition, and a process that also runs Next.js cannot use that
 * condition (React would then load its server-components build, and Next.js's pages fail).
 */
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
