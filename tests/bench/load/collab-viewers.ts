/**
 * The read-only viewers of the co-editing scenario, in a process of their own so that
 * applying every editor's keystrokes in 100 more documents does not delay the editors'
 * process, where propagation is measured. Viewers connect with members' tokens (the server
 * makes them read-only), receive everything, and at the end report how long after the
 * last keystroke all of them held the editors' final document.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { childMain } from '../support/child';

export type ViewersConfig = { url: string; document: string; tokens: string[] };
export type ViewersResult = { viewers: number; convergedMs: number | null; distinctDocuments: number; updatesReceived: number; cpuCores: number };

const hashOf = (doc: Y.Doc) => createHash('sha1').update(doc.getXmlFragment('default').toString()).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

childMain<ViewersConfig, ViewersResult>(async (config, events) => {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let updatesReceived = 0;
  const clients: { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; doc: Y.Doc }[] = [];
  const failures: string[] = [];
  for (let i = 0; i < config.tokens.length; i += 10) {
    clients.push(
      ...(await Promise.all(
        config.tokens.slice(i, i + 10).map(
          (token) =>
            new Promise<(typeof clients)[number]>((resolve, reject) => {
              const doc = new Y.Doc();
              doc.on('update', () => updatesReceived++);
              const socket = new HocuspocusProviderWebsocket({ url: config.url, WebSocketPolyfill: WebSocket, maxAttempts: 3 });
              const timer = setTimeout(() => reject(new Error('a viewer did not sync within 30 s')), 30_000);
              const provider = new HocuspocusProvider({
                websocketProvider: socket,
                name: config.document,
                document: doc,
                token,
                onAuthenticationFailed: ({ reason }) => (failures.push(reason), reject(new Error(`authentication failed: ${reason}`))),
                onSynced: () => (clearTimeout(timer), resolve({ provider, socket, doc })),
              });
              provider.attach();
              provider.setAwarenessField('user', { name: 'Viewer', color: '#0b7285' });
            }),
        ),
      )),
    );
  }
  events.send({ type: 'ready' });

  // Told the editors' final document and when the last keystroke was typed (epoch ms, the same clock).
  const expected = await new Promise<{ hash: string; lastKeystrokeEpochMs: number; deadlineMs: number }>((resolve) =>
    events.on((message) => message.type === 'expect' && resolve(message as unknown as { hash: string; lastKeystrokeEpochMs: number; deadlineMs: number })),
  );
  let convergedMs: number | null = null;
  const deadline = expected.lastKeystrokeEpochMs + expected.deadlineMs;
  while (Date.now() < deadline) {
    if (clients.every((client) => hashOf(client.doc) === expected.hash)) {
      convergedMs = Date.now() - expected.lastKeystrokeEpochMs;
      break;
    }
    await sleep(25);
  }
  const distinct = new Set(clients.map((client) => hashOf(client.doc))).size;
  const used = process.cpuUsage(cpu);
  for (const client of clients) {
    client.provider.destroy();
    client.socket.destroy();
  }
  return { viewers: clients.length, convergedMs, distinctDocuments: distinct, updatesReceived, cpuCores: (used.user + used.system) / 1e3 / (performance.now() - wall) };
});
