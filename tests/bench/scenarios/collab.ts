/**
 * Scenario 4: co-editing. 10, 25, 50 and 100 editors on one section (plus 100 read-only
 * viewers), each typing 5 characters a second; see load/collab-clients.ts for how the
 * propagation time, lost characters and convergence are measured. The collaboration
 * server's CPU and memory are sampled from /proc while the editors type.
 * Every run uses a section nobody has edited, so runs do not inherit each other's text.
 */
import { LoadProcess } from '../support/child';
import type { BenchContext } from '../support/context';
import { sampleUsage } from '../support/proc';
import { fmt, type Row, type ScenarioResult } from '../support/report';
import { median } from '../support/stats';
import type { CollabConfig, CollabResult } from '../load/collab-clients';
import type { ViewersConfig, ViewersResult } from '../load/collab-viewers';

const TARGET_P95: Record<number, number> = { 10: 100, 25: 150, 50: 250, 100: 500 };

type RunFigures = CollabResult & { serverCpuCores: number; serverPeakMB: number; viewersConvergedMs: number | null; viewersCpuCores: number };

async function collabRun(context: BenchContext, sectionId: string, editors: number, viewers: number, typingSeconds: number): Promise<RunFigures> {
  const { data, app, cluster } = context;
  const config: CollabConfig = {
    url: app.collabUrl,
    document: `section:${sectionId}`,
    sectionId,
    databaseUrl: cluster.url,
    editorTokens: data.drafters.slice(0, editors).map((p) => p.token),
    // Viewers run in their own process (load/collab-viewers.ts).
    viewerTokens: [],
    checkToken: data.coordinator.token,
    typingSeconds,
    warmupSeconds: Math.min(2, typingSeconds / 4),
    charsPerSecond: 5,
    convergeWithinMs: 2000,
  };
  const viewing = new LoadProcess<ViewersResult>('load/collab-viewers.ts', {
    url: app.collabUrl,
    document: config.document,
    tokens: data.members.slice(-viewers).map((p) => p.token),
  } satisfies ViewersConfig);
  try {
    await viewing.waitFor('ready');
  } catch (error) {
    viewing.kill();
    throw error;
  }
  const load = new LoadProcess<CollabResult>('load/collab-clients.ts', config);
  let sampler: ReturnType<typeof sampleUsage> | undefined;
  let usage: ReturnType<ReturnType<typeof sampleUsage>['stop']> | undefined;
  load.on((message) => {
    if (message.type === 'typing-start') sampler = sampleUsage(() => app.collabPids(), 100);
    if (message.type === 'typing-end') usage = sampler?.stop();
    if (message.type === 'editors-converged') viewing.send({ type: 'expect', hash: message.hash, lastKeystrokeEpochMs: message.lastKeystrokeEpochMs, deadlineMs: 10_000 });
  });
  try {
    const result = await load.result();
    usage ??= sampler?.stop();
    const viewed = await viewing.result();
    const viewersConvergedMs = viewed.distinctDocuments === 1 ? viewed.convergedMs : null;
    return {
      ...result,
      clientsConvergedMs: result.clientsConvergedMs === null || viewersConvergedMs === null ? null : Math.max(result.clientsConvergedMs, viewersConvergedMs),
      converged: result.converged && viewersConvergedMs !== null && viewersConvergedMs <= config.convergeWithinMs,
      viewers: viewed.viewers,
      viewersConvergedMs,
      viewersCpuCores: viewed.cpuCores,
      serverCpuCores: usage?.cpuCores ?? Number.NaN,
      serverPeakMB: (usage?.peakRssBytes ?? Number.NaN) / 2 ** 20,
    };
  } finally {
    load.kill();
    viewing.kill();
  }
}

export async function collabScenario(context: BenchContext): Promise<ScenarioResult> {
  if (!context.app.collabListening) return { skipped: 'the collaboration server is not running yet (nothing listens on COLLAB_PORT)' };
  const levels = context.quick ? [10] : [10, 25, 50, 100];
  const viewers = context.quick ? 10 : 100;
  const runs = context.quick ? 1 : 3;
  const typingSeconds = context.quick ? 4 : 10;
  const sections = [...context.data.collab.sectionIds];
  const needed = levels.length * runs + 1;
  if (sections.length < needed) throw new Error(`needs ${needed} fresh sections, the data has ${sections.length}`);

  // Warm-up: a short session at the smallest size, not reported.
  await collabRun(context, sections.shift()!, context.quick ? 5 : levels[0], Math.min(viewers, 10), context.quick ? 2 : 4);

  const json: Record<string, unknown> = { viewers, runs, typingSeconds, charsPerSecond: 5 };
  const rows: Row[] = [];
  for (const editors of levels) {
    const figures: RunFigures[] = [];
    for (let r = 0; r < runs; r++) figures.push(await collabRun(context, sections.shift()!, editors, viewers, typingSeconds));
    const med = (pick: (f: RunFigures) => number) => median(figures.map(pick));
    const worst = (pick: (f: RunFigures) => number | null) => Math.max(...figures.map((f) => pick(f) ?? Number.POSITIVE_INFINITY));
    const level = {
      p95Ms: med((f) => f.p95Ms),
      p50Ms: med((f) => f.p50Ms),
      p99Ms: med((f) => f.p99Ms),
      pairP95Ms: med((f) => f.pairP95Ms),
      lostChars: Math.max(...figures.map((f) => f.lostChars)),
      undelivered: Math.max(...figures.map((f) => f.undelivered)),
      converged: figures.every((f) => f.converged),
      clientsConvergedMs: worst((f) => f.clientsConvergedMs),
      serverConvergedMs: worst((f) => f.serverConvergedMs),
      databaseConvergedMs: worst((f) => f.databaseConvergedMs),
      databaseNote: figures.find((f) => f.databaseNote)?.databaseNote,
      keystrokesPerRun: med((f) => f.keystrokes),
      charsPerSecondPerEditor: med((f) => f.charsPerSecondPerEditor),
      serverCpuCores: med((f) => f.serverCpuCores),
      serverPeakMB: Math.max(...figures.map((f) => f.serverPeakMB)),
      clientCpuCores: med((f) => f.clientCpuCores),
      typingClientCpuCores: med((f) => f.typingClientCpuCores),
      clientEventLoopP99Ms: med((f) => f.clientEventLoopP99Ms),
      viewersCpuCores: med((f) => f.viewersCpuCores),
      connectSeconds: med((f) => f.connectSeconds),
    };
    json[`n${editors}`] = level;
    context.log(`collab n${editors}: p95 ${level.p95Ms.toFixed(0)} ms, lost ${level.lostChars}, converged ${level.converged} (clients ${level.clientsConvergedMs.toFixed(0)} ms, server ${level.serverConvergedMs.toFixed(0)} ms, db ${level.databaseConvergedMs.toFixed(0)} ms), server ${level.serverCpuCores.toFixed(2)} cores ${level.serverPeakMB.toFixed(0)} MB, editors' process ${level.typingClientCpuCores.toFixed(2)} cores (event loop p99 ${level.clientEventLoopP99Ms.toFixed(0)} ms), viewers' ${level.viewersCpuCores.toFixed(2)} cores, ${level.charsPerSecondPerEditor.toFixed(1)} chars/s/editor`);
    const target = TARGET_P95[editors];
    const ms = (v: number) => (Number.isFinite(v) ? fmt(v, 0, ' ms') : 'never');
    rows.push(
      { scenario: '', measure: `${editors} editors + ${viewers} viewers: p95 keystroke → every editor`, value: fmt(level.p95Ms, 0, ' ms'), ...(target ? { target: `< ${target} ms`, met: level.p95Ms < target } : {}) },
      { scenario: '', measure: `${editors} editors: lost chars; converged (clients / server / database)`, value: `${level.lostChars}; ${ms(level.clientsConvergedMs)} / ${ms(level.serverConvergedMs)} / ${ms(level.databaseConvergedMs)}`, target: '0; all ≤ 2 s', met: level.lostChars === 0 && level.converged },
      { scenario: '', measure: `${editors} editors: server CPU; peak memory`, value: `${fmt(level.serverCpuCores * 100, 0, '%')} of a core; ${fmt(level.serverPeakMB, 0, ' MB')}`, met: null },
      { scenario: '', measure: `${editors} editors: load generator (editors' CPU, event-loop p99; typing rate)`, value: `${fmt(level.typingClientCpuCores * 100, 0, '%')}, ${fmt(level.clientEventLoopP99Ms, 0, ' ms')}; ${fmt(level.charsPerSecondPerEditor, 1)} chars/s each`, met: null },
    );
  }
  return { json, rows };
}
