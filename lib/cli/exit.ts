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

/**
 * Runs a command-line program's `main` and exits when its output is out: 0 when it
 * finishes, 1 with its message (not a stack trace: these are expected failures such as a
 * bad argument) when it throws.
 */
export function runCommand(main: () => Promise<void>): void {
  main().then(
    () => exitWhenFlushed(0),
    (error) => {
      console.error(`✖ ${(error as Error).message}`);
      exitWhenFlushed(1);
    },
  );
}
