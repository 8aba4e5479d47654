import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { GET as exportRoute } from '@/app/api/v1/responses/[slug]/export/route';
import { GET as reportRoute } from '@/app/api/v1/responses/[slug]/report/route';
import { createComment } from '@/lib/comments/mutations';
import { db } from '@/lib/db';
import { exportBytes, exportReport, exportResponse } from '@/lib/export/service';
import { importResponse } from '@/lib/import/mutations';
import { disposeFeedback } from '@/lib/merge/mutations';
import { changePhase } from '@/lib/responses/mutations';
import { applySectionEdit } from '@/lib/sections/mutations';
import { docFromText } from '@/lib/sections/content';
import { acceptSuggestion, createSuggestion } from '@/lib/suggestions/mutations';
import { callRoute, createCaseStudy, createPerson, createPersonWithToken } from '@/tests/support/factories';
import { findTool, requireTool } from '@/tests/support/tools';

const fixture = readFileSync(path.join(import.meta.dirname, '../fixtures/import/draft.txt'));
const words = (text: string) => text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
const text = async (file: Awaited<ReturnType<typeof exportResponse>>) => new TextDecoder().decode(await exportBytes(file));

async function imported(title = 'Riverside response') {
  const coordinator = await createPersonWithToken('COORDINATOR');
  const created = await importResponse(coordinator.person, { fileName: 'draft.txt', bytes: fixture }, { title, consultationName: 'Community transport' });
  const response = await db().response.findUniqueOrThrow({ where: { slug: created.slug }, include: { sections: { orderBy: { position: 'asc' } } } });
  return { coordinator, slug: created.slug, response, sections: response.sections };
}

const get = (token: string | undefined, slug: string, query: string) =>
  callRoute(exportRoute, { token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/export?${query}` });

describe('[EXPORT] formats', () => {
  it('should require authentication', async () => {
    const { slug } = await imported();
    expect((await get(undefined, slug, 'format=txt')).status).toBe(401);
    expect((await callRoute(reportRoute, { params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/report?format=md` })).status).toBe(401);
  });

  it('exports an imported draft as txt with every word of the file, in order', async () => {
    const { coordinator, slug } = await imported();
    const answer = await get(coordinator.token, slug, 'format=txt');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${slug}.txt"`);
    expect(words(answer.body)).toEqual(words(`Riverside response\n${fixture.toString('utf8')}`));
  });

  it('exports Markdown and Word with the same words', async () => {
    const { coordinator, slug } = await imported();
    const md = await get(coordinator.token, slug, 'format=md');
    expect(md.status).toBe(200);
    expect(md.body).toContain('# Riverside response\n\nThis is the draft response');
    expect(md.body).toContain('## 2. So, what gets in the way?');
    const docx = await exportResponse(coordinator.person, slug, { format: 'docx' });
    expect(docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await exportBytes(docx)) });
    expect(value).toContain('2. So, what gets in the way?');
    expect(value).toContain('permits take months to arrive');
  });

  it('gives identical bytes on repeated runs, in every format', async () => {
    const { coordinator, slug } = await imported();
    for (const format of ['txt', 'md', 'docx', 'json']) {
      const first = await exportBytes(await exportResponse(coordinator.person, slug, { format }));
      const second = await exportBytes(await exportResponse(coordinator.person, slug, { format }));
      expect(Buffer.from(second).equals(Buffer.from(first)), format).toBe(true);
    }
  });

  it('exports a named version exactly as it was then', async () => {
    const { coordinator, slug, response, sections } = await imported();
    await db().namedVersion.create({
      data: {
        responseId: response.id,
        label: 'For the members meeting',
        createdById: coordinator.person.id,
        sections: { create: (await db().section.findMany({ where: { responseId: response.id } })).map((s) => ({ sectionId: s.id, versionId: s.currentVersionId!, position: s.position, number: s.number, heading: s.heading })) },
      },
    });
    await applySectionEdit({ sectionId: sections[7].id, edit: () => docFromText('A new conclusion.'), authorIds: [coordinator.person.id], source: 'EDIT', actorId: coordinator.person.id });
    await db().section.update({ where: { id: sections[7].id }, data: { heading: 'Renamed conclusion' } });

    const then = await get(coordinator.token, slug, `format=txt&version=${encodeURIComponent('For the members meeting')}`);
    expect(then.status).toBe(200);
    expect(then.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-for-the-members-meeting.txt"`);
    expect(then.body).toContain('7. Conclusion\n\nWe welcome the consultation');
    expect(then.body).not.toContain('A new conclusion.');
    const now = await get(coordinator.token, slug, 'format=txt');
    expect(now.body).toContain('7. Renamed conclusion\n\nA new conclusion.\n');
    expect((await get(coordinator.token, slug, 'format=txt&version=Nope')).status).toBe(404);
  });

  it('exports "Final submission" after the response is marked final', async () => {
    const { coordinator, slug } = await imported();
    await changePhase(coordinator.person, slug, { to: 'OPEN', deadline: '2099-12-31' });
    await changePhase(coordinator.person, slug, { to: 'CLOSED' });
    await changePhase(coordinator.person, slug, { to: 'FINAL' });
    const final = await get(coordinator.token, slug, 'format=docx&version=Final%20submission');
    expect(final.status).toBe(200);
    expect(final.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-final-submission.docx"`);
  });

  it('refuses an unknown format (400) and an unknown response (404)', async () => {
    const { coordinator, slug } = await imported();
    const bad = await get(coordinator.token, slug, 'format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.format).toMatch(/txt, md, docx or json/);
    expect((await get(coordinator.token, 'nope', 'format=txt')).status).toBe(404);
  });
});

describe('[EXPORT] who may export what', () => {
  it('lets members export the current text as txt, and nothing else (403)', async () => {
    const { slug } = await imported();
    const member = await createPersonWithToken('MEMBER');
    expect((await get(member.token, slug, 'format=txt')).status).toBe(200);
    for (const query of ['format=md', 'format=docx', 'format=json', 'format=txt&version=Final%20submission']) {
      const answer = await get(member.token, slug, query);
      expect(answer.status, query).toBe(403);
    }
    const report = await callRoute(reportRoute, { token: member.token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/report?format=md` });
    expect(report.status).toBe(403);
  });

  it('gives case-study contact details and email addresses in the archive to coordinators only', async () => {
    const { coordinator, slug, response, sections } = await imported();
    const member = await createPerson('MEMBER');
    const caseStudy = await createCaseStudy({ responseId: response.id, authorId: member.id, sectionIds: [sections[1].id], status: 'ACCEPTED' });
    const drafter = await createPersonWithToken('DRAFTER');

    const full = (await get(coordinator.token, slug, 'format=json')).body;
    expect(full.complete).toBe(true);
    expect(full.caseStudies[0].contact).toEqual({ name: 'Casey Contact', email: caseStudy.contactEmail, phone: '01234 567890' });
    expect(full.people.find((p: { id: string }) => p.id === member.id).email).toBe(member.email);

    const hidden = await createCaseStudy({ responseId: response.id, authorId: member.id, sectionIds: [sections[1].id], status: 'ACCEPTED', consentShow: false, title: 'Not for members' });
    await db().caseStudyDecision.create({ data: { caseStudyId: caseStudy.id, decision: 'accept', note: 'A private moderation note.', actorId: coordinator.person.id } });
    const { comment } = await createComment(coordinator.person, sections[1].id, { body: 'First words.' });
    await db().commentRevision.create({ data: { commentId: comment.id, body: 'Earlier private wording.' } });
    const withHidden = (await get(coordinator.token, slug, 'format=json')).body;
    expect(withHidden.caseStudies.map((k: { id: string }) => k.id).sort()).toEqual([caseStudy.id, hidden.id].sort());
    expect(withHidden.caseStudyDecisions).toHaveLength(1);
    expect(withHidden.commentRevisions).toHaveLength(1);

    const partial = (await get(drafter.token, slug, 'format=json')).body;
    expect(partial.complete).toBe(false);
    expect(partial.caseStudies.map((k: { id: string }) => k.id)).toEqual([caseStudy.id]);
    expect(partial.caseStudyDecisions).toEqual([]);
    expect(partial.commentRevisions).toEqual([]);
    expect(JSON.stringify(partial)).not.toContain('A private moderation note.');
    expect(JSON.stringify(partial)).not.toContain('Earlier private wording.');
    expect(partial.caseStudies[0].contact).toBeNull();
    expect(partial.people.every((p: { email: string | null }) => p.email === null)).toBe(true);
    expect(JSON.stringify(partial)).not.toContain(caseStudy.contactEmail);
    expect(JSON.stringify(partial)).not.toContain(member.email);
  });
});

describe('[EXPORT] the JSON archive', () => {
  it('holds the response with all its history', async () => {
    const { coordinator, slug, sections } = await imported();
    await changePhase(coordinator.person, slug, { to: 'OPEN', deadline: '2099-12-31' });
    const alice = await createPerson('MEMBER', { name: 'Alice' });
    const { comment } = await createComment(alice, sections[1].id, { body: 'First thought.', anchor: { exact: 'buses do not' } });
    await createComment(coordinator.person, sections[1].id, { body: 'A reply.', parentId: comment.id });
    const { suggestion } = await createSuggestion(alice, sections[1].id, { anchor: { exact: 'over a million' }, replacement: 'more than a million' });
    await db().agreement.create({ data: { userId: coordinator.person.id, commentId: comment.id } });
    await acceptSuggestion(coordinator.person, suggestion.id);
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'NOTED', reply: 'Thanks.' });

    const archive = (await get(coordinator.token, slug, 'format=json')).body;
    expect(archive).toMatchObject({ format: 'chorus-archive', version: 1, complete: true, response: { slug, phase: 'OPEN', title: 'Riverside response' } });
    expect(archive.sections).toHaveLength(8);
    expect(archive.sectionVersions).toHaveLength(9);
    expect(archive.sectionVersions.at(-1)).toMatchObject({ source: 'SUGGESTION', authorIds: [alice.id, coordinator.person.id].sort() });
    expect(archive.comments.map((c: { body: string }) => c.body)).toEqual(['First thought.', 'A reply.']);
    expect(archive.suggestions[0]).toMatchObject({ status: 'ACCEPTED', replacement: 'more than a million' });
    expect(archive.agreements).toHaveLength(1);
    expect(archive.dispositions.map((d: { kind: string }) => d.kind).sort()).toEqual(['INCORPORATED', 'NOTED']);
    expect(archive.phaseChanges.map((p: { to: string }) => p.to)).toEqual(['OPEN']);
    expect(archive.people.map((p: { id: string }) => p.id).sort()).toEqual([alice.id, coordinator.person.id].sort());
  });
});

describe('[EXPORT] you said, we did', () => {
  it('lists each comment and suggestion with its disposition and reply, and the case studies that informed the section', async () => {
    const { coordinator, slug, response, sections } = await imported();
    await changePhase(coordinator.person, slug, { to: 'OPEN', deadline: '2099-12-31' });
    const alice = await createPerson('MEMBER', { name: 'Alice Example' });
    const { comment } = await createComment(alice, sections[1].id, { body: 'Mention rural areas.', anchor: { exact: 'buses do not' } });
    await createSuggestion(alice, sections[2].id, { anchor: { exact: 'have doubled' }, replacement: 'have more than doubled' });
    await disposeFeedback(coordinator.person, { items: [{ type: 'comment', id: comment.id }], kind: 'PARTLY_INCORPORATED', reply: 'Rural areas are now mentioned.' });
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[1].id], status: 'FEATURED', title: 'Dial-a-ride in the hills' });
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[1].id], status: 'DECLINED', title: 'Declined one' });
    await createCaseStudy({ responseId: response.id, authorId: alice.id, sectionIds: [sections[1].id], status: 'ACCEPTED', consentShow: false, title: 'Coordinators only' });

    const anonymous = new TextDecoder().decode(await exportBytes(await exportReport(coordinator.person, slug, { format: 'md' })));
    expect(anonymous).toContain('# You said, we did: Riverside response');
    expect(anonymous).toContain('## 1. The opportunity');
    expect(anonymous).toContain('On “buses do not”: Mention rural areas.');
    expect(anonymous).toContain('**Partly incorporated:** Rural areas are now mentioned.');
    expect(anonymous).toContain('Replace “have doubled” with “have more than doubled”');
    expect(anonymous).toContain('**Awaiting a response.**');
    expect(anonymous).toContain('Dial-a-ride in the hills — Casey Contact, Riverside Food Bank (featured)');
    expect(anonymous).not.toContain('Declined one');
    expect(anonymous).not.toContain('Alice Example');

    expect(anonymous).toContain('Coordinators only');
    const drafter = await createPersonWithToken('DRAFTER');
    const forDrafter = await callRoute(reportRoute, { token: drafter.token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/report?format=md` });
    expect(forDrafter.body).toContain('Dial-a-ride in the hills');
    expect(forDrafter.body).not.toContain('Coordinators only');

    const named = await callRoute(reportRoute, { token: coordinator.token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/report?format=md&names=1` });
    expect(named.status).toBe(200);
    expect(named.body).toContain('Mention rural areas. (Alice Example)');
    const docx = await callRoute(reportRoute, { token: coordinator.token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/report?format=docx` });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-you-said-we-did.docx"`);
  });
});

const soffice = findTool(['soffice', 'libreoffice']);

describe('[EXPORT] LibreOffice', () => {
  it('opens the docx and reads the same text as the txt export', async () => {
    const program = requireTool(soffice, 'LibreOffice (soffice)', 'Install LibreOffice Writer (apt-get install -y libreoffice-writer-nogui).');
    const { coordinator, slug } = await imported();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chorus-soffice-'));
    try {
      writeFileSync(path.join(dir, 'export.docx'), await exportBytes(await exportResponse(coordinator.person, slug, { format: 'docx' })));
      const result = spawnSync(program, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, path.join(dir, 'export.docx')], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const converted = readFileSync(path.join(dir, 'export.txt'), 'utf8');
      const txt = await text(await exportResponse(coordinator.person, slug, { format: 'txt' }));
      expect(words(converted)).toEqual(words(txt));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
