/**
 * Scenario 5: keeping every version. Replays typing into sections (250,000 edit operations
 * into one section; 20,000 into each of 50 more), stored exactly as the collaboration
 * server stores live edits: the Yjs state in SectionDocument (lib/collab/persistence
 * storeSectionState) and an immutable version after each burst (commitLiveVersion, the
 * server's own function, with its row lock and its "unchanged → no version" check).
 *
 * Typing runs on a simulated clock (a keystroke every 200 ms in bursts, pauses between
 * them), so versions are cut where the server would cut them — after a quiet moment and at
 * least every minute while someone types — without waiting hours of real time.
 *
 * Reported: bytes per 1,000 keystrokes including everything PostgreSQL keeps for them
 * (pg_total_relation_size of every table involved — heap, TOAST, indexes — after VACUUM
 * FULL, and also as found before it, with the replaced rows autovacuum has yet to reclaim),
 * bytes per version, the total; versions viewable through GET /api/v1/versions/{id} (sampled
 * across the whole history, text compared with the text it was committed with) and restore latency through
 * POST /api/v1/sections/{id}/restore.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { textFromDoc, type PMDoc } from '../../../lib/sections/content';
import { tableSizes } from '../support/cluster';
import { routeExists, sleep, type BenchContext } from '../support/context';
import { fmt, type Row, type ScenarioResult } from '../support/report';
import { median, percentile } from '../support/stats';
import { seededRandom as random } from '../../support/random';

/**
 * The collaboration server's cadence for storing versions (lib/collab/hocuspocus.ts:
 * quietMs 2500, maxBurstMs 60,000). It also stores the Yjs state every few seconds while
 * someone types, replacing SectionDocument's one row per section; the replay stores it at
 * each version, so the live row is the same and fewer dead rows wait for autovacuum.
 */
const QUIET_MS = 2_500;
const AT_LEAST_EVERY_MS = 60_000;
const KEYSTROKE_MS = 200;
/** In the delta estimate: a full copy every this many versions, so no version is more than this many steps from one. */
const DELTA_KEYFRAME = 50;
/** In the delta estimate: a version's rows (version, author, audit event) and their index entries, roughly. */
const ROW_OVERHEAD_BYTES = 600;
const TABLES = ['SectionVersion', 'SectionVersionAuthor', 'SectionDocument', 'Section', 'AuditEvent'];

type Persistence = {
  loadSectionState(sectionId: string): Promise<Uint8Array | null>;
  storeSectionState(sectionId: string, document: Y.Doc): Promise<void>;
  commitLiveVersion(sectionId: string, readContent: () => unknown, authorIds: string[]): Promise<{ id: string; text: string } | null>;
};
type YdocLib = { ydocFromState(state: Uint8Array): Y.Doc; contentFromYDoc(doc: Y.Doc): unknown };

const PHRASES = 'we recommend that the department funds local groups for at least three years because short grants waste time on reporting and stop small charities planning ahead '.split(' ');

/**
 * Types `operations` keystrokes into a section's live document: mostly inserts at the
 * cursor, backspaces (about a third: people rewrite), new paragraphs, cursor moves.
 */
async function replaySection(sectionId: string, operations: number, seed: number, authorId: string, persistence: Persistence, ydoc: YdocLib, committed: Map<string, string>) {
  const rng = random(seed);
  const state = await persistence.loadSectionState(sectionId);
  if (!state) throw new Error(`section ${sectionId} not found`);
  const doc = ydoc.ydocFromState(state);
  // For comparison only (not what Chorus stores): the same edits in a Yjs document that keeps
  // deleted content (gc off), where each version could be a Yjs snapshot (state vector +
  // delete set) instead of a full copy of the section.
  const shadow = new Y.Doc({ gc: false });
  Y.applyUpdate(shadow, state);
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(shadow, update));
  let snapshotBytes = 0;
  // Also for comparison: versions stored as the changed stretch of text since the previous
  // version (common start and end trimmed), with a full copy every DELTA_KEYFRAME versions.
  let deltaBytes = 0;
  let previousText: string | null = null;
  let sinceKeyframe = 0;
  const fragment = doc.getXmlFragment('default');
  let versions = 0;
  let clock = 0;
  let lastVersionAt = 0;
  let dirty = false;
  let burst = 0;
  let words: string[] = [];
  let totalChars = fragment.toArray().reduce((sum, node) => sum + (node instanceof Y.XmlElement && node.get(0) instanceof Y.XmlText ? (node.get(0) as Y.XmlText).length : 0), 0);

  const paragraphs = () => fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph');
  const textOf = (paragraph: Y.XmlElement): Y.XmlText => {
    const first = paragraph.get(0);
    if (first instanceof Y.XmlText) return first;
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    return text;
  };
  let list = paragraphs();
  if (!list.length) {
    fragment.insert(0, [new Y.XmlElement('paragraph')]);
    list = paragraphs();
  }
  let paragraph = list[list.length - 1];
  let text = textOf(paragraph);
  let cursor = text.length;

  const storeVersion = async () => {
    snapshotBytes += Y.encodeSnapshot(Y.snapshot(shadow)).length;
    const content = ydoc.contentFromYDoc(doc);
    const text = textFromDoc(content as PMDoc);
    deltaBytes += ROW_OVERHEAD_BYTES;
    if (previousText === null || sinceKeyframe >= DELTA_KEYFRAME) {
      deltaBytes += Buffer.byteLength(JSON.stringify(content)) + Buffer.byteLength(text);
      sinceKeyframe = 0;
    } else {
      let start = 0;
      while (start < text.length && start < previousText.length && text[start] === previousText[start]) start++;
      let end = 0;
      while (end < text.length - start && end < previousText.length - start && text[text.length - 1 - end] === previousText[previousText.length - 1 - end]) end++;
      deltaBytes += 16 + Buffer.byteLength(text.slice(start, text.length - end)) + (previousText.length - end - start); // offsets, new words, length of the old
      sinceKeyframe++;
    }
    previousText = text;
    await persistence.storeSectionState(sectionId, doc);
    const stored = await persistence.commitLiveVersion(sectionId, () => ydoc.contentFromYDoc(doc), [authorId]);
    if (stored) {
      versions++;
      // What was committed, to compare with what the API serves later (only the current
      // version and keyframes keep their text in the table; the rest are deltas).
      committed.set(stored.id, stored.text);
    }
    lastVersionAt = clock;
    dirty = false;
  };

  for (let op = 0; op < operations; op++) {
    if (burst <= 0) {
      // A pause: short ones (reading back) keep the burst going, long ones end it.
      const pause = rng() < 0.7 ? 300 + rng() * 1500 : 3000 + rng() * 27_000;
      if (dirty && pause >= QUIET_MS) {
        clock += QUIET_MS;
        await storeVersion();
        clock += pause - QUIET_MS;
      } else clock += pause;
      burst = 20 + Math.floor(rng() * 180);
      if (rng() < 0.3) {
        // Move elsewhere in the section.
        list = paragraphs();
        paragraph = list[Math.floor(rng() * list.length)];
        text = textOf(paragraph);
        cursor = Math.floor(rng() * (text.length + 1));
      }
    }
    const roll = rng();
    const insertShare = totalChars > 150_000 ? 0.4 : 0.64;
    if (roll < 0.015 && cursor === text.length) {
      // Enter at the end of a paragraph: a new paragraph after it.
      const next = new Y.XmlElement('paragraph');
      const index = fragment.toArray().indexOf(paragraph);
      fragment.insert(index + 1, [next]);
      paragraph = next;
      text = textOf(paragraph);
      cursor = 0;
    } else if (roll < insertShare || cursor === 0) {
      if (!words.length) words = [...PHRASES[Math.floor(rng() * PHRASES.length)]].concat(' ');
      text.insert(cursor, words.shift()!);
      cursor++;
      totalChars++;
    } else {
      text.delete(cursor - 1, 1);
      cursor--;
      totalChars--;
    }
    dirty = true;
    burst--;
    clock += KEYSTROKE_MS;
    if (clock - lastVersionAt >= AT_LEAST_EVERY_MS) await storeVersion();
  }
  if (dirty) {
    clock += QUIET_MS;
    await storeVersion();
  }
  const snapshotAlternativeBytes = snapshotBytes + Y.encodeStateAsUpdate(shadow).length;
  const deltaAlternativeBytes = deltaBytes;
  doc.destroy();
  shadow.destroy();
  return { operations, versions, finalChars: totalChars, simulatedHours: clock / 3_600_000, snapshotAlternativeBytes, deltaAlternativeBytes };
}

/**
 * The tables' sizes. `compact`: after VACUUM FULL, i.e. what the rows occupy with all of
 * PostgreSQL's overhead (tuple and page headers, TOAST chunks, every index) but without
 * dead rows; otherwise as found, including rows replaced meanwhile (every store of the live
 * document replaces SectionDocument's row) that autovacuum has not reclaimed yet.
 */
async function sizes(context: BenchContext, compact: boolean) {
  if (compact) for (const table of TABLES) await context.cluster.pool.query(`vacuum full "${table}"`);
  const byTable = await tableSizes(context.cluster.pool, TABLES);
  return { byTable, total: Object.values(byTable).reduce((a, b) => a + b, 0) };
}

function storage(before: Awaited<ReturnType<typeof sizes>>, after: Awaited<ReturnType<typeof sizes>>, beforeVacuum: Awaited<ReturnType<typeof sizes>>, operations: number, versions: number) {
  const delta = after.total - before.total;
  return {
    bytesBeforeVacuum: beforeVacuum.total - before.total,
    byTableBeforeVacuum: Object.fromEntries(TABLES.map((t) => [t, beforeVacuum.byTable[t] - before.byTable[t]])),
    operations,
    versions,
    bytes: delta,
    bytesPer1000Keystrokes: (delta / operations) * 1000,
    bytesPerVersion: versions ? delta / versions : Number.NaN,
    byTable: Object.fromEntries(TABLES.map((t) => [t, after.byTable[t] - before.byTable[t]])),
  };
}

async function timed(fn: () => Promise<Response>) {
  const started = performance.now();
  const response = await fn();
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

export async function versionsScenario(context: BenchContext): Promise<ScenarioResult> {
  // The bench process writes through the app's own library, so it needs the app's
  // configuration. Its connections commit asynchronously (synchronous_commit=off): the
  // replay compresses hours of typing into a minute, and waiting for thousands of disk
  // flushes would only slow it down; what is stored, and its size, is the same.
  process.env.DATABASE_URL = `${context.cluster.url}?options=${encodeURIComponent('-c synchronous_commit=off')}`;
  let persistence: Persistence;
  let ydoc: YdocLib;
  try {
    const [collabStorage, sectionWrites] = await Promise.all([import('../../../lib/collab/persistence'), import('../../../lib/sections/mutations')]);
    persistence = { ...collabStorage, commitLiveVersion: sectionWrites.commitLiveVersion } as unknown as Persistence;
    ydoc = (await import('../../../lib/sections/ydoc')) as unknown as YdocLib;
  } catch (error) {
    return { skipped: `the collaboration server's storage (lib/collab/persistence) is not there yet: ${(error as Error).message.split('\n')[0]}` };
  }
  const { data, app, cluster } = context;
  const [big, ...rest] = data.versions.sectionIds;
  const bigOps = context.quick ? 5_000 : 250_000;
  const smallOps = context.quick ? 1_000 : 20_000;
  const small = rest.slice(0, context.quick ? 5 : 50);
  const author = data.drafters[data.drafters.length - 1];

  await sleep(2000); // let the collaboration server finish storing the previous scenario's sessions
  const before = await sizes(context, true);
  let started = performance.now();
  const committed = new Map<string, string>();
  const bigRun = await replaySection(big, bigOps, 1, author.id, persistence, ydoc, committed);
  const bigSeconds = (performance.now() - started) / 1000;
  const afterBigRaw = await sizes(context, false);
  const afterBig = await sizes(context, true);
  context.log(`versions: ${bigOps} operations into one section → ${bigRun.versions} versions, ${bigRun.finalChars} characters, in ${bigSeconds.toFixed(0)} s`);

  started = performance.now();
  const smallRuns = [];
  // Four sections at a time: some replay while others wait for PostgreSQL.
  for (let i = 0; i < small.length; i += 4) {
    smallRuns.push(...(await Promise.all(small.slice(i, i + 4).map((id, j) => replaySection(id, smallOps, 100 + i + j, author.id, persistence, ydoc, committed)))));
  }
  const smallSeconds = (performance.now() - started) / 1000;
  const afterSmallRaw = await sizes(context, false);
  const afterSmall = await sizes(context, true);
  const smallVersions = smallRuns.reduce((sum, r) => sum + r.versions, 0);
  context.log(`versions: ${small.length} × ${smallOps} operations → ${smallVersions} versions in ${smallSeconds.toFixed(0)} s`);

  const oneSection = storage(before, afterBig, afterBigRaw, bigOps, bigRun.versions);
  const manySections = storage(afterBig, afterSmall, afterSmallRaw, smallOps * small.length, smallVersions);
  const worstPer1000 = Math.max(oneSection.bytesPer1000Keystrokes, manySections.bytesPer1000Keystrokes);

  // Viewable: versions sampled across the whole history of the big section, and restore.
  const { rows: stored } = await cluster.pool.query<{ id: string; text: string | null }>(
    `select id, text from "SectionVersion" where "sectionId" = $1 order by "createdAt", id`,
    [big],
  );
  // The text each version was committed with (versions from before the replay are whole in the table).
  const history = stored.map((row) => ({ id: row.id, text: committed.get(row.id) ?? row.text ?? '' }));
  const sample = Array.from(new Set(Array.from({ length: 20 }, (_, i) => Math.round((i * (history.length - 1)) / 19)))).map((i) => history[i]);
  const auth = { authorization: `Bearer ${data.drafters[0].token}` };
  let viewable: Record<string, unknown>;
  const probe = await fetch(`${app.baseUrl}/api/v1/versions/${sample[0].id}`, { headers: auth });
  if (!(await routeExists(probe))) viewable = { skipped: 'GET /api/v1/versions/{id} does not exist yet' };
  else {
    const views = [];
    let ok = 0;
    for (const version of sample) {
      const view = await timed(() => fetch(`${app.baseUrl}/api/v1/versions/${version.id}`, { headers: auth }));
      views.push(view.ms);
      const text = view.status === 200 ? (JSON.parse(view.body) as { text?: string; version?: { text?: string } }) : null;
      const served = text?.text ?? text?.version?.text;
      if (served !== undefined && createHash('sha256').update(served).digest('hex') === createHash('sha256').update(version.text).digest('hex')) ok++;
    }
    viewable = { sampled: sample.length, ok, p50Ms: percentile(views, 50), p95Ms: percentile(views, 95), ofVersions: history.length };
  }

  let restore: Record<string, unknown>;
  const restoreProbe = await fetch(`${app.baseUrl}/api/v1/sections/${small[0] ?? big}/restore`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ versionId: sample[0].id }),
  });
  if (!(await routeExists(restoreProbe))) restore = { skipped: 'POST /api/v1/sections/{id}/restore does not exist yet' };
  else {
    const targets = sample.slice(0, -1).filter((_, i) => i % 2 === 0).slice(0, context.quick ? 3 : 8);
    const times: number[] = [];
    const statuses: number[] = [];
    for (const version of targets) {
      const result = await timed(() => fetch(`${app.baseUrl}/api/v1/sections/${big}/restore`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ versionId: version.id }) }));
      times.push(result.ms);
      statuses.push(result.status);
    }
    const { rows: current } = await cluster.pool.query<{ text: string }>(`select v.text from "Section" s join "SectionVersion" v on v.id = s."currentVersionId" where s.id = $1`, [big]);
    restore = {
      restores: times.length,
      ok: statuses.filter((s) => s >= 200 && s < 300).length,
      statuses,
      medianMs: median(times),
      maxMs: Math.max(...times),
      lastRestoredTextMatches: current[0]?.text === targets[targets.length - 1]?.text,
      versionSizesChars: targets.map((t) => t.text.length),
    };
  }

  const restoreMs = 'medianMs' in restore ? (restore.medianMs as number) : null;
  const json = {
    bytesPer1000Keystrokes: worstPer1000,
    restoreMs,
    oneSection: { ...oneSection, finalChars: bigRun.finalChars, simulatedHours: bigRun.simulatedHours, replaySeconds: bigSeconds, snapshotAlternativeBytesPer1000Keystrokes: (bigRun.snapshotAlternativeBytes / bigOps) * 1000, deltaAlternativeBytesPer1000Keystrokes: (bigRun.deltaAlternativeBytes / bigOps) * 1000 },
    manySections: { ...manySections, sections: small.length, operationsEach: smallOps, replaySeconds: smallSeconds, snapshotAlternativeBytesPer1000Keystrokes: (smallRuns.reduce((sum, r) => sum + r.snapshotAlternativeBytes, 0) / (smallOps * small.length)) * 1000, deltaAlternativeBytesPer1000Keystrokes: (smallRuns.reduce((sum, r) => sum + r.deltaAlternativeBytes, 0) / (smallOps * small.length)) * 1000 },
    totalBytes: afterSmall.total - before.total,
    cadence: { quietMs: QUIET_MS, atLeastEveryMs: AT_LEAST_EVERY_MS, keystrokeMs: KEYSTROKE_MS },
    viewable,
    restore,
  };
  const kb = (bytes: number) => fmt(bytes / 1024, 1, ' KB');
  const rows: Row[] = [
    { scenario: '', measure: `${fmt(bigOps)} operations into one section: storage per 1,000 keystrokes`, value: `${kb(oneSection.bytesPer1000Keystrokes)} (${fmt(bigRun.versions)} versions, ${kb(oneSection.bytesPerVersion)} each; ${fmt(oneSection.bytes / 2 ** 20, 1, ' MB')} in all)`, target: '< 100 KB', met: oneSection.bytesPer1000Keystrokes < 100 * 1024 },
    { scenario: '', measure: `${small.length} sections × ${fmt(smallOps)} operations: storage per 1,000 keystrokes`, value: `${kb(manySections.bytesPer1000Keystrokes)} (${fmt(smallVersions)} versions, ${kb(manySections.bytesPerVersion)} each; ${fmt(manySections.bytes / 2 ** 20, 1, ' MB')} in all)`, target: '< 100 KB', met: manySections.bytesPer1000Keystrokes < 100 * 1024 },
    'skipped' in viewable
      ? { scenario: '', measure: 'versions viewable', value: `skipped: ${viewable.skipped as string}`, met: null }
      : { scenario: '', measure: 'versions viewable (sampled across the history)', value: `${viewable.ok as number} of ${viewable.sampled as number} (p95 ${fmt(viewable.p95Ms as number, 0, ' ms')})`, target: 'all', met: viewable.ok === viewable.sampled },
    'skipped' in restore
      ? { scenario: '', measure: 'restore', value: `skipped: ${restore.skipped as string}`, met: null }
      : { scenario: '', measure: 'restore an old version (median)', value: `${fmt(restoreMs, 0, ' ms')} (${restore.ok as number} of ${restore.restores as number} ok, max ${fmt(restore.maxMs as number, 0, ' ms')})`, target: '< 500 ms', met: restoreMs !== null && restoreMs < 500 && restore.ok === restore.restores },
  ];
  return { json, rows };
}
