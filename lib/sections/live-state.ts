/**
 * A section's live text as PostgreSQL holds it: the compacted Yjs state in SectionDocument
 * plus every SectionUpdate appended since. Together they are exactly what the collaboration
 * server has acknowledged (it appends each change before acknowledging it), so any process
 * can rebuild the live text from the database alone, and a crash loses nothing acknowledged.
 *
 * Who writes what:
 * - the collaboration process that holds a section's live document appends the changes its
 *   clients send (lib/collab/update-log.ts) and compacts the log into the state;
 * - server-side changes (accepting a suggestion, restoring a version, quoting a case study)
 *   are computed here against the stored live text and appended as one more update, with a
 *   notification on SECTION_UPDATES_CHANNEL; every collaboration process holding the
 *   section applies it to its live document (lib/collab/log-follower.ts). No process calls
 *   another over the network while holding a lock, and nothing overwrites the live text.
 */
import 'server-only';
import * as Y from 'yjs';
import { db, type Tx } from '@/lib/db';
import type { PMDoc } from '@/lib/sections/content';
import { encodeState, ydocFromContent } from '@/lib/sections/ydoc';

/** PostgreSQL NOTIFY channel: payload "<sectionId>:<update id>" for each server-side change. */
export const SECTION_UPDATES_CHANNEL = 'chorus_section_updates';

type Client = Tx | ReturnType<typeof db>;

export type UpdateRow = { sectionId: string; update: Uint8Array; authorId: string | null };

type StoredRow = { state: Uint8Array; updates: string[] | null; lastId: bigint | null };

/**
 * The section's live document as stored, or null when it has none yet. State and log are
 * read in one statement, so a compaction committing meanwhile cannot make an update be
 * missed (read from neither) or applied twice (harmless, but wasted).
 */
export async function readLiveDoc(client: Client, sectionId: string): Promise<{ doc: Y.Doc; lastUpdateId: bigint | null } | null> {
  const rows = await client.$queryRaw<StoredRow[]>`
    select d.state,
           (select array_agg(encode(u."update", 'base64') order by u.id) from "SectionUpdate" u where u."sectionId" = d."sectionId") as updates,
           (select max(u.id) from "SectionUpdate" u where u."sectionId" = d."sectionId") as "lastId"
      from "SectionDocument" d where d."sectionId" = ${sectionId}`;
  const row = rows[0];
  if (!row) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(row.state));
  for (const encoded of row.updates ?? []) Y.applyUpdate(doc, new Uint8Array(Buffer.from(encoded, 'base64')));
  return { doc, lastUpdateId: row.lastId === null ? null : BigInt(row.lastId) };
}

/**
 * The live document of a section, creating its stored state from `content` (its current
 * version) when it has none. Call with the Section row locked (two first loads must not
 * both create a state: two independently built documents merge into duplicated text).
 */
export async function readOrCreateLiveDoc(tx: Tx, sectionId: string, content: PMDoc): Promise<Y.Doc> {
  const stored = await readLiveDoc(tx, sectionId);
  if (stored) return stored.doc;
  const doc = ydocFromContent(content);
  await tx.sectionDocument.create({ data: { sectionId, state: encodeState(doc) } });
  return doc;
}

/** Appends changes to sections' logs in one statement. */
export async function appendSectionUpdates(client: Client, rows: UpdateRow[]): Promise<void> {
  if (!rows.length) return;
  await client.sectionUpdate.createMany({
    data: rows.map((row) => ({ sectionId: row.sectionId, update: new Uint8Array(row.update), authorId: row.authorId })),
  });
}

/**
 * Appends a server-side change and tells every collaboration process holding the section
 * to apply it. Inside a transaction the notification is delivered at commit, so a process
 * never hears of an update it cannot read yet, and a rolled-back change is never heard of.
 */
export async function appendServerUpdate(tx: Tx, sectionId: string, update: Uint8Array, authorId: string | null): Promise<void> {
  const [row] = await tx.$queryRaw<{ id: bigint }[]>`
    insert into "SectionUpdate" ("sectionId", "update", "authorId") values (${sectionId}, ${Buffer.from(update)}, ${authorId}) returning id`;
  await tx.$executeRaw`select pg_notify(${SECTION_UPDATES_CHANNEL}, ${`${sectionId}:${row.id}`})`;
}

/** The log entries of a section from `fromId` on (to catch up on a notified change). */
export async function readSectionUpdatesFrom(sectionId: string, fromId: bigint): Promise<Uint8Array[]> {
  const rows = await db().$queryRaw<{ update: Uint8Array }[]>`
    select "update" from "SectionUpdate" where "sectionId" = ${sectionId} and id >= ${fromId} order by id`;
  return rows.map((row) => new Uint8Array(row.update));
}

/**
 * Folds a section's log into its stored state: the state, every log entry so far and, if
 * given, the caller's own copy of the live document are merged (Yjs merges are idempotent,
 * so nothing any of them holds is lost), stored, and the folded entries removed. Holds the
 * SectionDocument row lock only for these statements, so compactions by several processes
 * run one after another and never undo each other.
 */
export async function compactSectionLog(sectionId: string, live?: Y.Doc): Promise<void> {
  await db().$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ state: Uint8Array }[]>`select state from "SectionDocument" where "sectionId" = ${sectionId} for update`;
    if (!current.length) {
      if (live) await tx.sectionDocument.create({ data: { sectionId, state: encodeState(live) } });
      return;
    }
    const entries = await tx.$queryRaw<{ id: bigint; update: Uint8Array }[]>`
      select id, "update" from "SectionUpdate" where "sectionId" = ${sectionId} order by id`;
    if (!entries.length && !live) return;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(current[0].state));
    for (const entry of entries) Y.applyUpdate(doc, new Uint8Array(entry.update));
    if (live) Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    await tx.sectionDocument.update({ where: { sectionId }, data: { state: encodeState(doc) } });
    if (entries.length) {
      const lastId = entries[entries.length - 1].id;
      await tx.$executeRaw`delete from "SectionUpdate" where "sectionId" = ${sectionId} and id <= ${lastId}`;
    }
    doc.destroy();
  }, { timeout: 30_000, maxWait: 30_000 });
}

/** Everyone who typed in a section since `since` (for crediting a version cut from the stored live text). */
export async function liveAuthorsSince(tx: Tx, sectionId: string, since: Date): Promise<string[]> {
  const rows = await tx.sectionUpdate.findMany({
    where: { sectionId, authorId: { not: null }, createdAt: { gte: since } },
    distinct: ['authorId'],
    select: { authorId: true },
  });
  return rows.map((row) => row.authorId!);
}
