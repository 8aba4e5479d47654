/**
 * Co-editing load, in its own process: `editors` Node clients (@hocuspocus/provider over
 * `ws`, one WebSocket each, as browsers have) on one section's live document, plus
 * `viewers` read-only clients.
 *
 * Each editor adds its own paragraph ("E12: ") and types into it at `charsPerSecond`, one
 * character per keystroke; what it types is a stream of timestamps (base-36 milliseconds),
 * so the text itself says when it was written. The process keeps the send time of every
 * character; all clients share this process's clock, so the time from a keystroke to each
 * other editor having it is exact. Reported: per keystroke, the time until the LAST other
 * editor had it (the target's "every other editor"), and per (keystroke, receiver) pair.
 *
 * After the last keystroke: the time until every client holds the same document with no
 * character lost, then the same check for the server (a fresh client's first sync) and for
 * the state stored in PostgreSQL (SectionDocument.state, loaded into a fresh Y.Doc).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { childMain } from '../support/child';
import { Histogram } from '../support/stats';

export type CollabConfig = {
  url: string;
  document: string;
  sectionId: string;
  databaseUrl: string;
  editorTokens: string[];
  viewerTokens: string[];
  /** A token for the fresh client that reads the server's copy at the end. */
  checkToken: string;
  typingSeconds: number;
  /** Keystrokes sent in the first seconds are typed but not measured. */
  warmupSeconds: number;
  charsPerSecond: number;
  convergeWithinMs: number;
};

export type CollabResult = {
  editors: number;
  viewers: number;
  connectSeconds: number;
  keystrokes: number;
  measuredKeystrokes: number;
  charsPerSecondPerEditor: number;
  /** Per keystroke: until every other editor had it. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Per (keystroke, receiving editor). */
  pairP95Ms: number;
  viewerP95Ms: number;
  /** Keystrokes that never reached every other editor. */
  undelivered: number;
  lostChars: number;
  clientsConvergedMs: number | null;
  serverConvergedMs: number | null;
  databaseConvergedMs: number | null;
  converged: boolean;
  databaseNote?: string;
  clientCpuCores: number;
  /** The load generator's own CPU use and event-loop delay while the editors type: if it is saturated, the latencies are partly its own. */
  typingClientCpuCores: number;
  clientEventLoopP99Ms: number;
};

const FIELD = 'default';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Client = { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; doc: Y.Doc; fragment: Y.XmlFragment; editor: number | null };

function connect(config: CollabConfig, token: string, editor: number | null, onFailure: (reason: string) => void): Promise<Client> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: config.url, WebSocketPolyfill: WebSocket, maxAttempts: 3 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${editor ?? 'viewer'} did not sync within 30 s`)), 30_000);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: config.document,
      document: doc,
      token,
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        onFailure(reason);
        reject(new Error(`authentication failed: ${reason}`));
      },
      onSynced: () => {
        clearTimeout(timer);
        resolve({ provider, socket, doc, fragment: doc.getXmlFragment(FIELD), editor });
      },
    });
    provider.attach();
    provider.setAwarenessField('user', { name: editor === null ? 'Viewer' : `Editor ${editor}`, color: '#0b7285' });
  });
}

const tagOf = (editor: number) => `E${editor}: `;

/** The XmlText of each editor's paragraph in a client's copy, found by its tag. */
function editorTexts(fragment: Y.XmlFragment): Map<number, Y.XmlText> {
  const found = new Map<number, Y.XmlText>();
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const text = child.get(0);
    if (!(text instanceof Y.XmlText)) continue;
    const match = /^E(\d+): /.exec(text.toString());
    if (match) found.set(Number(match[1]), text);
  }
  return found;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

childMain<CollabConfig, CollabResult>(async (config, events) => {
  const failures: string[] = [];
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();

  const connectStarted = performance.now();
  const editors: Client[] = [];
  const viewers: Client[] = [];
  // Connect in small batches, as people arrive, not all in one instant.
  for (let i = 0; i < config.editorTokens.length; i += 10) {
    editors.push(...(await Promise.all(config.editorTokens.slice(i, i + 10).map((token, j) => connect(config, token, i + j, (r) => failures.push(r))))));
  }
  for (let i = 0; i < config.viewerTokens.length; i += 10) {
    viewers.push(...(await Promise.all(config.viewerTokens.slice(i, i + 10).map((token) => connect(config, token, null, (r) => failures.push(r))))));
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const n = editors.length;

  // Each editor adds its paragraph; wait until every client has all of them.
  for (const client of editors) {
    client.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, tagOf(client.editor!));
      paragraph.insert(0, [text]);
      client.fragment.insert(client.fragment.length, [paragraph]);
    });
  }
  const everyone = [...editors, ...viewers];
  const setupDeadline = performance.now() + 30_000;
  while (everyone.some((client) => editorTexts(client.fragment).size < n)) {
    if (performance.now() > setupDeadline) throw new Error('the editors\' paragraphs did not reach every client within 30 s');
    await sleep(100);
  }

  // Receiving: one observer per (client, editor paragraph).
  const maxChars = Math.ceil(config.typingSeconds * config.charsPerSecond * 1.5) + 50;
  const sendTimes = Array.from({ length: n }, () => new Float64Array(maxChars));
  const typed = Array.from({ length: n }, () => 0);
  const received = Array.from({ length: n }, () => new Uint16Array(maxChars)); // how many other editors have char i
  const lastArrival = Array.from({ length: n }, () => new Float64Array(maxChars));
  const perKeystroke = new Histogram();
  const pairs = new Histogram();
  const viewerPairs = new Histogram();
  let measureFrom = Number.POSITIVE_INFINITY;
  for (const client of everyone) {
    const texts = editorTexts(client.fragment);
    for (const [editor, text] of texts) {
      if (editor === client.editor) continue;
      const prefix = tagOf(editor).length;
      let seen = 0;
      text.observe(() => {
        const now = performance.now();
        const length = text.length - prefix;
        for (; seen < length && seen < maxChars; seen++) {
          const sent = sendTimes[editor][seen];
          if (!sent || sent < measureFrom) continue;
          const latency = now - sent;
          if (client.editor === null) {
            viewerPairs.record(latency);
            continue;
          }
          pairs.record(latency);
          lastArrival[editor][seen] = Math.max(lastArrival[editor][seen], now);
          if (++received[editor][seen] === n - 1) perKeystroke.record(lastArrival[editor][seen] - sent);
        }
      });
    }
  }

  // Typing: one keystroke every 1/charsPerSecond seconds per editor, with a random phase.
  const ownTexts = editors.map((client) => editorTexts(client.fragment).get(client.editor!)!);
  const streams = editors.map(() => '');
  const typedText = editors.map((client) => tagOf(client.editor!));
  const interval = 1000 / config.charsPerSecond;
  events.send({ type: 'typing-start' });
  const typingCpu = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const typingStarted = performance.now();
  measureFrom = typingStarted + config.warmupSeconds * 1000;
  const stopAt = typingStarted + config.typingSeconds * 1000;
  await Promise.all(
    editors.map(async (client, k) => {
      await sleep(Math.random() * interval);
      let next = performance.now();
      while (performance.now() < stopAt && typed[k] < maxChars) {
        if (!streams[k]) streams[k] = `${Date.now().toString(36)} `;
        const char = streams[k][0];
        streams[k] = streams[k].slice(1);
        sendTimes[k][typed[k]] = performance.now();
        typed[k]++;
        typedText[k] += char;
        ownTexts[k].insert(ownTexts[k].length, char);
        next += interval;
        await sleep(Math.max(0, next - performance.now()));
      }
    }),
  );
  const lastKeystroke = performance.now();
  loopDelay.disable();
  const typingCpuUsed = process.cpuUsage(typingCpu);
  events.send({ type: 'typing-end' });

  // Convergence: every client the same, nothing lost.
  const lostIn = (fragment: Y.XmlFragment) => {
    const texts = editorTexts(fragment);
    let lost = 0;
    typedText.forEach((expected, k) => {
      const actual = texts.get(editors[k].editor!)?.toString() ?? '';
      lost += expected.length - commonPrefix(expected, actual);
    });
    return lost;
  };
  const reference = () => editors[0].fragment.toString();
  const lastKeystrokeEpochMs = Date.now() - (performance.now() - lastKeystroke);
  let clientsConvergedMs: number | null = null;
  const convergeDeadline = lastKeystroke + Math.max(config.convergeWithinMs, 10_000);
  while (performance.now() < convergeDeadline) {
    const ref = reference();
    if (lostIn(editors[0].fragment) === 0 && everyone.every((client) => client.fragment.toString() === ref)) {
      clientsConvergedMs = performance.now() - lastKeystroke;
      break;
    }
    await sleep(25);
  }
  const lostChars = Math.max(...everyone.map((client) => lostIn(client.fragment)));
  const expected = reference();
  // Viewers in their own process check themselves against the same document.
  events.send({ type: 'editors-converged', hash: createHash('sha1').update(expected).digest('hex'), lastKeystrokeEpochMs });

  // The server's copy: what a fresh client receives on its first sync.
  let serverConvergedMs: number | null = null;
  while (performance.now() < convergeDeadline) {
    const fresh = await connect(config, config.checkToken, null, (r) => failures.push(r));
    const same = fresh.fragment.toString() === expected;
    fresh.provider.destroy();
    fresh.socket.destroy();
    if (same) {
      serverConvergedMs = performance.now() - lastKeystroke;
      break;
    }
    await sleep(100);
  }

  // The database's copy.
  let databaseConvergedMs: number | null = null;
  let databaseNote: string | undefined;
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const dbDeadline = lastKeystroke + 15_000;
    while (performance.now() < dbDeadline) {
      const { rows } = await client.query<{ state: Buffer }>('select state from "SectionDocument" where "sectionId" = $1', [config.sectionId]);
      if (rows[0]) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, new Uint8Array(rows[0].state));
        const same = doc.getXmlFragment(FIELD).toString() === expected;
        doc.destroy();
        if (same) {
          databaseConvergedMs = performance.now() - lastKeystroke;
          break;
        }
        databaseNote = 'stored state differs from the clients\' document';
      } else databaseNote = 'no SectionDocument row for the section';
      await sleep(100);
    }
    if (databaseConvergedMs !== null) databaseNote = undefined;
  } finally {
    await client.end();
  }

  const cpu = process.cpuUsage(cpuStart);
  const wall = (performance.now() - wallStart) / 1000;
  for (const c of everyone) {
    c.provider.destroy();
    c.socket.destroy();
  }
  const keystrokes = typed.reduce((a, b) => a + b, 0);
  let measured = 0;
  let undelivered = 0;
  sendTimes.forEach((times, k) => {
    for (let i = 0; i < typed[k]; i++) {
      if (times[i] < measureFrom) continue;
      measured++;
      if (received[k][i] < n - 1) undelivered++;
    }
  });
  const within = (ms: number | null) => ms !== null && ms <= config.convergeWithinMs;
  if (failures.length) throw new Error(`authentication failures: ${[...new Set(failures)].join('; ')}`);
  return {
    editors: n,
    viewers: viewers.length,
    connectSeconds,
    keystrokes,
    measuredKeystrokes: measured,
    charsPerSecondPerEditor: keystrokes / n / ((lastKeystroke - typingStarted) / 1000),
    p50Ms: perKeystroke.percentile(50),
    p95Ms: perKeystroke.percentile(95),
    p99Ms: perKeystroke.percentile(99),
    maxMs: perKeystroke.max,
    pairP95Ms: pairs.percentile(95),
    viewerP95Ms: viewerPairs.percentile(95),
    undelivered,
    lostChars,
    clientsConvergedMs,
    serverConvergedMs,
    databaseConvergedMs,
    converged: lostChars === 0 && within(clientsConvergedMs) && within(serverConvergedMs) && within(databaseConvergedMs),
    databaseNote,
    clientCpuCores: (cpu.user + cpu.system) / 1e6 / wall,
    typingClientCpuCores: (typingCpuUsed.user + typingCpuUsed.system) / 1e3 / (lastKeystroke - typingStarted),
    clientEventLoopP99Ms: loopDelay.percentile(99) / 1e6,
  };
});
