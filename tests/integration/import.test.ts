import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { POST as importRoute } from '@/app/api/v1/imports/route';
import { POST as previewRoute } from '@/app/api/v1/imports/preview/route';
import { db } from '@/lib/db';
import { importResponse, previewImport } from '@/lib/import/mutations';
import { callRoute, createPerson, createPersonWithToken } from '@/tests/support/factories';

const draft = readFileSync(path.join(import.meta.dirname, '../fixtures/import/draft.txt'));
const upload = (fileName: string, bytes: Uint8Array | Buffer) => ({ fileName, data: Buffer.from(bytes).toString('base64') });
const counts = async () => ({
  responses: await db().response.count(),
  sections: await db().section.count(),
  versions: await db().sectionVersion.count(),
});

describe('[IMPORT] creating a response from a draft', () => {
  it('should require authentication', async () => {
    expect((await callRoute(previewRoute, { method: 'POST', body: upload('a.txt', draft) })).status).toBe(401);
    expect((await callRoute(importRoute, { method: 'POST', body: upload('a.txt', draft) })).status).toBe(401);
  });

  it('creates the response, its sections and a first IMPORT version of each, with audit events, in drafting', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const created = await importResponse(coordinator, { fileName: 'riverside-draft.txt', bytes: draft }, { title: 'Riverside response', consultationName: 'Community transport' });
    expect(created).toMatchObject({ title: 'Riverside response', sectionCount: 8 });
    const response = await db().response.findUniqueOrThrow({
      where: { slug: created.slug },
      include: { sections: { orderBy: { position: 'asc' }, include: { currentVersion: { include: { authors: true } }, versions: true } } },
    });
    expect(response.phase).toBe('DRAFTING');
    expect(response.consultationName).toBe('Community transport');
    expect(response.sections.map((s) => [s.number, s.heading])).toEqual([
      [null, ''],
      ['1', 'The opportunity'],
      ['2', 'So, what gets in the way?'],
      ['3', 'What we recommend'],
      ['4', 'Funding that lasts'],
      ['5', 'Working with councils'],
      ['6', 'Measuring what matters'],
      ['7', 'Conclusion'],
    ]);
    for (const section of response.sections) {
      expect(section.versions).toHaveLength(1);
      expect(section.currentVersion).toMatchObject({ source: 'IMPORT' });
      expect(section.currentVersion!.authors.map((a) => a.userId)).toEqual([coordinator.id]);
    }
    expect(response.sections[2].currentVersion!.text).toContain('permits take months to arrive');
    const audit = await db().auditEvent.findMany({ where: { OR: [{ targetId: response.id }, { targetId: { in: response.sections.map((s) => s.id) } }] } });
    expect(audit.filter((e) => e.action === 'response.import')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'section.version.import')).toHaveLength(8);
    expect(audit.find((e) => e.action === 'response.import')!.actorId).toBe(coordinator.id);
  });

  it('creates exactly the previewed sections after the coordinator merges, splits and renames', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const preview = await previewImport(coordinator, { fileName: 'd.txt', bytes: draft });
    expect(preview.sections).toHaveLength(8);
    const created = await importResponse(coordinator, { fileName: 'd.txt', bytes: draft }, {
      title: 'Arranged',
      ops: [
        { op: 'merge', index: 5 }, // "Measuring what matters" joins "Working with councils"
        { op: 'split', index: 1, at: 1 }, // "The opportunity" splits after its first paragraph
        { op: 'rename', index: 2, heading: 'The three questions' },
        { op: 'rename', index: 0, heading: 'Introduction' },
      ],
    });
    const sections = await db().section.findMany({ where: { response: { slug: created.slug } }, orderBy: { position: 'asc' }, include: { currentVersion: true } });
    expect(sections.map((s) => [s.number, s.heading])).toEqual([
      [null, 'Introduction'],
      ['1', 'The opportunity'],
      ['2', 'The three questions'],
      ['3', 'So, what gets in the way?'],
      ['4', 'What we recommend'],
      ['5', 'Funding that lasts'],
      ['6', 'Working with councils'],
      ['7', 'Conclusion'],
    ]);
    expect(sections[2].currentVersion!.text).toMatch(/^The consultation asks three questions:\n\nhow services are funded;/);
    expect(sections[6].currentVersion!.text).toContain('Measuring what matters\n\nCount journeys');
  });

  it('gives each response its own slug', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const first = await importResponse(coordinator, { fileName: 'd.txt', bytes: draft }, { title: 'Same title' });
    const second = await importResponse(coordinator, { fileName: 'd.txt', bytes: draft }, { title: 'Same title' });
    expect(first.slug).toBe('same-title');
    expect(second.slug).toBe('same-title-2');
  });

  it('takes the title from a Word document when none is given', async () => {
    const coordinator = await createPersonWithToken('COORDINATOR');
    const doc = new Document({
      sections: [{ children: [new Paragraph({ text: 'Warm Homes Response', heading: HeadingLevel.TITLE }), new Paragraph({ text: '1. Why', heading: HeadingLevel.HEADING_1 }), new Paragraph('Because.')] }],
    });
    const { status, body } = await callRoute(importRoute, { method: 'POST', token: coordinator.token, body: upload('x.docx', await Packer.toBuffer(doc)) });
    expect(status).toBe(201);
    expect(body.response).toMatchObject({ title: 'Warm Homes Response', sectionCount: 1 });
  });

  it('previews over the API without creating anything', async () => {
    const { token } = await createPersonWithToken('COORDINATOR');
    const before = await counts();
    const { status, body } = await callRoute(previewRoute, { method: 'POST', token, body: upload('draft.txt', draft) });
    expect(status).toBe(200);
    expect(body.preview.sections).toHaveLength(8);
    expect(body.preview.sections[2]).toMatchObject({ intro: false, heading: 'So, what gets in the way?' });
    expect(await counts()).toEqual(before);
  });
});

describe('[IMPORT] refusals create nothing', () => {
  const cases: [string, Record<string, unknown>, number, RegExp][] = [
    ['an unsupported type', upload('draft.pdf', Buffer.from('%PDF-1.7 ...')), 415, /Word documents \(\.docx\), Markdown \(\.md\) and plain text/],
    ['an empty file', { fileName: 'draft.txt', data: '' }, 400, /empty/],
    ['a file with no text', upload('draft.md', Buffer.from('\n\n---\n\n')), 400, /no text/],
    ['a broken Word document', upload('draft.docx', Buffer.from('PK\u0003\u0004 not really a zip')), 400, /could not be read as a Word document/],
    ['a file over 10 MB', upload('draft.txt', Buffer.alloc(10 * 1024 * 1024 + 10, 'a')), 413, /10 MB/],
    ['bad details', { ...upload('draft.txt', draft), consultationUrl: 'javascript:alert(1)' }, 400, /consultationUrl/],
    ['a merge that does not fit', { ...upload('draft.txt', draft), ops: [{ op: 'merge', index: 7 }] }, 400, /no following section/],
  ];

  it.each(cases)('refuses %s with a clear message, and stores nothing', async (_name, body, status, message) => {
    const { token } = await createPersonWithToken('COORDINATOR');
    const before = await counts();
    const audit = await db().auditEvent.count();
    const answer = await callRoute(importRoute, { method: 'POST', token, body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
    expect(await db().auditEvent.count()).toBe(audit);
  });

  it('refuses drafters and members (403), and stores nothing', async () => {
    for (const role of ['MEMBER', 'DRAFTER'] as const) {
      const { token } = await createPersonWithToken(role);
      const before = await counts();
      const answer = await callRoute(importRoute, { method: 'POST', token, body: upload('draft.txt', draft) });
      expect(answer.status).toBe(403);
      expect((await callRoute(previewRoute, { method: 'POST', token, body: upload('draft.txt', draft) })).status).toBe(403);
      expect(await counts()).toEqual(before);
    }
  });

  it('rolls back every section when one of them is too long', async () => {
    const coordinator = await createPerson('COORDINATOR');
    const before = await counts();
    const huge = `1. Short\n\nFine.\n\n2. Long\n\n${'word '.repeat(45_000)}`;
    await expect(importResponse(coordinator, { fileName: 'h.txt', bytes: Buffer.from(huge) }, {})).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await counts()).toEqual(before);
  });
});
