/**
 * The collaboration server: Hocuspocus with Chorus's rules. One Yjs document per section,
 * named "section:<id>", content in the XML fragment "default". The process holding a
 * section's live document is the only one that applies changes to it; everything else
 * reaches it through PostgreSQL (and Redis, when several processes share documents).
 *
 * - Authentication: the provider's token (see lib/collab/tokens.ts); any other document
 *   name, or a section that does not exist, is refused.
 * - Members (and everyone, once a response is final) connect read-only: Hocuspocus drops
 *   their document updates on the server and answers them as not applied. Access is
 *   checked again whenever it changes (lib/collab/access-watch.ts).
 * - Every update from a writer is checked and repaired before others see it
 *   (lib/collab/guard.ts); a malformed one closes that connection only. A connection
 *   sending changes faster than anyone types is closed with a notice.
 * - Durable to the keystroke: every change is appended to the section's update log before
 *   it is acknowledged (lib/collab/update-log.ts); the log is folded into SectionDocument
 *   in the background (debounced, and when the last person leaves). Versions are stored
 *   from quiet spells (lib/collab/live-sections.ts).
 * - Server-side changes (accepting a suggestion, restoring a version) arrive through the
 *   update log and a database notification (lib/collab/log-follower.ts).
 * - With REDIS_URL, several processes hold the same documents and keep them in step through
 *   Redis (@hocuspocus/extension-redis).
 * - Awareness (presence) is stamped with the authenticated person's name and colour, so
 *   nobody can appear as someone else, and published for the web app (presence-board.ts).
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Server, type Connection, type Extension } from '@hocuspocus/server';
import IORedis from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ACCESS_CHANNEL } from '@/lib/auth/access-changes';
import { AccessWatch, sendNotice, type CollabContext } from '@/lib/collab/access-watch';
import { applyGuardedUpdate, upperBoundOfAddedCharacters } from '@/lib/collab/guard';
import { LiveSections, type LiveTimings } from '@/lib/collab/live-sections';
import { isStoredElsewhere, LogFollower } from '@/lib/collab/log-follower';
import { NotificationListener } from '@/lib/collab/notifications';
import { loadSectionState, storeSectionState } from '@/lib/collab/persistence';
import { PresenceBoard } from '@/lib/collab/presence-board';
import { colourFor, displayName } from '@/lib/collab/presence';
import { authenticateCollabToken } from '@/lib/collab/tokens';
import { UpdateLog } from '@/lib/collab/update-log';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { sectionIdFromDocumentName } from '@/lib/sections/collab-info';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';
import { SECTION_UPDATES_CHANNEL } from '@/lib/sections/live-state';
import { mayEditSectionText } from '@/lib/sections/policy';

export type { CollabContext };

export type CollabServerOptions = Partial<LiveTimings> & {
  port: number;
  /** Fold the update log into the stored state this long after the last change, and at least this often while typing. */
  storeDebounceMs?: number;
  storeMaxDebounceMs?: number;
  /** Close connections that sent nothing for this long (the provider pings every 30 s). */
  timeoutMs?: number;
  /** Redis shared with other collaboration processes (default: REDIS_URL; none: this process alone). */
  redisUrl?: string | null;
  /** Re-check every open connection's access this often (announcements make it immediate; this catches up). */
  accessSweepMs?: number;
  /** Document updates one connection may send: a burst of this many, refilled at `perSecond`. */
  updateRate?: { burst: number; perSecond: number };
};

/** A refusal that closes only the offending document connection, with a reason the client sees. */
class ConnectionRefusal extends Error {
  constructor(readonly code: number, readonly reason: string) {
    super(reason);
  }
}

// Hocuspocus message types (see @hocuspocus/server types.ts) and y-protocols sync steps.
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update carried by a sync message, or null for any other message. Throws on garbage. */
function documentUpdateOf(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/** Closes every WebSocket with 1012 ("service restart"); clients reconnect with backoff. */
function closeSockets(server: Server<CollabContext>) {
  const adapter = (server as unknown as { crossws?: { closeAll?: (code: number, reason: string, force?: boolean) => void } }).crossws;
  adapter?.closeAll?.(1012, 'The collaboration server is restarting');
  server.httpServer.closeAllConnections();
}

type Bucket = { tokens: number; at: number };

/** Takes one token from the connection's bucket; false when it is empty. */
function takeToken(buckets: WeakMap<Connection, Bucket>, connection: Connection, rate: { burst: number; perSecond: number }): boolean {
  const now = Date.now();
  const bucket = buckets.get(connection) ?? { tokens: rate.burst, at: now };
  bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
  bucket.at = now;
  buckets.set(connection, bucket);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

function redisExtension(url: string, identifier: string): Extension {
  return new RedisExtension({ identifier, prefix: 'chorus', createClient: () => new IORedis(url, { maxRetriesPerRequest: 3 }) }) as unknown as Extension;
}

export function createCollabServer(options: CollabServerOptions) {
  const nodeId = `collab-${randomUUID()}`;
  const redisUrl = options.redisUrl === undefined ? env().REDIS_URL : options.redisUrl;
  const updateRate = options.updateRate ?? { burst: 400, perSecond: 100 };
  const buckets = new WeakMap<Connection, Bucket>();
  const log = new UpdateLog();
  const follower = new LogFollower(() => server.hocuspocus);
  const live = new LiveSections(
    () => server.hocuspocus,
    { quietMs: options.quietMs ?? 2500, maxBurstMs: options.maxBurstMs ?? 60_000 },
    (sectionId, document) => follower.resync(sectionId, document),
  );
  const access = new AccessWatch(() => server.hocuspocus, live);
  const presence = new PresenceBoard(nodeId, () => server.hocuspocus);
  const listener = new NotificationListener(
    { [SECTION_UPDATES_CHANNEL]: (payload) => void follower.notified(payload), [ACCESS_CHANNEL]: (payload) => void access.notified(payload) },
    () => {
      void follower.resyncAll();
      void access.sweep();
    },
  );
  let sweepTimer: NodeJS.Timeout | undefined;

  const server: Server<CollabContext> = new Server<CollabContext>({
    name: nodeId,
    port: options.port,
    quiet: true,
    stopOnSignals: false,
    timeout: options.timeoutMs ?? 60_000,
    debounce: options.storeDebounceMs ?? 1000,
    maxDebounce: options.storeMaxDebounceMs ?? 4000,
    // A 200,000-character paste is well under this; anything bigger is not editing.
    websocketOptions: { maxPayload: 8 * 1024 * 1024 },
    extensions: redisUrl ? [redisExtension(redisUrl, nodeId)] : [],

    async onAuthenticate({ token, documentName, connectionConfig }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (!sectionId) throw new ConnectionRefusal(4404, 'Unknown document: documents are named section:<id>');
      const caller = await authenticateCollabToken(token);
      if (!caller) throw new ConnectionRefusal(4401, 'Sign in again: the token is missing, expired or revoked');
      const section = await db().section.findUnique({ where: { id: sectionId }, select: { response: { select: { phase: true } } } });
      if (!section) throw new ConnectionRefusal(4404, 'That section does not exist');
      const readOnly = !mayEditSectionText(caller, section.response.phase);
      connectionConfig.readOnly = readOnly;
      return { user: { id: caller.id, name: displayName(caller.name), role: caller.role }, token, readOnly } satisfies CollabContext;
    },

    async onLoadDocument({ documentName, document }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (!sectionId) throw new ConnectionRefusal(4404, 'Unknown document');
      const state = await loadSectionState(sectionId);
      if (!state) throw new ConnectionRefusal(4404, 'That section does not exist');
      Y.applyUpdate(document, state);
      live.loaded(documentName, document);
      // Every change made here from now on (by a writer, a repair, a freeze) goes to the
      // update log; changes read back from storage or relayed by another process are
      // already stored.
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (isStoredElsewhere(origin)) return;
        const author = (origin as { connection?: Connection } | null)?.connection?.context as CollabContext | undefined;
        log.append({ sectionId, update, authorId: author?.user?.id ?? null });
      });
    },

    async onStoreDocument({ documentName, document }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (!sectionId) return;
      await log.flush();
      await storeSectionState(sectionId, document);
    },

    async beforeHandleMessage({ connection, document, documentName, update: message }) {
      if (connection.readOnly) return;
      let update: Uint8Array | null;
      let added: number;
      try {
        update = documentUpdateOf(message);
        if (!update) return;
        added = upperBoundOfAddedCharacters(update);
      } catch {
        throw new ConnectionRefusal(4400, 'Malformed message: not a Yjs document update');
      }
      if (!takeToken(buckets, connection, updateRate)) {
        sendNotice(connection, 'too-fast', 'Changes arrived faster than anyone can type, so this connection was closed; reload the page to carry on.');
        throw new ConnectionRefusal(4429, 'Too many changes too quickly');
      }
      const origin = { source: 'connection' as const, connection };
      const result = applyGuardedUpdate(document, update, origin, live.mightExceed(documentName, added, MAX_SECTION_CHARACTERS));
      if (result.length !== null) live.measured(documentName, result.length);
      if (result.tooLong !== null) {
        sendNotice(connection, 'too-long', `A section can hold at most ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters; that change would have made it ${result.tooLong.toLocaleString('en-GB')}, so it was not kept.`);
      }
      if (result.linksRemoved) sendNotice(connection, 'link-removed', 'Links can only point to http, https or mailto addresses; a link to anything else was removed (its text was kept).');
      // The acknowledgement goes out when this hook returns: store the change first.
      try {
        await log.flush();
      } catch {
        throw new ConnectionRefusal(4503, 'Your last change could not be stored; reconnecting to send it again');
      }
      if (result.malformed) throw new ConnectionRefusal(4400, `Malformed change: ${result.malformed}`);
    },

    async onChange({ documentName, context }) {
      if (context?.user && !context.readOnly) live.changed(documentName, { authorId: context.user.id });
    },

    async connected({ documentName }) {
      presence.touched(documentName);
    },

    async onDisconnect({ documentName }) {
      presence.touched(documentName);
    },

    async onAwarenessUpdate({ documentName }) {
      presence.touched(documentName);
    },

    async beforeHandleAwareness({ context, connection, states }) {
      const user = (context as CollabContext | undefined)?.user;
      if (!user) return;
      for (const state of states.values()) {
        if (!state || typeof state !== 'object') continue;
        const claimed = (state as { user?: { mode?: unknown } }).user;
        const editing = !connection?.readOnly && claimed?.mode === 'editing';
        (state as Record<string, unknown>).user = { id: user.id, name: user.name, color: colourFor(user.id), mode: editing ? 'editing' : 'viewing' };
      }
    },

    async beforeUnloadDocument({ documentName }) {
      await live.commit(documentName);
    },

    async afterUnloadDocument({ documentName }) {
      live.unloaded(documentName);
      presence.touched(documentName);
    },

    async onRequest({ request, response }) {
      if (new URL(request.url ?? '/', 'http://collab.internal').pathname === '/health') {
        response.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        response.end('ok');
        // Rejecting without an error tells Hocuspocus the request was answered.
        return Promise.reject();
      }
    },
  });

  return {
    server,
    live,
    nodeId,
    async listen(): Promise<number> {
      await listener.start();
      await server.listen();
      sweepTimer = setInterval(() => void access.sweep(), options.accessSweepMs ?? 30_000);
      sweepTimer.unref();
      return server.address.port;
    },
    /** Stores every pending change, version and document, closes every connection, stops listening. */
    async stop(timeoutMs = 15_000): Promise<void> {
      clearInterval(sweepTimer);
      await log.flush().catch(() => undefined);
      await live.commitAll();
      // destroy() waits until every document is stored and unloaded; a database that is
      // gone would keep it waiting forever.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([server.destroy(), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') console.error(`[collab] ${server.hocuspocus.getDocumentsCount()} document(s) could not be stored before shutdown`);
      await live.commitAll();
      await Promise.all([listener.stop(), presence.stop()]);
      // destroy() stops listening and closes every document connection, but leaves the
      // sockets open; close them so clients notice and reconnect (to the next server).
      closeSockets(server);
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
