/**
 * The collaboration server's internal HTTP endpoints, for the web app only (shared secret,
 * see lib/collab/tokens.ts internalSecret; client in lib/collab/client.ts):
 *
 *   POST   /internal/sections/:id/edits          start a server-side edit → {live, editId?, state?}
 *   POST   /internal/sections/:id/edits/:editId  {update, authorIds} merge it into the live document
 *   DELETE /internal/sections/:id/edits/:editId  abandon it
 *   POST   /internal/flush     {sectionIds}      store pending typing as versions now
 *   POST   /internal/presence  {sectionIds}      who is in each section → {sections: {id: [...]}}
 *   GET    /health                               "ok" (no secret; for monitoring)
 */
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { z } from 'zod';
import type { LiveSections } from '@/lib/collab/live-sections';
import { colourFor, dedupePresence, displayName, type PresentPerson } from '@/lib/collab/presence';
import { isInternalSecret } from '@/lib/collab/tokens';
import { collabDocumentName } from '@/lib/sections/collab-info';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

type CollabUser = { id: string; name: string | null };
type ConnectionContext = { user?: CollabUser; readOnly?: boolean };

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body is not JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

const sectionIds = z.object({ sectionIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(500) });
const applyBody = z.object({ update: z.string().max(MAX_BODY_BYTES), authorIds: z.array(z.string().max(64)).max(50) });

function presenceOf(instance: Hocuspocus, sectionId: string): PresentPerson[] {
  const document = instance.documents.get(collabDocumentName(sectionId));
  if (!document) return [];
  const people: PresentPerson[] = [];
  for (const connection of document.getConnections()) {
    const context = connection.context as ConnectionContext;
    if (!context.user) continue;
    // A writer counts as editing while their editor says so (awareness); readers always view.
    const states = [...document.getClients(connection)].map((clientId) => document.awareness.getStates().get(clientId) as { user?: { mode?: string } } | undefined);
    const editing = !connection.readOnly && states.some((state) => state?.user?.mode === 'editing');
    people.push({ id: context.user.id, name: displayName(context.user.name), colour: colourFor(context.user.id), mode: editing ? 'editing' : 'viewing' });
  }
  return dedupePresence(people);
}

/**
 * Handles a request if it is one of ours; returns false to let Hocuspocus answer.
 * Never throws: errors become JSON answers.
 */
export async function handleInternalRequest(request: IncomingMessage, response: ServerResponse, instance: Hocuspocus, live: LiveSections): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://collab.internal');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
    return true;
  }
  if (!url.pathname.startsWith('/internal/')) return false;
  try {
    const authorization = request.headers.authorization ?? '';
    if (!isInternalSecret(authorization.replace(/^Bearer\s+/i, ''))) throw new HttpError(401, 'Unknown caller');
    const edit = /^\/internal\/sections\/([A-Za-z0-9_-]{1,64})\/edits(?:\/([0-9a-f-]{36}))?$/.exec(url.pathname);
    if (edit && request.method === 'POST' && !edit[2]) {
      const started = await live.beginEdit(collabDocumentName(edit[1]));
      if (!started) send(response, 200, { live: false });
      else send(response, 200, { live: true, editId: started.editId, state: Buffer.from(Y.encodeStateAsUpdate(started.document)).toString('base64') });
      return true;
    }
    if (edit && request.method === 'POST' && edit[2]) {
      const body = applyBody.safeParse(await readBody(request));
      if (!body.success) throw new HttpError(400, 'Expected {update, authorIds}');
      const update = new Uint8Array(Buffer.from(body.data.update, 'base64'));
      const applied = live.applyEdit(
        edit[2],
        (document) => document.transact(() => Y.applyUpdate(document, update), { source: 'local', context: { serverEdit: true } }),
        body.data.authorIds,
      );
      send(response, applied ? 200 : 410, applied ? { ok: true } : { ok: false, error: 'That edit expired' });
      return true;
    }
    if (edit && request.method === 'DELETE' && edit[2]) {
      live.endEdit(edit[2]);
      send(response, 200, { ok: true });
      return true;
    }
    if (url.pathname === '/internal/flush' && request.method === 'POST') {
      const body = sectionIds.safeParse(await readBody(request));
      if (!body.success) throw new HttpError(400, 'Expected {sectionIds}');
      await Promise.all(body.data.sectionIds.map((id) => live.commit(collabDocumentName(id))));
      send(response, 200, { ok: true });
      return true;
    }
    if (url.pathname === '/internal/presence' && request.method === 'POST') {
      const body = sectionIds.safeParse(await readBody(request));
      if (!body.success) throw new HttpError(400, 'Expected {sectionIds}');
      send(response, 200, { sections: Object.fromEntries(body.data.sectionIds.map((id) => [id, presenceOf(instance, id)])) });
      return true;
    }
    throw new HttpError(404, 'No such endpoint');
  } catch (error) {
    if (error instanceof HttpError) send(response, error.status, { error: error.message });
    else {
      console.error('[collab] internal request failed', error);
      send(response, 500, { error: 'Internal error' });
    }
    return true;
  }
}
