/**
 * A fixed piece of work, timed before and after each scenario: how fast this machine is at
 * that moment. A virtual machine's neighbours can slow it for minutes at a time (the bare
 * baseline itself has run from 900 to 1,600 comments/s on the same machine on the same
 * morning), which neither the load average nor steal time shows here. When a figure misses
 * its target, this tells a slow spell from slow code: compare it with other runs' probes.
 */
import { createHash } from 'node:crypto';

/** Typical JSON of the kind the app handles: two thousand comment-like objects (~0.5 MB). */
const WORK = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, body: `A comment about local funding, number ${i}. `.repeat(5), agree: [i % 7, i % 11] })));

/** Milliseconds for the work: the median of seven rounds (parse, stringify and hash, five times each). */
export function cpuProbe(): number {
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    for (let i = 0; i < 5; i++) createHash('sha256').update(JSON.stringify(JSON.parse(WORK))).digest('hex');
    rounds.push(performance.now() - start);
  }
  rounds.sort((a, b) => a - b);
  return Math.round(rounds[3] * 10) / 10;
}
