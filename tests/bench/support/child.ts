/**
 * Load generators run in their own processes, so that the load they generate does not
 * share an event loop with the harness or the servers. Each is a TypeScript module started
 * with tsx; the harness talks to it over the IPC channel.
 *
 * Protocol: the parent sends `{ type: 'start', config }`; the child answers with
 * `{ type: 'ready' }` when it needs to say so, any `{ type: 'progress', ... }` messages, and
 * finally `{ type: 'result', result }` or `{ type: 'error', message }`, then exits.
 * The parent may send other messages (`{ type: 'stop' }`, ...) the child understands.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type ChildMessage = { type: string; [key: string]: unknown };

export class LoadProcess<Result> {
  readonly child: ChildProcess;
  private readonly done: Promise<Result>;
  private readonly listeners: ((message: ChildMessage) => void)[] = [];

  constructor(script: string, config: unknown, options: { env?: Record<string, string>; execArgv?: string[] } = {}) {
    this.child = fork(path.resolve(import.meta.dirname, '..', script), [], {
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      env: { ...process.env, ...options.env },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.done = new Promise<Result>((resolve, reject) => {
      let settled = false;
      this.child.on('message', (message: ChildMessage) => {
        if (message.type === 'result') {
          settled = true;
          resolve(message.result as Result);
        } else if (message.type === 'error') {
          settled = true;
          reject(new Error(`${script}: ${String(message.message)}`));
        } else for (const listener of this.listeners) listener(message);
      });
      this.child.on('exit', (code, signal) => {
        if (!settled) reject(new Error(`${script} exited (${signal ?? `code ${code}`}) without a result`));
      });
    });
    this.done.catch(() => {}); // observed by result()
    this.child.send({ type: 'start', config });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  on(listener: (message: ChildMessage) => void) {
    this.listeners.push(listener);
  }

  /** Resolves with the first message of `type`. */
  waitFor(type: string, timeoutMs = 120_000): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for "${type}"`)), timeoutMs);
      this.listeners.push((message) => {
        if (message.type === type) {
          clearTimeout(timer);
          resolve(message);
        }
      });
      this.done.catch((error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  send(message: ChildMessage) {
    if (this.child.connected) this.child.send(message);
  }

  result(): Promise<Result> {
    return this.done;
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Runs a load script once and returns its result. */
export async function runLoad<Result>(script: string, config: unknown): Promise<Result> {
  const load = new LoadProcess<Result>(script, config);
  try {
    return await load.result();
  } finally {
    load.kill();
  }
}

/** For child scripts: receive the config, run, report the result or the error, exit. */
export function childMain<Config, Result>(run: (config: Config, events: { send(message: ChildMessage): void; on(listener: (message: ChildMessage) => void): void }) => Promise<Result>) {
  const listeners: ((message: ChildMessage) => void)[] = [];
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'start') {
      run(message.config as Config, {
        send: (m) => process.send?.(m),
        on: (listener) => listeners.push(listener),
      }).then(
        (result) => process.send?.({ type: 'result', result }, () => process.exit(0)),
        (error: Error) => process.send?.({ type: 'error', message: error.stack ?? error.message }, () => process.exit(1)),
      );
    } else for (const listener of listeners) listener(message);
  });
  process.on('disconnect', () => process.exit(0));
}

/**
 * A load process kept for the whole benchmark and asked for one run after another
 * (starting a TypeScript child costs a second or two, too much per 2-second run).
 * The child serves with `serveRuns`.
 */
export class LoadService<Config, Result> {
  private process?: LoadProcess<void>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(result: Result): void; reject(error: Error): void }>();

  constructor(private readonly script: string) {}

  run(config: Config): Promise<Result> {
    if (!this.process) {
      this.process = new LoadProcess<void>(this.script, { serve: true });
      this.process.on((message) => {
        const waiter = this.waiting.get(message.id as number);
        if (!waiter) return;
        this.waiting.delete(message.id as number);
        if (message.type === 'run-result') waiter.resolve(message.result as Result);
        else if (message.type === 'run-error') waiter.reject(new Error(`${this.script}: ${String(message.message)}`));
      });
      this.process.result().catch((error: Error) => {
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
        this.process = undefined;
      });
    }
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.process!.send({ type: 'run', id, config });
    });
  }

  async stop() {
    this.process?.send({ type: 'stop' });
    await this.process?.result().catch(() => {});
    this.process?.kill();
    this.process = undefined;
  }
}

/** For child scripts: answer every `run` message with one run's result, until `stop`. */
export function serveRuns<Config, Result>(run: (config: Config) => Promise<Result>) {
  childMain<{ serve: true }, void>(
    (_config, events) =>
      new Promise<void>((resolve) => {
        events.on((message) => {
          if (message.type === 'stop') resolve();
          if (message.type !== 'run') return;
          run(message.config as Config).then(
            (result) => events.send({ type: 'run-result', id: message.id, result }),
            (error: Error) => events.send({ type: 'run-error', id: message.id, message: error.stack ?? error.message }),
          );
        });
      }),
  );
}
