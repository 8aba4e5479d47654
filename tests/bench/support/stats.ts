/** Small statistics helpers for the benchmark: medians of runs, percentiles of samples. */

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!finite.length) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}

/** The p-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rounds for the report: 3 significant digits, integers stay integers. */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * A latency histogram with 0.1 ms buckets up to `maxMs` (beyond that: one overflow bucket
 * holding the true values), for millions of samples without keeping them all.
 */
export class Histogram {
  private readonly buckets: Uint32Array;
  private readonly overflow: number[] = [];
  count = 0;
  max = 0;

  constructor(private readonly maxMs = 30_000) {
    this.buckets = new Uint32Array(maxMs * 10 + 1);
  }

  record(ms: number) {
    const value = Math.max(0, ms);
    this.count++;
    if (value > this.max) this.max = value;
    if (value >= this.maxMs) this.overflow.push(value);
    else this.buckets[Math.floor(value * 10)]++;
  }

  percentile(p: number): number {
    if (!this.count) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return (i + 1) / 10; // upper edge of the bucket: never flatters
    }
    const sorted = [...this.overflow].sort((a, b) => a - b);
    return sorted[rank - seen - 1] ?? this.max;
  }
}
