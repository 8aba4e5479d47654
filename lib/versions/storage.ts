/**
 * How a section's versions are stored, and the one way to read one back.
 *
 * Every version is kept, but not every version as a full copy: a version is stored as
 * the change (lib/versions/delta.ts) from its base, the section's current version when
 * it was stored. Full copies of `content` and `text` stay on
 * - the section's current version, so everything that reads `currentVersion.content` /
 *   `.text` (the section page, anchoring, the live document, merge, exports of the current
 *   text) reads one row as before: commitSectionVersion (lib/sections/mutations.ts) keeps
 *   the new version whole and drops the full copy of the version it replaces;
 * - keyframes: every KEYFRAME_EVERY-th version of a chain, and any version whose change
 *   is not much smaller than a copy (a restore of an old text, a wholesale rewrite), so
 *   rebuilding a version never applies more than KEYFRAME_EVERY - 1 deltas;
 * - versions stored before deltas existed.
 * A database check keeps every row either whole or a delta with its base. A delta names
 * its base (`baseId`) rather than relying on order, so two versions stored at once against
 * the same base are both readable (one of them merely keeps its full copy).
 *
 * Any other version — history, diffs, restore, named versions, suggestions' bases,
 * archives — is read through readVersionBodies (or VersionBodyStream for many in order).
 */
import 'server-only';
import type { Db, Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PMDoc } from '@/lib/sections/content';
import { applyVersionDelta, canonicalJson, diffStrings, patchSize, type SerialBody, type VersionDelta } from '@/lib/versions/delta';

/** At most this many versions in a row are deltas: the next one is a full copy. */
export const KEYFRAME_EVERY = 50;

/** What a version says: its editor content and plain text. */
export type VersionBody = { content: PMDoc; text: string };

type Client = Db | Tx;

/** The columns commitSectionVersion writes for a new version besides content and text. */
export type StoredForm = { baseId: string | null; delta: VersionDelta | null; depth: number };

/** The version a new one would be stored against: the section's current version. */
export type VersionBase = { id: string; depth: number; body: SerialBody };

export function serialBody(body: { content: unknown; text: string }): SerialBody {
  return { contentJson: canonicalJson(body.content), text: body.text };
}

/**
 * How to store `next` after `base`: a delta, unless `base` is missing, the chain has
 * reached KEYFRAME_EVERY, or the delta would be at least half the size of a full copy.
 */
export function planStorage(base: VersionBase | null, next: SerialBody): StoredForm {
  const keyframe: StoredForm = { baseId: null, delta: null, depth: 0 };
  if (!base || base.depth + 1 >= KEYFRAME_EVERY) return keyframe;
  const worthIt = (next.contentJson.length + next.text.length) / 2;
  // The text first: when it alone changed too much (a restore of a very different
  // version), comparing the content would be time spent on a delta not kept.
  const text = diffStrings(base.body.text, next.text);
  if (patchSize(text) >= worthIt) return keyframe;
  const content = diffStrings(base.body.contentJson, next.contentJson);
  if (patchSize(text) + patchSize(content) >= worthIt) return keyframe;
  return { baseId: base.id, delta: { content, text }, depth: base.depth + 1 };
}

/** Columns for a version that is no longer kept whole (it has a delta to rebuild it from). */
export const withoutFullCopy = { content: Prisma.DbNull, text: null } as const;

/**
 * After a section's current version moved on from `previousId`: drops the previous one's
 * full copy unless it is a keyframe (no delta). Run in the transaction that stored the
 * new current version.
 */
export async function compactPreviousVersion(tx: Tx, previousId: string): Promise<void> {
  await tx.sectionVersion.updateMany({ where: { id: previousId, baseId: { not: null } }, data: withoutFullCopy });
}

/** The current version of a section, as a base for the next one (null: the section has none). */
export async function currentVersionBase(tx: Tx, sectionId: string): Promise<VersionBase | null> {
  const section = await tx.section.findUnique({
    where: { id: sectionId },
    select: { currentVersion: { select: { id: true, depth: true, content: true, text: true } } },
  });
  const current = section?.currentVersion;
  if (!current) return null;
  // The current version is whole unless something set currentVersionId to an older version.
  const body = current.content !== null && current.text !== null ? { content: current.content, text: current.text } : (await readVersionBodies(tx, [current.id])).get(current.id);
  return body ? { id: current.id, depth: current.depth, body: serialBody(body) } : null;
}

type ChainRow = { target: string; step: number; content: unknown; text: string | null; delta: VersionDelta | null };

function chainError(id: string): Error {
  return new Error(`Version ${id} cannot be rebuilt: its chain of deltas ends without a full copy`);
}

/**
 * The content and text of each of `ids` (versions that do not exist are left out),
 * exactly as they were stored: a version kept whole is returned as read; a delta is
 * applied to its base, back to the nearest full copy, in one statement that follows the
 * chain. Content rebuilt from deltas has the key order jsonb gives a full copy.
 */
export async function readVersionBodies(client: Client, ids: readonly string[]): Promise<Map<string, VersionBody>> {
  const bodies = new Map<string, VersionBody>();
  const wanted = [...new Set(ids)];
  if (!wanted.length) return bodies;
  const rows = await client.$queryRaw<ChainRow[]>`
    with recursive chain(target, step, id, "baseId", content, text, delta) as (
      select v.id, 0, v.id, v."baseId", v.content, v.text, v.delta
      from "SectionVersion" v where v.id = any(${wanted}::text[])
      union all
      select c.target, c.step + 1, v.id, v."baseId", v.content, v.text, v.delta
      from chain c join "SectionVersion" v on v.id = c."baseId"
      where c.content is null
    )
    select target, step, content, text, case when content is null then delta end as delta
    from chain order by target, step desc`;
  let i = 0;
  while (i < rows.length) {
    const target = rows[i].target;
    let j = i;
    while (j < rows.length && rows[j].target === target) j++;
    // rows[i] is the nearest full copy (highest step), rows[j - 1] the version asked for.
    const full = rows[i];
    if (full.content === null || full.text === null) throw chainError(target);
    if (j - i === 1) {
      bodies.set(target, { content: full.content as PMDoc, text: full.text });
    } else {
      let body = serialBody({ content: full.content, text: full.text });
      for (let k = i + 1; k < j; k++) {
        const delta = rows[k].delta;
        if (!delta) throw chainError(target);
        body = applyVersionDelta(body, delta);
      }
      bodies.set(target, { content: JSON.parse(body.contentJson) as PMDoc, text: body.text });
    }
    i = j;
  }
  return bodies;
}

/** One version's content and text (readVersionBodies), or null if there is no such version. */
export async function readVersionBody(client: Client, id: string): Promise<VersionBody | null> {
  return (await readVersionBodies(client, [id])).get(id) ?? null;
}

/** The columns VersionBodyStream needs from each row. */
export const storedBodySelect = { id: true, sectionId: true, content: true, text: true, baseId: true, delta: true } as const;
type StoredBodyRow = { id: string; sectionId: string; content: unknown; text: string | null; baseId: string | null; delta: unknown };

/**
 * Rebuilds many versions read in creation order (an archive), each from the one before it
 * in its section when that is its base — one step each instead of a chain per version —
 * and through readVersionBodies otherwise. Holds one version per section.
 */
export class VersionBodyStream {
  private readonly latest = new Map<string, { id: string; body: { content: unknown; text: string }; serial?: SerialBody }>();

  constructor(private readonly client: Client) {}

  async body(row: StoredBodyRow): Promise<VersionBody> {
    let body: VersionBody;
    let serial: SerialBody | undefined;
    const previous = this.latest.get(row.sectionId);
    if (row.content !== null && row.text !== null) {
      body = { content: row.content as PMDoc, text: row.text };
    } else if (previous && row.baseId === previous.id && row.delta) {
      previous.serial ??= serialBody(previous.body);
      serial = applyVersionDelta(previous.serial, row.delta as VersionDelta);
      body = { content: JSON.parse(serial.contentJson) as PMDoc, text: serial.text };
    } else {
      const read = await readVersionBody(this.client, row.id);
      if (!read) throw chainError(row.id);
      body = read;
    }
    this.latest.set(row.sectionId, { id: row.id, body, serial });
    return body;
  }
}
