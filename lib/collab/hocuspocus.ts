/**
 * The collaboration server: Hocuspocus with Chorus's rules. One Yjs document per section,
 * named "section:<id>", content in the XML fragment "default".
 *
 * - Authentication: the provider's token (see lib/collab/tokens.ts); any other document
 *   name, or a section that does not exist, is refused.
 * - Members (and everyone, once a response is final) connect read-only: Hocuspocus drops
 *   their document updates on the server and answers them as not applied.
 * - Every update from a writer is checked and repaired before others see it
 *   (lib/collab/guard.ts); a malformed one closes that connection only.
 * - State is loaded from and stored to SectionDocument (debounced, flushed when the last
 *   person leaves and on shutdown); versions are stored from quiet spells
 *   (lib/collab/live-sections.ts).
 * - Awareness (presence) is stamped with the authenticated person's name and colour, so
 *   nobody can appear as someone else.
 */
import 'server-only';
import { Server, type Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { can } from '@/lib/auth/policy';
import { applyGuardedUpdate, upperBoundOfAddedCharacters } from '@/lib/collab/guard';
import { handleInternalRequest } from '@/lib/collab/internal-api';
import { LiveSections, type LiveTimings } from '@/lib/collab/live-sections';
import { loadSectionState, storeSectionState } from '@/lib/collab/persistence';
import { colourFor, displayName } from '@/lib/collab/presence';
import { authenticateCollabToken } from '@/lib/collab/tokens';
import { db } from '@/lib/db';
import { isTextFrozen } from '@/lib/responses/phase';
import { sectionIdFromDocumentName } from '@/lib/sections/collab-info';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';

export type CollabContext = {
  user?: { id: string; name: string; role: string };
  readOnly?: boolean;
  /** Set on changes made by the server itself (server-side edits, repairs). */
  serverEdit?: boolean;
  system?: boolean;
};

export type CollabServerOptions = Partial<LiveTimings> & {
  port: number;
  /** Store the Yjs state this long after the last change, and at least this often while typing. */
  storeDebounceMs?: number;
  storeMaxDebounceMs?: number;
  /** Close connections that sent nothing for this long (the provider pings every 30 s). */
  timeoutMs?: number;
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

function notify(connection: Connection, code: string, message: string) {
  connection.sendStateless(JSON.stringify({ type: 'chorus:notice', code, message }));
}

/** Closes every WebSocket with 1012 ("service restart"); clients reconnect with backoff. */
function closeSockets(server: Server<CollabContext>) {
  const adapter = (server as unknown as { crossws?: { closeAll?: (code: number, reason: string, force?: boolean) => void } }).crossws;
  adapter?.closeAll?.(1012, 'The collaboration server is restarting');
  server.httpServer.closeAllConnections();
}

export function createCollabServer(options: CollabServerOptions) {
  const live = new LiveSections(() => server.hocuspocus, {
    quietMs: options.quietMs ?? 2500,
    maxBurstMs: options.maxBurstMs ?? 60_000,
  });

  const server: Server<CollabContext> = new Server<CollabContext>({
    name: 'chorus-collab',
    port: options.port,
    quiet: true,
    stopOnSignals: false,
    timeout: options.timeoutMs ?? 60_000,
    debounce: options.storeDebounceMs ?? 1000,
    maxDebounce: options.storeMaxDebounceMs ?? 4000,
    // A 200,000-character paste is well under this; anything bigger is not editing.
    websocketOptions: { maxPayload: 8 * 1024 * 1024 },

    async onAuthenticate({ token, documentName, connectionConfig }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (!sectionId) throw new ConnectionRefusal(4404, 'Unknown document: documents are named section:<id>');
      const caller = await authenticateCollabToken(token);
      if (!caller) throw new ConnectionRefusal(4401, 'Sign in again: the token is missing, expired or revoked');
      const section = await db().section.findUnique({ where: { id: sectionId }, select: { response: { select: { phase: true } } } });
      if (!section) throw new ConnectionRefusal(4404, 'That section does not exist');
      const readOnly = !can(caller, 'section:edit') || isTextFrozen(section.response.phase);
      connectionConfig.readOnly = readOnly;
      return { user: { id: caller.id, name: displayName(caller.name), role: caller.role }, readOnly } satisfies CollabContext;
    },

    async onLoadDocument({ documentName, document }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (!sectionId) throw new ConnectionRefusal(4404, 'Unknown document');
      try {
        const state = await loadSectionState(sectionId, () => live.markLoadLocked(documentName));
        if (!state) throw new ConnectionRefusal(4404, 'That section does not exist');
        Y.applyUpdate(document, state);
        live.loaded(documentName, document);
      } catch (error) {
        live.loadFinished(documentName);
        throw error;
      }
    },

    async afterLoadDocument({ documentName }) {
      live.loadFinished(documentName);
    },

    async onStoreDocument({ documentName, document }) {
      const sectionId = sectionIdFromDocumentName(documentName);
      if (sectionId) await storeSectionState(sectionId, Y.encodeStateAsUpdate(document));
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
      const origin = { source: 'connection' as const, connection };
      const result = applyGuardedUpdate(document, update, origin, live.mightExceed(documentName, added, MAX_SECTION_CHARACTERS));
      if (result.length !== null) live.measured(documentName, result.length);
      if (result.tooLong !== null) {
        notify(connection, 'too-long', `A section can hold at most ${MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters; that change would have made it ${result.tooLong.toLocaleString('en-GB')}, so it was not kept.`);
      }
      if (result.linksRemoved) notify(connection, 'link-removed', 'Links can only point to http, https or mailto addresses; a link to anything else was removed (its text was kept).');
      if (result.malformed) throw new ConnectionRefusal(4400, `Malformed change: ${result.malformed}`);
    },

    async onChange({ documentName, context }) {
      if (context?.user && !context.readOnly) live.changed(documentName, { authorId: context.user.id });
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
    },

    async onRequest({ request, response, instance }) {
      if (await handleInternalRequest(request, response, instance, live)) {
        // Rejecting without an error tells Hocuspocus the request was answered.
        return Promise.reject();
      }
    },
  });

  return {
    server,
    live,
    async listen(): Promise<number> {
      await server.listen();
      return server.address.port;
    },
    /** Stores every pending version and document, closes every connection, stops listening. */
    async stop(timeoutMs = 15_000): Promise<void> {
      live.releaseAllEdits();
      await live.commitAll();
      // destroy() waits until every document is stored and unloaded; a database that is
      // gone would keep it waiting forever.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([server.destroy(), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') console.error(`[collab] ${server.hocuspocus.getDocumentsCount()} document(s) could not be stored before shutdown`);
      await live.commitAll();
      // destroy() stops listening and closes every document connection, but leaves the
      // sockets open; close them so clients notice and reconnect (to the next server).
      closeSockets(server);
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
