/**
 * Ends a command-line program once its output is out. The WASM schema engine leaves a
 * 10-second timer behind, so commands exit explicitly; but process.exit() alone cuts off
 * output written to a pipe after 64 KB (`npm run chorus -- export ... | less`), so it
 * waits for stdout and stderr to hand everything over first.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
