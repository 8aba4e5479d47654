/** The benchmark's report: one table row per measured figure, and the results file. */
import os from 'node:os';
import type { BenchCluster } from './cluster';

export type Row = {
  scenario: string;
  measure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** true / false against the target; null when there is no target or nothing was measured. */
  met?: boolean | null;
};

export type ScenarioResult = { json: Record<string, unknown>; rows: Row[] } | { skipped: string };

export function machineInfo(cluster: BenchCluster) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    postgres: cluster.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1-minute load average when the run started: above the number of cores, other work was competing with the benchmark. */
    loadAverageAtStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/** Formats a number for the table: thousands separators, `digits` decimals. */
export function fmt(value: number | null | undefined, digits = 0, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
}

export function markdownTable(rows: Row[]): string {
  const header = ['Scenario', 'Measure', 'Chorus', 'Bare baseline', 'Ratio', 'Target', 'Met'];
  const body = rows.map((row) => [
    row.scenario,
    row.measure,
    row.value,
    row.baseline ?? '',
    row.ratio ?? '',
    row.target ?? '',
    row.met === true ? 'yes' : row.met === false ? '**no**' : '',
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function skippedRow(scenario: string, reason: string): Row {
  return { scenario, measure: 'skipped', value: reason, met: null };
}
