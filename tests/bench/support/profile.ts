/**
 * CPU profiles of a running server, for `npm run bench -- --profile`: the harness opens the
 * process's inspector (as SIGUSR1 does), records a sampling profile through the Chrome
 * DevTools protocol while a scenario runs, and reduces it to where the time went: self time
 * per function and per package (node_modules/<package>, the app's own bundle, Node's
 * internals, garbage collection, idle).
 */
import { writeFile } from 'node:fs/promises';
import WebSocket from 'ws';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber?: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };

export type ProfileSummary = {
  seconds: number;
  busyShare: number;
  /** Shares of the busy time (idle excluded). */
  byPackage: { name: string; share: number }[];
  topFunctions: { name: string; share: number }[];
};

const INSPECTOR_PORT = 9229;

async function inspectorUrl(): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
      if (targets[0]) return targets[0].webSocketDebuggerUrl;
    } catch {
      // not open yet
    }
    if (Date.now() > deadline) throw new Error(`the inspector did not open on port ${INSPECTOR_PORT}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) {
    if (url.includes('.next') && url.includes('/chunks/')) return `bundled: ${modules[1]}`;
    return modules[1];
  }
  if (/\.next[^/]*\/server\//.test(url)) return 'app bundle (.next-bench/server)';
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

export function summarise(profile: Profile, top = 15): ProfileSummary {
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const total = profile.samples.length || 1;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)') idle += hits;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    // Bundled code is minified: name the chunk file and column so the function can be found.
    const where = pkg.startsWith('app bundle') ? `${url.split('/').pop()}:${lineNumber + 1}:${(columnNumber ?? 0) + 1}` : `${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    const name = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  }
  // Shares of the time the process was busy (idle left out: a scenario also waits on other processes).
  const busy = Math.max(1, total - idle);
  byPackage.delete('(idle)');
  byFunction.delete('(idle) (idle)');
  const ranked = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, hits]) => ({ name, share: Math.round((hits / busy) * 1000) / 1000 }));
  return { seconds: (total * interval) / 1e6, busyShare: 1 - idle / total, byPackage: ranked(byPackage), topFunctions: ranked(byFunction) };
}

/** Profiles process `pid` while `during` runs. */
export async function profileProcess<T>(pid: number, during: () => Promise<T>, saveTo?: string): Promise<{ result: T; summary: ProfileSummary }> {
  process.kill(pid, 'SIGUSR1'); // opens the inspector on 127.0.0.1:9229
  const socket = new WebSocket(await inspectorUrl());
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { id?: number; result?: unknown };
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)!(message.result);
      pending.delete(message.id);
    }
  });
  socket.on('close', () => {
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  try {
    const result = await during();
    const { profile } = (await send('Profiler.stop')) as { profile: Profile };
    // The whole profile too, for Chrome DevTools' Performance panel (self time, call trees).
    if (saveTo) await writeFile(saveTo, JSON.stringify(profile));
    return { result, summary: summarise(profile) };
  } finally {
    await send('Profiler.disable');
    // Closes the inspector again (port 9229 is free for the next profile); it answers by hanging up.
    socket.send(JSON.stringify({ id: nextId++, method: 'Runtime.evaluate', params: { expression: "process.getBuiltinModule('node:inspector').close()" } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
  }
}
