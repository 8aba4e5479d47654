/**
 * Live collaboration in tests: a real collaboration server on a free port, and Node
 * clients (@hocuspocus/provider over `ws`) that join a section's live document the way
 * the editor and programs do.
 */
import net from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createCollabServer, type CollabServerOptions } from '@/lib/collab/hocuspocus';
import { COLLAB_FIELD, contentFromYDoc } from '@/lib/sections/ydoc';
import { db } from '@/lib/db';
import { collabDocumentName } from '@/lib/sections/collab-info';
import { readLiveDoc } from '@/lib/sections/live-state';
import { textFromDoc } from '@/lib/sections/content';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The section's live text as stored in PostgreSQL (compacted state plus update log), or null when it has none. */
export async function storedLiveText(sectionId: string): Promise<string | null> {
  const stored = await readLiveDoc(db(), sectionId);
  return stored ? textFromDoc(contentFromYDoc(stored.doc)) : null;
}

/** Fast timings so tests do not wait seconds for versions. */
export const TEST_TIMINGS = { quietMs: 300, maxBurstMs: 3000, storeDebounceMs: 100, storeMaxDebounceMs: 400 } as const;

export async function startCollab(port: number, options: Partial<CollabServerOptions> = {}) {
  const collab = createCollabServer({ port, ...TEST_TIMINGS, ...options });
  await collab.listen();
  return collab;
}

export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export type TestClient = ReturnType<typeof connectClient>;

/** A client joined to a section's live document. */
export function connectClient(port: number, sectionId: string, token: string, options: { document?: Y.Doc; name?: string } = {}) {
  const ydoc = options.document ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket, delay: 50, minDelay: 50, maxDelay: 300, jitter: false });
  const notices: { code: string; message: string }[] = [];
  const closes: { code?: number; reason?: string }[] = [];
  let authenticated: string | null = null;
  let denied: string | null = null;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.name ?? collabDocumentName(sectionId),
    token,
    document: ydoc,
    onAuthenticated: ({ scope }) => (authenticated = scope),
    onAuthenticationFailed: ({ reason }) => (denied = reason),
    onStateless: ({ payload }) => notices.push(JSON.parse(payload)),
    onClose: ({ event }) => closes.push({ code: event.code, reason: event.reason }),
  });
  provider.attach();
  const fragment = ydoc.getXmlFragment(COLLAB_FIELD);
  return {
    provider,
    socket,
    ydoc,
    notices,
    closes,
    get scope() {
      return authenticated;
    },
    get denied() {
      return denied;
    },
    text: () => textFromDoc(contentFromYDoc(ydoc)),
    synced: () => waitFor(() => provider.isSynced, `${sectionId} to sync`),
    /** True once the server acknowledged every change this client made. */
    acknowledged: () => waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, 'changes to be acknowledged'),
    /** Types `text` at `offset` of the `block`-th top-level block (a paragraph). */
    type(block: number, offset: number, text: string, attributes?: Record<string, unknown>) {
      const paragraph = fragment.get(block) as Y.XmlElement;
      let textNode = paragraph.get(0) as Y.XmlText | undefined;
      if (!textNode) {
        textNode = new Y.XmlText();
        paragraph.insert(0, [textNode]);
      }
      textNode.insert(offset, text, attributes);
    },
    async close() {
      provider.destroy();
      socket.destroy();
    },
  };
}
