/**
 * Resource use of the servers under test, read from /proc (Linux): resident memory and CPU
 * time of a process and all its descendants, so a launcher's children are counted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const CLOCK_TICKS = 100; // USER_HZ on Linux

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`, { withFileTypes: true })) {
    const text = read(`/proc/${pid}/task/${task.name}/children`);
    if (text) out.push(...text.trim().split(/\s+/).filter(Boolean).map(Number));
  }
  return out;
}

/** `pid` and every descendant. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      all.push(...childrenOf(all[i]));
    } catch {
      // exited meanwhile
    }
  }
  return all;
}

export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}

/** Resident set size in bytes (VmRSS), 0 when the process is gone. */
export function rssBytes(pid: number): number {
  const status = read(`/proc/${pid}/status`);
  const match = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** User + system CPU seconds used so far. */
export function cpuSeconds(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU time PostgreSQL has spent so far: the postmaster and every server process it runs now,
 * plus those that have ended (the postmaster's reaped children). `clusterDir` holds postmaster.pid.
 */
export function postgresCpuSeconds(clusterDir: string): number {
  const postmaster = Number(read(path.join(clusterDir, 'postmaster.pid'))?.split('\n')[0]);
  if (!postmaster) return 0;
  const stat = read(`/proc/${postmaster}/stat`);
  const fields = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : [];
  const reaped = fields.length ? (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS : 0;
  return usageOf(processTree(postmaster)).cpuSeconds + reaped;
}

export type Usage = { rssBytes: number; cpuSeconds: number };

export function usageOf(pids: number[]): Usage {
  return pids.reduce((sum, pid) => ({ rssBytes: sum.rssBytes + rssBytes(pid), cpuSeconds: sum.cpuSeconds + cpuSeconds(pid) }), { rssBytes: 0, cpuSeconds: 0 });
}

/**
 * Samples the memory and CPU of `pids()` every `intervalMs` until stopped; returns the peak
 * resident memory and the average CPU use (1.0 = one core busy) over the sampled time.
 */
export function sampleUsage(pids: () => number[], intervalMs = 50) {
  const started = performance.now();
  const first = usageOf(pids());
  let peakRss = first.rssBytes;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, usageOf(pids()).rssBytes);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = usageOf(pids());
      peakRss = Math.max(peakRss, last.rssBytes);
      const seconds = (performance.now() - started) / 1000;
      return { peakRssBytes: peakRss, endRssBytes: last.rssBytes, cpuCores: seconds > 0 ? (last.cpuSeconds - first.cpuSeconds) / seconds : 0, seconds };
    },
  };
}
