/**
 * `npm run chorus -- import | export | restore`, run as real child processes, and the
 * round trip: export the JSON archive, restore it into a fresh empty database, export
 * again — the two archives are the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import pg from 'pg';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createComment, updateComment, withdrawComment } from '@/lib/comments/mutations';
import { db } from '@/lib/db';
import { exportBytes, exportResponse } from '@/lib/export/service';
import { disposeFeedback } from '@/lib/merge/mutations';
import { addQuestion, mapAnswer } from '@/lib/consultation-form/mutations';
import { createEndorsement, decideEndorsement } from '@/lib/endorsements/mutations';
import { changePhase } from '@/lib/responses/mutations';
import { acceptSuggestion, createSuggestion, declineSuggestion } from '@/lib/suggestions/mutations';
import { runChorus } from '@/tests/support/cli';
import { createCaseStudy, createPerson } from '@/tests/support/factories';

const fixture = path.join(import.meta.dirname, '../fixtures/import/draft.txt');
const dir = mkdtempSync(path.join(os.tmpdir(), 'chorus-cli-export-'));
const words = (text: string) => text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
const created: string[] = [];

/** A new, empty, migrated database (a copy of the test template). */
async function freshDatabase(): Promise<string> {
  const name = `chorus_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('testDatabaseAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('testTemplateDatabase')}`);
  await admin.end();
  created.push(name);
  const url = new URL(inject('testDatabaseAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('testDatabaseAdminUrl') });
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

async function importWithCli(title: string) {
  const result = await runChorus(['import', fixture, '--title', title, '--consultation', 'Community transport']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const match = /Imported "(.+)" as (\S+) with (\d+) sections\./.exec(result.stdout);
  expect(match, result.stdout).not.toBeNull();
  return { title: match![1], slug: match![2], sections: Number(match![3]) };
}

/** Gives the imported response a history touching every table the archive holds. */
async function addHistory(slug: string) {
  const response = await db().response.findUniqueOrThrow({ where: { slug }, include: { sections: { orderBy: { position: 'asc' } } } });
  const [intro, first, second] = response.sections;
  const coordinator = await createPerson('COORDINATOR', { name: 'Cora' });
  const drafter = await createPerson('DRAFTER', { name: 'Dev' });
  const alice = await createPerson('MEMBER', { name: 'Alice' });
  const bob = await createPerson('MEMBER', { name: 'Bob' });
  await changePhase(coordinator, slug, { to: 'OPEN', deadline: '2099-06-30' });
  const thread = (await createComment(alice, first.id, { body: 'Say more about rural areas.', anchor: { exact: 'buses do not' }, clientKey: 'k-1' })).comment;
  await createComment(bob, first.id, { body: 'Agreed.', parentId: thread.id });
  await updateComment(alice, thread.id, { body: 'Say more about rural and coastal areas.' });
  const gone = (await createComment(bob, intro.id, { body: 'Withdrawn later.' })).comment;
  await withdrawComment(bob, gone.id);
  await db().agreement.create({ data: { userId: bob.id, commentId: thread.id } });
  await db().agreement.create({ data: { userId: alice.id, commentId: thread.id, withdrawnAt: new Date() } });
  const yes = (await createSuggestion(alice, second.id, { anchor: { exact: 'have doubled' }, replacement: 'have more than doubled', reason: 'Newer figures.' })).suggestion;
  const no = (await createSuggestion(bob, second.id, { anchor: { exact: 'months' }, replacement: 'ages' })).suggestion;
  await db().agreement.create({ data: { userId: bob.id, suggestionId: yes.id } });
  await acceptSuggestion(drafter, yes.id);
  await declineSuggestion(drafter, no.id, { reason: 'Too vague.' });
  const caseStudy = await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [first.id, second.id], status: 'ACCEPTED' });
  await db().caseStudyDecision.create({ data: { caseStudyId: caseStudy.id, decision: 'accept', note: 'Great example.', actorId: coordinator.id } });
  const version = await db().section.findUniqueOrThrow({ where: { id: first.id }, select: { currentVersionId: true } });
  await db().caseStudyQuote.create({ data: { caseStudyId: caseStudy.id, sectionId: first.id, versionId: version.currentVersionId!, quote: 'It changed lives.', createdById: coordinator.id } });
  await disposeFeedback(coordinator, { items: [{ type: 'comment', id: thread.id }, { type: 'caseStudy', id: caseStudy.id }], kind: 'PARTLY_INCORPORATED', reply: 'Added a sentence.' });
  const question = await addQuestion(coordinator, slug, { number: '1', text: 'Do you agree that rural transport needs longer funding?', wordLimit: 250 });
  await mapAnswer(coordinator, question.id, { sectionId: first.id });
  await mapAnswer(coordinator, question.id, { sectionId: second.id, passage: 'have more than doubled' });
  await changePhase(coordinator, slug, { to: 'CLOSED' });
  await changePhase(coordinator, slug, { to: 'FINAL' });
  const signed = await createEndorsement(alice, slug, { organisation: 'Rural Links', signatoryName: 'Alice Example', kind: 'endorse_with_reservations', reservations: 'We would go further on fares.' });
  await decideEndorsement(coordinator, signed.id, { decision: 'approve' });
}

// Each command is a Node process that compiles TypeScript on start: allow them time.
vi.setConfig({ testTimeout: 240_000 });

describe('[CLI] import, export and restore', () => {
  it('imports a draft and prints the new slug and section count', async () => {
    const result = await importWithCli('CLI draft');
    expect(result).toEqual({ title: 'CLI draft', slug: 'cli-draft', sections: 8 });
    const response = await db().response.findUniqueOrThrow({ where: { slug: 'cli-draft' }, include: { _count: { select: { sections: true } } } });
    expect(response).toMatchObject({ consultationName: 'Community transport', phase: 'DRAFTING', _count: { sections: 8 } });
    expect(await db().auditEvent.count({ where: { action: 'response.import', targetId: response.id, actorId: null } })).toBe(1);
  });

  it('refuses a broken file with a clear message, creating nothing', async () => {
    const broken = path.join(dir, 'broken.docx');
    writeFileSync(broken, 'PK\u0003\u0004 this is not a Word document');
    const before = await db().response.count();
    const result = await runChorus(['import', broken]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('could not be read as a Word document');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await db().response.count()).toBe(before);
    const missing = await runChorus(['import', path.join(dir, 'nope.txt')]);
    expect(missing.stderr).toContain('There is no file');
  });

  it('exports txt to standard output, and docx and a named version to files', async () => {
    const { slug } = await importWithCli('CLI export');
    const txt = await runChorus(['export', slug, '--format', 'txt']);
    expect(txt.code).toBe(0);
    expect(words(txt.stdout)).toEqual(words(`CLI export\n${readFileSync(fixture, 'utf8')}`));
    const out = path.join(dir, 'out.docx');
    const docx = await runChorus(['export', slug, '--format', 'docx', '--out', out]);
    expect(docx.code).toBe(0);
    const { value } = await mammoth.extractRawText({ path: out });
    expect(value).toContain('2. So, what gets in the way?');
    const missing = await runChorus(['export', slug, '--format', 'txt', '--version', 'No such version']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('The named version "No such version" was not found');
    const bad = await runChorus(['export', slug, '--format', 'pdf']);
    expect(bad.stderr).toContain('format must be txt, md, docx or json');
  });

  it('round trip: export json, restore into an empty database, export again: identical', async () => {
    const { slug } = await importWithCli('Round trip');
    await addHistory(slug);
    const first = path.join(dir, 'first.json');
    const exported = await runChorus(['export', slug, '--format', 'json', '--out', first]);
    expect(exported.code, exported.stderr).toBe(0);
    const archive = JSON.parse(readFileSync(first, 'utf8'));
    expect(archive.namedVersions.map((n: { label: string }) => n.label)).toEqual(['Final submission']);
    for (const key of ['comments', 'commentRevisions', 'suggestions', 'agreements', 'caseStudies', 'caseStudyDecisions', 'caseStudyQuotes', 'dispositions', 'phaseChanges', 'consultationQuestions', 'questionAnswers', 'endorsements']) {
      expect(archive[key].length, key).toBeGreaterThan(0);
    }

    const fresh = await freshDatabase();
    const restored = await runChorus(['restore', first], { DATABASE_URL: fresh });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${slug}: 8 sections, 9 versions, 3 comments, 2 suggestions, 1 case studies, 4 people.`);

    const second = path.join(dir, 'second.json');
    const again = await runChorus(['export', slug, '--format', 'json', '--out', second], { DATABASE_URL: fresh });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    // The restored response exports the same text, now and as the final submission.
    for (const version of [[], ['--version', 'Final submission']]) {
      const original = await runChorus(['export', slug, '--format', 'txt', ...version]);
      const copy = await runChorus(['export', slug, '--format', 'txt', ...version], { DATABASE_URL: fresh });
      expect(copy.stdout).toBe(original.stdout);
      expect(copy.stdout).toContain('have more than doubled');
    }

    // Restoring again into the database that now holds it is refused.
    const twice = await runChorus(['restore', first], { DATABASE_URL: fresh });
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('The database is not empty');
  });

  it('refuses to restore an archive without contact details, or a file that is not an archive', async () => {
    const { slug } = await importWithCli('Partial');
    const drafter = await createPerson('DRAFTER');
    const partial = path.join(dir, 'partial.json');
    writeFileSync(partial, await exportBytes(await exportResponse(drafter, slug, { format: 'json' })));
    const fresh = await freshDatabase();
    const refused = await runChorus(['restore', partial], { DATABASE_URL: fresh });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('exported without contact details');
    const notArchive = path.join(dir, 'not.json');
    writeFileSync(notArchive, '{"hello": 1}');
    expect((await runChorus(['restore', notArchive], { DATABASE_URL: fresh })).stderr).toContain('not a Chorus archive');
    const checker = new pg.Client({ connectionString: fresh });
    await checker.connect();
    expect((await checker.query('select count(*)::int as n from "Response"')).rows[0].n).toBe(0);
    await checker.end();
  });
});
