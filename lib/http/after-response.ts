/**
 * Work that should not hold up an answer (emailing the people a reply concerns): run after
 * the response has been sent.
 *
 * Inside Next.js that is Next's `after()`. The routes a web process answers directly
 * (lib/http/direct-routes.ts) open a scope of their own and run what was left here once
 * their answer is out. Anywhere else (the command line, the background process, tests) the
 * work runs right away, before the caller goes on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { after } from 'next/server';

const directScope = new AsyncLocalStorage<(() => Promise<void>)[]>();

export async function afterResponse(task: () => Promise<void>): Promise<void> {
  const direct = directScope.getStore();
  if (direct) {
    direct.push(task);
    return;
  }
  try {
    after(task);
  } catch {
    await task();
  }
}

/** Runs `answer` with a scope for afterResponse; returns its result and the work left for after the answer is sent. */
export async function withWorkAfterResponse<T>(answer: () => Promise<T>): Promise<{ result: T; after: (() => Promise<void>)[] }> {
  const tasks: (() => Promise<void>)[] = [];
  const result = await directScope.run(tasks, answer);
  return { result, after: tasks };
}
