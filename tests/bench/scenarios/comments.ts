/**
 * Scenario 1: posting comments. `POST /api/v1/sections/{id}/comments` with a valid token
 * and anchor at 10, 50 and 100 concurrent clients (autocannon, in its own process), side by
 * side with the bare limit: a plain Node http server with a pg pool doing the same inserts
 * (the comment row and the audit row Chorus writes) into the same database.
 *
 * Every request is a different comment from one of many members (each member's own token),
 * as in the last hour before a deadline. Runs of Chorus and of the baseline alternate, so a
 * slow moment of the machine does not favour either. Afterwards the rows each run created
 * are counted: exactly one comment (and one audit row) per successful request.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { LoadProcess } from '../support/child';
import { postgresCpuSeconds, usageOf } from '../support/proc';
import { routeExists, type BenchContext } from '../support/context';
import { fmt, type Row, type ScenarioResult } from '../support/report';
import { median } from '../support/stats';
import type { BaselineConfig } from '../load/baseline-server';
import type { HttpLoadConfig, HttpLoadResult } from '../load/http';

/**
 * `cpuMs`: CPU time the server under test used per successful request; `dbCpuMs`: the
 * CPU time PostgreSQL used meanwhile, per request (milliseconds, from /proc).
 */
type RunFigures = HttpLoadResult & { rows: number; auditRows: number; cpuMs: number; dbCpuMs: number };

export type LevelResult = {
  throughput: number;
  baselineThroughput: number;
  ratio: number;
  p95Ms: number;
  baselineP95Ms: number;
  p95Ratio: number;
  p50Ms: number;
  baselineP50Ms: number;
  /** Server CPU per comment (ms): Chorus's web processes (and their cluster primary) against the baseline server. */
  cpuMs: number;
  baselineCpuMs: number;
  /** PostgreSQL's CPU per comment while Chorus posted, and while the baseline did. */
  dbCpuMs: number;
  baselineDbCpuMs: number;
  errors: number;
  baselineErrors: number;
  statusCounts: Record<string, number>;
  rowsPerRequest: number;
  auditRowsPerRequest: number;
  baselineRowsPerRequest: number;
  runs: number;
};

/** The comment a request posts: unique body per request, tagged with the run. */
function bodyTemplate(run: string, anchor: unknown): string {
  return JSON.stringify({ body: `Benchmark comment {{n}} on this passage [run ${run}]`, anchor });
}

async function countRows(context: BenchContext, run: string) {
  const { rows } = await context.cluster.pool.query<{ comments: string; audits: string }>(
    `with c as (select id from "Comment" where body like $1)
     select (select count(*) from c) as comments, (select count(*) from "AuditEvent" a where a."targetId" in (select id from c)) as audits`,
    [`%[run ${run}]`],
  );
  return { rows: Number(rows[0].comments), auditRows: Number(rows[0].audits) };
}

/** Posts comments at `connections` concurrency: a fixed number of requests, so none is cut off mid-flight. */
export async function postComments(
  context: BenchContext,
  options: { baseUrl: string; connections: number; amount?: number; durationSeconds?: number; tokens: string[]; serverPids?: () => number[] },
): Promise<RunFigures> {
  const run = randomBytes(6).toString('hex');
  const config: HttpLoadConfig = {
    url: options.baseUrl,
    method: 'POST',
    path: `/api/v1/sections/${context.data.comments.sectionId}/comments`,
    connections: options.connections,
    amount: options.amount,
    durationSeconds: options.durationSeconds,
    headers: { 'content-type': 'application/json' },
    bodyTemplate: bodyTemplate(run, context.data.comments.anchor),
    // A different starting member each run spreads everyone's posting over the minute.
    tokens: rotate(options.tokens, Math.floor(Math.random() * options.tokens.length)),
  };
  // CPU time is what the server spends on the requests whatever else the machine is doing,
  // so it compares runs on a busy machine better than throughput does.
  const clusterDir = path.join(context.cluster.dir, 'postgres');
  const cpuBefore = usageOf(options.serverPids?.() ?? []).cpuSeconds;
  const dbBefore = postgresCpuSeconds(clusterDir);
  const result = await context.http.run(config);
  const cpuMs = ((usageOf(options.serverPids?.() ?? []).cpuSeconds - cpuBefore) * 1000) / Math.max(1, result.ok);
  const dbCpuMs = ((postgresCpuSeconds(clusterDir) - dbBefore) * 1000) / Math.max(1, result.ok);
  return { ...result, cpuMs, dbCpuMs, ...(await countRows(context, run)) };
}

function rotate<T>(items: T[], by: number): T[] {
  return [...items.slice(by), ...items.slice(0, by)];
}

export async function startBaseline(context: BenchContext, tokens: { id: string; token: string }[], auditAction: string) {
  const baseline = new LoadProcess<{ served: number }>('load/baseline-server.ts', {
    databaseUrl: context.cluster.url,
    poolSize: 10, // lib/db.ts gives Prisma's pg pool 10 connections
    tokenOwners: Object.fromEntries(tokens.map((person) => [createHash('sha256').update(person.token).digest('hex'), person.id])),
    auditAction,
  } satisfies BaselineConfig);
  const ready = await baseline.waitFor('ready');
  return { url: `http://127.0.0.1:${ready.port as number}`, pid: baseline.pid, stop: async () => (baseline.send({ type: 'stop' }), await baseline.result().catch(() => null), baseline.kill()) };
}

/** Splits the members: most post through Chorus, the rest through the baseline, so neither's rows count against the other's rate limit. */
export function posters(context: BenchContext) {
  const members = context.data.members;
  const split = Math.floor(members.length * 0.7);
  return { chorus: members.slice(0, split), baseline: members.slice(split) };
}

/** Posts one comment to see whether the route exists and what Chorus records for it. */
export async function probeComments(context: BenchContext): Promise<{ skipped: string } | { auditAction: string; auditRows: number }> {
  const { app, data, cluster } = context;
  const response = await fetch(`${app.baseUrl}/api/v1/sections/${data.comments.sectionId}/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${data.members[0].token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'Benchmark probe', anchor: data.comments.anchor }),
  });
  if (!(await routeExists(response))) return { skipped: 'POST /api/v1/sections/{id}/comments does not exist yet' };
  const text = await response.text();
  if (response.status !== 201 && response.status !== 200) return { skipped: `POST /api/v1/sections/{id}/comments answered ${response.status}: ${text.slice(0, 160)}` };
  const id = (JSON.parse(text) as { comment?: { id?: string } }).comment?.id;
  const { rows } = await cluster.pool.query<{ action: string }>(`select action from "AuditEvent" where "targetId" = $1`, [id ?? '']);
  return { auditAction: rows[0]?.action ?? 'comment.create', auditRows: rows.length };
}

export async function commentsScenario(context: BenchContext): Promise<ScenarioResult> {
  const probe = await probeComments(context);
  if ('skipped' in probe) return probe;
  const people = posters(context);
  const baseline = await startBaseline(context, people.baseline, probe.auditAction);
  const levels = context.quick ? [10, 50] : [10, 50, 100];
  const runs = context.quick ? 2 : 3;
  const runSeconds = context.quick ? 1.5 : 8;
  const json: Record<string, LevelResult | unknown> = { auditAction: probe.auditAction, runs, runSeconds };
  const rows: Row[] = [];
  try {
    for (const connections of levels) {
      const targets = [
        // The launcher counts too: with several web processes it is the cluster's primary, which hands out the connections.
        { name: 'chorus', baseUrl: context.app.baseUrl, tokens: people.chorus.map((p) => p.token), serverPids: () => [context.app.launcher.pid!, ...context.app.webPids()] },
        { name: 'baseline', baseUrl: baseline.url, tokens: people.baseline.map((p) => p.token), serverPids: () => [baseline.pid] },
      ];
      // Warm-up, which also tells how many requests make a run of about `runSeconds`.
      const amounts: Record<string, number> = {};
      for (const target of targets) {
        const warm = await postComments(context, { baseUrl: target.baseUrl, connections, durationSeconds: context.quick ? 1 : 3, tokens: target.tokens });
        amounts[target.name] = Math.max(connections * 4, Math.round(Math.max(warm.throughput, 1) * runSeconds));
      }
      const figures: Record<string, RunFigures[]> = { chorus: [], baseline: [] };
      for (let r = 0; r < runs; r++) {
        for (const target of targets) {
          figures[target.name].push(await postComments(context, { baseUrl: target.baseUrl, connections, amount: amounts[target.name], tokens: target.tokens, serverPids: target.serverPids }));
        }
      }
      const med = (name: string, pick: (f: RunFigures) => number) => median(figures[name].map(pick));
      const sum = (name: string, pick: (f: RunFigures) => number) => figures[name].reduce((total, f) => total + pick(f), 0);
      const statusCounts: Record<string, number> = {};
      for (const f of figures.chorus) for (const [code, n] of Object.entries(f.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + n;
      const level: LevelResult = {
        throughput: med('chorus', (f) => f.throughput),
        baselineThroughput: med('baseline', (f) => f.throughput),
        ratio: med('chorus', (f) => f.throughput) / med('baseline', (f) => f.throughput),
        p95Ms: med('chorus', (f) => f.p95Ms),
        baselineP95Ms: med('baseline', (f) => f.p95Ms),
        p95Ratio: med('chorus', (f) => f.p95Ms) / med('baseline', (f) => f.p95Ms),
        p50Ms: med('chorus', (f) => f.p50Ms),
        cpuMs: med('chorus', (f) => f.cpuMs),
        baselineCpuMs: med('baseline', (f) => f.cpuMs),
        dbCpuMs: med('chorus', (f) => f.dbCpuMs),
        baselineDbCpuMs: med('baseline', (f) => f.dbCpuMs),
        baselineP50Ms: med('baseline', (f) => f.p50Ms),
        errors: sum('chorus', (f) => f.errors + f.timeouts + f.non2xx),
        baselineErrors: sum('baseline', (f) => f.errors + f.timeouts + f.non2xx),
        statusCounts,
        rowsPerRequest: sum('chorus', (f) => f.rows) / Math.max(1, sum('chorus', (f) => f.ok)),
        auditRowsPerRequest: sum('chorus', (f) => f.auditRows) / Math.max(1, sum('chorus', (f) => f.ok)),
        baselineRowsPerRequest: sum('baseline', (f) => f.rows) / Math.max(1, sum('baseline', (f) => f.ok)),
        runs,
      };
      json[`c${connections}`] = level;
      context.log(`comments c${connections}: ${level.throughput.toFixed(0)}/s vs ${level.baselineThroughput.toFixed(0)}/s, p95 ${level.p95Ms.toFixed(0)} vs ${level.baselineP95Ms.toFixed(0)} ms, server CPU ${level.cpuMs.toFixed(2)} vs ${level.baselineCpuMs.toFixed(2)} ms per comment, PostgreSQL CPU ${level.dbCpuMs.toFixed(2)} vs ${level.baselineDbCpuMs.toFixed(2)} ms, errors ${level.errors}, rows/request ${level.rowsPerRequest.toFixed(3)}`);

      const judged = connections === 50;
      const label = `${connections} clients`;
      rows.push(
        { scenario: '', measure: `${label}: comments/s`, value: fmt(level.throughput), baseline: fmt(level.baselineThroughput), ratio: fmt(level.ratio, 2), ...(judged ? { target: '≥ 0.5 × baseline, ≥ 100/s', met: level.ratio >= 0.5 && level.throughput >= 100 } : {}) },
        { scenario: '', measure: `${label}: p95 latency`, value: fmt(level.p95Ms, 0, ' ms'), baseline: fmt(level.baselineP95Ms, 0, ' ms'), ratio: fmt(level.p95Ratio, 2), ...(judged ? { target: '≤ 2 × baseline, < 100 ms', met: level.p95Ratio <= 2 && level.p95Ms < 100 } : {}) },
        { scenario: '', measure: `${label}: server CPU per comment`, value: fmt(level.cpuMs, 2, ' ms'), baseline: fmt(level.baselineCpuMs, 2, ' ms'), ratio: fmt(level.cpuMs / level.baselineCpuMs, 2) },
        { scenario: '', measure: `${label}: PostgreSQL CPU per comment`, value: fmt(level.dbCpuMs, 2, ' ms'), baseline: fmt(level.baselineDbCpuMs, 2, ' ms'), ratio: fmt(level.dbCpuMs / level.baselineDbCpuMs, 2) },
        { scenario: '', measure: `${label}: errors; rows per request`, value: `${level.errors}; ${fmt(level.rowsPerRequest, 3)}`, baseline: `${level.baselineErrors}; ${fmt(level.baselineRowsPerRequest, 3)}`, ...(judged ? { target: '0; exactly 1', met: level.errors === 0 && level.rowsPerRequest === 1 } : {}) },
      );
    }
  } finally {
    await baseline.stop();
  }
  return { json, rows };
}
