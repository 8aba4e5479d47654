/**
 * `npm run bench` (and `npm run bench -- --quick`): Chorus against the bare limits.
 *
 * One run: its own embedded PostgreSQL in a temporary folder, generated data loaded in
 * bulk, a production build (`next build` into .next-bench), the app and the collaboration
 * server started by `npm start`'s launcher, then five scenarios whose load comes from
 * separate processes. Prints a table and writes tests/bench/results/latest.json
 * (quick.json with --quick). A scenario whose feature does not exist yet is skipped with
 * the reason in the table and the file; nothing is ever estimated.
 *
 * Options: --quick (small sizes, well under two minutes once built; reuses an existing
 * build), --rebuild (build even so), --only=comments,sectionPage,export,collab,versions and
 * --profile (diagnosis: CPU profile of the loaded server per scenario; results go to
 * results/partial.json, each whole profile to results/profile-<scenario>.cpuprofile), BENCH_SKIP_BUILD=1 (reuse .next-bench even for a full run).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp, startApp, type RunningApp } from './support/app';
import { settle, startBenchCluster, type BenchCluster } from './support/cluster';
import type { BenchContext } from './support/context';
import { LoadService } from './support/child';
import { cpuProbe } from './support/cpu-probe';
import type { HttpLoadConfig, HttpLoadResult } from './load/http';
import type { TtfbConfig, TtfbResult } from './load/ttfb';
import { commandLine } from './support/proc';
import { profileProcess } from './support/profile';
import { machineInfo, markdownTable, skippedRow, type Row, type ScenarioResult } from './support/report';
import { fullSizes, quickSizes, seed } from './support/seed';
import { commentsScenario } from './scenarios/comments';
import { sectionPageScenario } from './scenarios/section-page';
import { exportScenario } from './scenarios/export';
import { collabScenario } from './scenarios/collab';
import { versionsScenario } from './scenarios/versions';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
/** Record a CPU profile of the server each scenario loads (diagnosis only: sampling slows it a little). */
const profile = args.includes('--profile');
/** Build even in --quick mode (or with BENCH_SKIP_BUILD=1). */
const rebuild = args.includes('--rebuild');

const scenarios: { key: string; title: string; run: (context: BenchContext) => Promise<ScenarioResult> }[] = [
  { key: 'comments', title: '1. Posting comments', run: commentsScenario },
  { key: 'sectionPage', title: '2. Reading a busy section', run: sectionPageScenario },
  { key: 'export', title: '3. Exporting', run: exportScenario },
  { key: 'collab', title: '4. Co-editing', run: collabScenario },
  { key: 'versions', title: '5. Keeping every version', run: versionsScenario },
];

/** The load average before the benchmark adds its own. */
function machineInfoEarly() {
  const load = os.loadavg()[0];
  if (load > os.cpus().length) log(`warning: the machine is busy (load average ${load.toFixed(1)} on ${os.cpus().length} cores); figures will be worse than on an idle machine`);
  return { loadAverageAtStart: Math.round(load * 100) / 100 };
}

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main() {
  const started = Date.now();
  const loadAtStart = machineInfoEarly();
  let cluster: BenchCluster | undefined;
  let app: RunningApp | undefined;
  const http = new LoadService<HttpLoadConfig, HttpLoadResult>('load/http.ts');
  const ttfb = new LoadService<TtfbConfig, TtfbResult>('load/ttfb.ts');
  const cleanUp = async () => {
    await http.stop().catch(() => {});
    await ttfb.stop().catch(() => {});
    await app?.stop().catch(() => {});
    await cluster?.stop().catch(() => {});
  };
  process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.on('SIGTERM', () => void cleanUp().then(() => process.exit(143)));

  try {
    log(`mode: ${quick ? 'quick' : 'full'}; starting PostgreSQL`);
    cluster = await startBenchCluster();
    const sizes = quick ? quickSizes : fullSizes;
    let t = performance.now();
    const data = await seed(cluster.pool, sizes);
    const seedSeconds = (performance.now() - t) / 1000;
    log(`data loaded in ${seedSeconds.toFixed(1)} s`);

    t = performance.now();
    log(quick ? 'reusing the benchmark build if there is one' : 'building the app (next build)');
    const build = await buildApp({ reuse: quick && !rebuild, force: rebuild, databaseUrl: cluster.url });
    log(build.reused ? `reusing the build from ${build.builtAt} (commit ${build.commit ?? 'unknown'})` : `built in ${build.seconds.toFixed(0)} s`);

    app = await startApp(cluster.url);
    log(`app on ${app.baseUrl}; collaboration server ${app.collabListening ? `on port ${app.collabPort}` : 'not listening'}`);

    const context: BenchContext = { quick, cluster, data, app, http, ttfb, log };
    const results: Record<string, unknown> = {};
    const rows: Row[] = [];
    const profiles: Record<string, unknown> = {};
    for (const scenario of scenarios) {
      if (only && !only.includes(scenario.key)) continue;
      // Each scenario starts on a settled database, not during the clean-up after the data
      // load or the previous scenario.
      log(`database settled in ${(await settle(cluster.pool)).seconds.toFixed(1)} s`);
      const probeBefore = cpuProbe();
      log(`scenario ${scenario.title} (CPU probe ${probeBefore} ms)`);
      const scenarioStarted = performance.now();
      let result: ScenarioResult;
      try {
        if (profile) {
          const pid = scenario.key === 'collab' ? app.collabPids()[0] : app.webPids()[0];
          const saveTo = path.join(import.meta.dirname, 'results', `profile-${scenario.key}.cpuprofile`);
          const profiled = await profileProcess(pid, () => scenario.run(context), saveTo);
          result = profiled.result;
          profiles[scenario.key] = { process: commandLine(pid).slice(0, 120), ...profiled.summary };
          log(`profile of ${scenario.key} (${commandLine(pid).slice(0, 60)}): ${JSON.stringify(profiled.summary, null, 1)}`);
        } else result = await scenario.run(context);
      } catch (error) {
        const message = (error as Error).message.split('\n')[0];
        log(`scenario ${scenario.key} failed: ${(error as Error).stack}`);
        result = { skipped: `failed: ${message}` };
      }
      const seconds = (performance.now() - scenarioStarted) / 1000;
      const cpuProbeMs = { before: probeBefore, after: cpuProbe() };
      if ('skipped' in result) {
        results[scenario.key] = { skipped: result.skipped, seconds, cpuProbeMs };
        rows.push(skippedRow(scenario.title, result.skipped));
      } else {
        results[scenario.key] = { ...result.json, seconds, cpuProbeMs };
        rows.push(...result.rows.map((row) => ({ ...row, scenario: row.scenario || scenario.title })));
      }
      log(`scenario ${scenario.key} done in ${seconds.toFixed(0)} s (load average ${os.loadavg()[0].toFixed(1)}; CPU probe ${cpuProbeMs.after} ms)`);
    }

    const output = {
      mode: quick ? 'quick' : 'full',
      startedAt: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      machine: { ...machineInfo(cluster), ...loadAtStart },
      build,
      data: { sizes, seedSeconds },
      ...results,
      ...(profile ? { profiles } : {}),
      targets: rows.filter((row) => row.target).map((row) => ({ scenario: row.scenario, measure: row.measure, value: row.value, target: row.target, met: row.met })),
    };
    // Partial runs (--only, --profile) are for diagnosis: they never replace the results of a whole run.
    const name = only || profile ? 'partial' : quick ? 'quick' : 'latest';
    const file = path.join(import.meta.dirname, 'results', `${name}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(output, null, 2) + '\n');

    const machine = output.machine;
    console.info(`\nChorus benchmark (${output.mode}) — ${machine.cores} cores (${machine.cpuModel}), ${Math.round(machine.memoryMB / 1024)} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}\n`);
    console.info(markdownTable(rows));
    const missed = rows.filter((row) => row.met === false).length;
    const met = rows.filter((row) => row.met === true).length;
    console.info(`\n${met} targets met, ${missed} not met, ${rows.filter((r) => r.measure === 'skipped').length} scenarios skipped. Results: ${path.relative(process.cwd(), file)} (${output.seconds} s)`);
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
