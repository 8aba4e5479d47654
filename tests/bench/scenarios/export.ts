/**
 * Scenario 3: exporting a response of 50 sections with 10,000 comments, 2,000 suggestions,
 * 500 case studies and 20 versions per section, as txt, docx and json
 * (GET /api/v1/responses/{slug}/export?format=...), as its coordinator.
 *
 * For each format: seconds per export (median after a warm-up), the web server's extra
 * resident memory while exporting (peak minus idle, from /proc, worst run), identical
 * bytes on every run (SHA-256), every item present (counted in the export itself), and how
 * much slower posting comments gets while exports run back to back.
 */
import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { routeExists, sleep, type BenchContext } from '../support/context';
import { fmt, type Row, type ScenarioResult } from '../support/report';
import { rssBytes, sampleUsage } from '../support/proc';
import { median } from '../support/stats';
import { postComments, posters, probeComments } from './comments';

const FORMATS = ['txt', 'docx', 'json'] as const;
type Format = (typeof FORMATS)[number];

async function exportOnce(context: BenchContext, format: Format): Promise<{ status: number; bytes: Buffer; seconds: number; type: string }> {
  const started = performance.now();
  const response = await fetch(`${context.app.baseUrl}/api/v1/responses/${context.data.export.slug}/export?format=${format}`, {
    headers: { authorization: `Bearer ${context.data.coordinator.token}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, seconds: (performance.now() - started) / 1000, type: response.headers.get('content-type') ?? '' };
}

/** Counts distinct items in a JSON archive: objects inside arrays under the given keys, by id where they have one. */
function countJsonItems(archive: unknown, keys: string[]): number {
  const ids = new Set<string>();
  let anonymous = 0;
  const walk = (value: unknown, key: string | null) => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (key && keys.includes(key) && item && typeof item === 'object' && !Array.isArray(item)) {
          const id = (item as { id?: unknown }).id;
          if (typeof id === 'string') ids.add(id);
          else anonymous++;
        }
        walk(item, null);
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(archive, null);
  return ids.size + anonymous;
}

/** How many sections' heading and every paragraph appear, in order, in a text rendering. */
function sectionsComplete(text: string, sections: { heading: string; text: string }[]): number {
  const normalised = text.replace(/\s+/g, ' ');
  let at = 0;
  let complete = 0;
  for (const section of sections) {
    const headingAt = normalised.indexOf(section.heading, at);
    if (headingAt === -1) continue;
    let cursor = headingAt + section.heading.length;
    let whole = true;
    for (const block of section.text.split('\n\n')) {
      const found = normalised.indexOf(block.replace(/\s+/g, ' '), cursor);
      if (found === -1) {
        whole = false;
        break;
      }
      cursor = found + block.length;
    }
    if (whole) {
      complete++;
      at = cursor;
    }
  }
  return complete;
}

async function completeness(context: BenchContext, format: Format, bytes: Buffer) {
  const expected = context.data.export;
  if (format === 'json') {
    const archive = JSON.parse(bytes.toString('utf8')) as unknown;
    const found = {
      sections: countJsonItems(archive, ['sections']),
      versions: countJsonItems(archive, ['versions', 'sectionVersions']),
      comments: countJsonItems(archive, ['comments', 'replies']),
      suggestions: countJsonItems(archive, ['suggestions']),
      caseStudies: countJsonItems(archive, ['caseStudies']),
      agreements: countJsonItems(archive, ['agreements']),
      dispositions: countJsonItems(archive, ['dispositions']),
    };
    const wanted = { sections: expected.counts.sections, versions: expected.counts.versions, comments: expected.counts.comments, suggestions: expected.counts.suggestions, caseStudies: expected.counts.caseStudies, agreements: expected.counts.agreements, dispositions: expected.counts.dispositions };
    const missing = Object.entries(wanted).filter(([key, n]) => found[key as keyof typeof found] < n).map(([key, n]) => `${key} ${found[key as keyof typeof found]}/${n}`);
    return { found, expected: wanted, complete: missing.length === 0, missing };
  }
  const text = format === 'txt' ? bytes.toString('utf8') : (await mammoth.extractRawText({ buffer: bytes })).value;
  const complete = sectionsComplete(text, expected.sections);
  return { found: { sections: complete }, expected: { sections: expected.sections.length }, complete: complete === expected.sections.length, missing: complete === expected.sections.length ? [] : [`sections ${complete}/${expected.sections.length}`] };
}

export async function exportScenario(context: BenchContext): Promise<ScenarioResult> {
  const probe = await fetch(`${context.app.baseUrl}/api/v1/responses/${context.data.export.slug}/export?format=txt`, { headers: { authorization: `Bearer ${context.data.coordinator.token}` } });
  if (!(await routeExists(probe))) return { skipped: 'GET /api/v1/responses/{slug}/export does not exist yet' };

  const runs = context.quick ? 2 : 3;
  const json: Record<string, unknown> = { runs, counts: context.data.export.counts };
  const rows: Row[] = [];
  for (const format of FORMATS) {
    const warm = await exportOnce(context, format);
    if (warm.status !== 200) {
      json[format] = { skipped: `answered ${warm.status}: ${warm.bytes.toString('utf8').slice(0, 160)}` };
      rows.push({ scenario: '', measure: `${format}`, value: `skipped: answered ${warm.status}`, met: null });
      continue;
    }
    const seconds: number[] = [];
    const extra: number[] = [];
    const hashes = new Set<string>();
    let last = warm;
    for (let r = 0; r < runs; r++) {
      await sleep(500); // let the server settle before taking its idle memory
      const idle = context.app.webPids().reduce((sum, pid) => sum + rssBytes(pid), 0);
      const sampler = sampleUsage(() => context.app.webPids(), 25);
      last = await exportOnce(context, format);
      const usage = sampler.stop();
      seconds.push(last.seconds);
      extra.push(Math.max(0, usage.peakRssBytes - idle));
      hashes.add(createHash('sha256').update(last.bytes).digest('hex'));
    }
    const items = await completeness(context, format, last.bytes);
    const figures = { seconds: median(seconds), extraMB: Math.max(...extra) / 2 ** 20, bytes: last.bytes.length, identical: hashes.size === 1, distinctOutputs: hashes.size, items };
    json[format] = figures;
    context.log(`export ${format}: ${figures.seconds.toFixed(2)} s, +${figures.extraMB.toFixed(0)} MB, ${figures.bytes} bytes, identical ${figures.identical}, complete ${items.complete} ${items.missing.join(', ')}`);
    rows.push(
      { scenario: '', measure: `${format}: seconds`, value: fmt(figures.seconds, 2, ' s'), target: '< 5 s', met: figures.seconds < 5 },
      { scenario: '', measure: `${format}: extra memory (worst run)`, value: fmt(figures.extraMB, 0, ' MB'), target: '≤ 256 MB', met: figures.extraMB <= 256 },
      { scenario: '', measure: `${format}: identical bytes; every item present`, value: `${figures.identical ? 'yes' : `no (${hashes.size} outputs)`}; ${items.complete ? 'yes' : items.missing.join(', ')}`, target: 'yes; yes', met: figures.identical && items.complete },
    );
  }

  // Comment posting while exports run back to back, against posting alone.
  const comments = await probeComments(context);
  if ('skipped' in comments) {
    json.postingDuringExport = { skipped: comments.skipped };
    rows.push({ scenario: '', measure: 'comment posting during exports', value: `skipped: ${comments.skipped}`, met: null });
  } else {
    const tokens = posters(context).chorus.map((p) => p.token);
    const connections = 10;
    const warm = await postComments(context, { baseUrl: context.app.baseUrl, connections, durationSeconds: context.quick ? 1 : 2, tokens });
    const amount = Math.max(30, Math.round(warm.throughput * (context.quick ? 2 : 6)));
    const alone = [];
    const during = [];
    let exportsDuring = 0;
    for (let r = 0; r < (context.quick ? 1 : runs); r++) {
      alone.push(await postComments(context, { baseUrl: context.app.baseUrl, connections, amount, tokens }));
      let exporting = true;
      const loop = (async () => {
        for (let i = 0; exporting; i++) {
          await exportOnce(context, FORMATS[i % FORMATS.length]);
          exportsDuring++;
        }
      })();
      await sleep(200);
      during.push(await postComments(context, { baseUrl: context.app.baseUrl, connections, amount, tokens }));
      exporting = false;
      await loop;
    }
    const p50Alone = median(alone.map((f) => f.p50Ms));
    const p50During = median(during.map((f) => f.p50Ms));
    const p95Alone = median(alone.map((f) => f.p95Ms));
    const p95During = median(during.map((f) => f.p95Ms));
    const slowdown = p50During / p50Alone;
    json.postingDuringExport = {
      connections,
      p50MsAlone: p50Alone,
      p50MsDuring: p50During,
      p95MsAlone: p95Alone,
      p95MsDuring: p95During,
      slowdown,
      p95Slowdown: p95During / p95Alone,
      throughputAlone: median(alone.map((f) => f.throughput)),
      throughputDuring: median(during.map((f) => f.throughput)),
      errorsDuring: during.reduce((sum, f) => sum + f.errors + f.non2xx + f.timeouts, 0),
      exportsDuring,
    };
    context.log(`posting during exports: p50 ${p50Alone.toFixed(0)} → ${p50During.toFixed(0)} ms, p95 ${p95Alone.toFixed(0)} → ${p95During.toFixed(0)} ms`);
    rows.push({ scenario: '', measure: 'comment posting during exports (median latency)', value: `${fmt(p50During, 0, ' ms')} (p95 ${fmt(p95During, 0, ' ms')})`, baseline: `${fmt(p50Alone, 0, ' ms')} alone (p95 ${fmt(p95Alone, 0, ' ms')})`, ratio: fmt(slowdown, 2), target: '≤ 2 × slower', met: slowdown <= 2 });
  }
  return { json, rows };
}
