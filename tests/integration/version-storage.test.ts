/**
 * Keeping every version compactly: versions are stored as deltas with full copies only on
 * the current version and keyframes, yet every version reads back exactly as it was
 * committed — through the API, the diff, a restore, a named version and the JSON archive —
 * and a database from before deltas keeps its versions.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@/tests/support/collab';
import { seededRandom as random } from '@/tests/support/random';

// Nothing listens on this port: restores go to the stored state.
process.env.COLLAB_PORT = String(await freePort());

const { GET: versionRoute } = await import('@/app/api/v1/versions/[id]/route');
const { GET: diffRoute } = await import('@/app/api/v1/sections/[id]/diff/route');
const { POST: restoreRoute } = await import('@/app/api/v1/sections/[id]/restore/route');
const { GET: namedRoute } = await import('@/app/api/v1/named-versions/[id]/route');
const { POST: nameRoute } = await import('@/app/api/v1/responses/[slug]/named-versions/route');
const { db } = await import('@/lib/db');
const { exportBytes, exportResponse } = await import('@/lib/export/service');
const { textFromDoc } = await import('@/lib/sections/content');
type PMDoc = import('@/lib/sections/content').PMDoc;
type PMNode = import('@/lib/sections/content').PMNode;
const { sanitizeContent } = await import('@/lib/sections/editor-schema');
const { commitSectionVersion } = await import('@/lib/sections/mutations');
const { canonicalJson } = await import('@/lib/versions/delta');
const { KEYFRAME_EVERY, readVersionBodies } = await import('@/lib/versions/storage');
const { runChorus } = await import('@/tests/support/cli');
const { callRoute, createPersonWithToken, createResponse } = await import('@/tests/support/factories');

const dir = mkdtempSync(path.join(os.tmpdir(), 'chorus-version-storage-'));
const databases: string[] = [];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('testDatabaseAdminUrl') });
  await admin.connect();
  for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

/** A new database on the test server: empty, or a copy of the migrated template. */
async function newDatabase(fromTemplate: boolean): Promise<{ name: string; url: string }> {
  const name = `chorus_versions_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('testDatabaseAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${name}${fromTemplate ? ` template ${inject('testTemplateDatabase')}` : ''}`);
  await admin.end();
  databases.push(name);
  const url = new URL(inject('testDatabaseAdminUrl'));
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

const WORDS = 'local groups need grants for at least three years because short grants waste time on reporting and stop small charities planning ahead — café naïve 😀'.split(' ');

/** A long section: headings, paragraphs with bold and linked words, a bulleted list. */
function longDoc(rng: () => number): PMDoc {
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ') + '. ';
  const content: PMNode[] = [];
  for (let i = 0; i < 24; i++) {
    if (i % 8 === 0) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${i / 8 + 1}` }] });
    content.push({
      type: 'paragraph',
      content: [
        { type: 'text', text: sentence(40) },
        { type: 'text', text: 'three-year grants', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' ' + sentence(60) },
        { type: 'text', text: 'the evidence', marks: [{ type: 'link', attrs: { href: 'https://example.org/evidence' } }] },
        { type: 'text', text: ' ' + sentence(30) },
      ],
    });
  }
  content.push({ type: 'bulletList', content: ['Independence', 'Fairness', 'Trust'].map((item) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: item }] }] })) });
  return { type: 'doc', content };
}

/** Someone's next version: typing and deleting in one to three places, sometimes a new paragraph or a word made bold. */
function nextDoc(doc: PMDoc, rng: () => number): PMDoc {
  const next = structuredClone(doc);
  const paragraphs = next.content.filter((node) => node.type === 'paragraph' && node.content?.length);
  for (let place = 1 + Math.floor(rng() * 3); place > 0; place--) {
    const paragraph = paragraphs[Math.floor(rng() * paragraphs.length)];
    const node = paragraph.content![Math.floor(rng() * paragraph.content!.length)];
    const points = Array.from(node.text ?? '');
    const at = Math.floor(rng() * points.length);
    const typed = Array.from({ length: 1 + Math.floor(rng() * 12) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ');
    node.text = points.slice(0, at).join('') + typed + ' ' + points.slice(at + Math.floor(rng() * 20)).join('') || 'x';
  }
  const roll = rng();
  if (roll < 0.1) next.content.splice(Math.floor(rng() * next.content.length), 0, { type: 'paragraph', content: [{ type: 'text', text: 'A new paragraph about rural transport.' }] });
  else if (roll < 0.15) paragraphs[0].content!.push({ type: 'text', text: ' Crucially.', marks: [{ type: 'bold' }] });
  return next;
}

type Committed = { id: string; content: PMDoc; text: string };

/** Commits `count` versions of a long section one after another, as the server stores them. */
async function typeVersions(count: number, seed: number) {
  const { person } = await createPersonWithToken('DRAFTER');
  const rng = random(seed);
  const { response, sections } = await createResponse({ sections: ['Placeholder.'] });
  const sectionId = sections[0].id;
  const committed: Committed[] = [];
  let doc = longDoc(rng);
  for (let i = 0; i < count; i++) {
    const version = await db().$transaction((tx) => commitSectionVersion(tx, { sectionId, content: doc, authorIds: [person.id], source: 'EDIT', actorId: person.id }));
    const content = sanitizeContent(doc);
    expect(version.text).toBe(textFromDoc(content));
    committed.push({ id: version.id, content, text: version.text });
    doc = nextDoc(content, rng);
  }
  return { response, sectionId, person, committed };
}

/** What the columns hold for a section's versions, oldest first. */
async function storedRows(sectionId: string) {
  const { rows } = await pool().query<{ id: string; full: boolean; delta: boolean; depth: number; bytes: number }>(
    `select id, content is not null as full, delta is not null as delta, depth,
            coalesce(pg_column_size(content), 0) + coalesce(pg_column_size(text), 0) + coalesce(pg_column_size(delta), 0) as bytes
     from "SectionVersion" where "sectionId" = $1 order by "createdAt", id`,
    [sectionId],
  );
  return rows;
}

let sharedPool: pg.Pool | undefined;
const pool = () => (sharedPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
afterAll(async () => sharedPool?.end());

describe('[VERSIONS] compact storage', () => {
  it('stores 120 versions of a long section as deltas with a few full copies, and reads every one back exactly as committed', async () => {
    const { sectionId, committed } = await typeVersions(120, 1);
    const rows = (await storedRows(sectionId)).slice(1); // after the placeholder version
    expect(rows.map((row) => row.id)).toEqual(committed.map((version) => version.id));

    // Whole: the first (nothing to be a delta of), every KEYFRAME_EVERY-th, and the current one.
    const whole = rows.flatMap((row, i) => (row.full ? [i] : []));
    expect(whole).toEqual([0, KEYFRAME_EVERY, 2 * KEYFRAME_EVERY, 119]);
    expect(Math.max(...rows.map((row) => row.depth))).toBe(KEYFRAME_EVERY - 1);
    expect(rows.filter((row) => !row.full).every((row) => row.delta)).toBe(true);
    // A full copy of this section takes several kilobytes even compressed; a delta a few hundred bytes.
    const fullBytes = rows[0].bytes;
    const deltas = rows.filter((row) => !row.full);
    const perDelta = deltas.reduce((sum, row) => sum + row.bytes, 0) / deltas.length;
    expect(fullBytes).toBeGreaterThan(8_000);
    expect(perDelta).toBeLessThan(fullBytes / 10);
    const perVersion = rows.reduce((sum, row) => sum + row.bytes, 0) / rows.length;
    expect(perVersion).toBeLessThan(fullBytes / 5);

    // Every version, keyframe or delta, in one read and one at a time.
    const bodies = await readVersionBodies(db(), committed.map((version) => version.id));
    for (const version of committed) {
      const body = bodies.get(version.id)!;
      expect(body.text).toBe(version.text);
      expect(body.content).toEqual(version.content);
      // Byte for byte what a full copy read from jsonb gives (same key order).
      expect(JSON.stringify(body.content)).toBe(canonicalJson(version.content));
    }
    for (const version of [committed[1], committed[KEYFRAME_EVERY - 1], committed[KEYFRAME_EVERY], committed[118]]) {
      const one = await readVersionBodies(db(), [version.id]);
      expect(one.get(version.id)).toEqual({ content: version.content, text: version.text });
    }
  });

  it('serves a version stored as a delta over the API, compares two of them word by word, and restores one in well under 500 ms', async () => {
    const { response, sectionId, committed } = await typeVersions(60, 2);
    const { token } = await createPersonWithToken('DRAFTER');
    const old = committed[KEYFRAME_EVERY - 2]; // the longest chain of deltas from its keyframe
    expect((await storedRows(sectionId)).find((row) => row.id === old.id)).toMatchObject({ full: false, depth: KEYFRAME_EVERY - 2 });

    const viewed = await callRoute(versionRoute, { token, params: { id: old.id } });
    expect(viewed.status).toBe(200);
    expect(viewed.body).toMatchObject({ id: old.id, sectionId, text: old.text, content: old.content });

    const from = committed[10];
    const diff = await callRoute(diffRoute, { token, params: { id: sectionId }, url: `http://localhost/api/v1/sections/${sectionId}/diff?from=${from.id}&to=${old.id}` });
    expect(diff.status).toBe(200);
    const side = (op: string) => diff.body.changes.filter((change: { op: string }) => change.op === 'equal' || change.op === op).map((change: { text: string }) => change.text).join('');
    expect(side('delete')).toBe(from.text);
    expect(side('insert')).toBe(old.text);

    const started = performance.now();
    const restored = await callRoute(restoreRoute, { method: 'POST', token, params: { id: sectionId }, body: { versionId: old.id } });
    const ms = performance.now() - started;
    expect(restored.status).toBe(201);
    expect(ms).toBeLessThan(500);
    const current = await db().section.findUniqueOrThrow({ where: { id: sectionId }, select: { currentVersion: { select: { id: true, text: true, content: true } } } });
    expect(current.currentVersion).toEqual({ id: restored.body.version.id, text: old.text, content: old.content });

    // A named version keeps pointing at the version it named, which is later stored as a delta.
    const named = await callRoute(nameRoute, { method: 'POST', token, params: { slug: response.slug }, body: { label: 'Draft for the board' } });
    expect(named.status).toBe(201);
    await db().$transaction((tx) => commitSectionVersion(tx, { sectionId, content: committed[5].content, authorIds: [], source: 'EDIT', actorId: null }));
    await db().$transaction((tx) => commitSectionVersion(tx, { sectionId, content: committed[59].content, authorIds: [], source: 'EDIT', actorId: null }));
    const namedRow = (await storedRows(sectionId)).find((row) => row.id === restored.body.version.id);
    expect(namedRow?.full).toBe(false);
    const namedVersion = await callRoute(namedRoute, { token, params: { id: named.body.namedVersion.id } });
    expect(namedVersion.status).toBe(200);
    expect(namedVersion.body.namedVersion.sections[0]).toMatchObject({ versionId: restored.body.version.id, text: old.text, content: old.content });
  });

  it('the JSON archive holds every version in full, and restoring it gives the same archive and compact storage again', async () => {
    const { response, committed } = await typeVersions(70, 3);
    const coordinator = (await createPersonWithToken('COORDINATOR')).person;
    const archiveText = new TextDecoder().decode(await exportBytes(await exportResponse(coordinator, response.slug, { format: 'json' })));
    const archive = JSON.parse(archiveText);
    const exported = new Map<string, { text: string; content: PMDoc }>(archive.sectionVersions.map((v: { id: string; text: string; content: PMDoc }) => [v.id, v]));
    for (const version of committed) {
      expect(exported.get(version.id)?.text).toBe(version.text);
      expect(JSON.stringify(exported.get(version.id)?.content)).toBe(canonicalJson(version.content));
    }

    const first = path.join(dir, 'first.json');
    writeFileSync(first, archiveText);
    const target = await newDatabase(true);
    const restored = await runChorus(['restore', first], { DATABASE_URL: target.url });
    expect(restored.code, restored.stderr).toBe(0);
    const second = path.join(dir, 'second.json');
    const again = await runChorus(['export', response.slug, '--format', 'json', '--out', second], { DATABASE_URL: target.url });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(archiveText);

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ whole: string; deltas: string }>(
        `select count(*) filter (where content is not null) as whole, count(*) filter (where delta is not null and content is null) as deltas from "SectionVersion" where id = any($1)`,
        [committed.map((version) => version.id)],
      );
      expect(Number(rows[0].whole)).toBeLessThanOrEqual(4);
      expect(Number(rows[0].deltas)).toBeGreaterThanOrEqual(66);
    } finally {
      await client.end();
    }
  });
});

describe('[VERSIONS] a database from before deltas', () => {
  it('keeps its versions as full copies through the migration, and the database refuses a version that could not be read', async () => {
    const { url } = await newDatabase(false);
    const migrations = path.join(import.meta.dirname, '../../prisma/migrations');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(readFileSync(path.join(migrations, '20261125132419_init/migration.sql'), 'utf8'));
      await client.query(`insert into "Response" (id, slug, title, "consultationName", "updatedAt") values ('r1', 'r1', 'Old response', 'Old consultation', now())`);
      await client.query(`insert into "Section" (id, "responseId", position, heading, "updatedAt") values ('s1', 'r1', 0, 'Old section', now())`);
      const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kept from before.' }] }] };
      for (const id of ['v1', 'v2']) await client.query(`insert into "SectionVersion" (id, "sectionId", content, text) values ($1, 's1', $2, 'Kept from before.')`, [id, content]);
      await client.query(`update "Section" set "currentVersionId" = 'v2' where id = 's1'`);

      await client.query(readFileSync(path.join(migrations, '20261201120000_compact_versions/migration.sql'), 'utf8'));
      const { rows } = await client.query(`select id, content, text, delta, "baseId", depth from "SectionVersion" order by id`);
      expect(rows).toEqual(['v1', 'v2'].map((id) => ({ id, content, text: 'Kept from before.', delta: null, baseId: null, depth: 0 })));
      await expect(client.query(`update "SectionVersion" set content = null, text = null where id = 'v1'`)).rejects.toThrow(/SectionVersion_full_or_delta/);
      await expect(client.query(`update "SectionVersion" set text = null where id = 'v1'`)).rejects.toThrow(/SectionVersion_full_or_delta/);
    } finally {
      await client.end();
    }
  });

  it('a version stored before deltas stays whole when the next one is stored as a delta against it', async () => {
    // createResponse writes its versions directly, as versions were written before deltas.
    const { sections } = await createResponse({ sections: ['An old version written before deltas, long enough that a small change is stored as a delta of it. '.repeat(5)] });
    const old = sections[0].currentVersionId;
    const changed = sections[0].text.replace('small change', 'small, careful change');
    const { docFromText } = await import('@/lib/sections/content');
    const next = await db().$transaction((tx) => commitSectionVersion(tx, { sectionId: sections[0].id, content: docFromText(changed), authorIds: [], source: 'EDIT', actorId: null }));
    const rows = await storedRows(sections[0].id);
    expect(rows).toEqual([
      expect.objectContaining({ id: old, full: true, delta: false, depth: 0 }),
      expect.objectContaining({ id: next.id, full: true, delta: true, depth: 1 }),
    ]);
    const bodies = await readVersionBodies(db(), [old, next.id]);
    expect(bodies.get(old)?.text).toBe(sections[0].text);
    expect(bodies.get(next.id)?.text).toBe(changed);
  });
});
