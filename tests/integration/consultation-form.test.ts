/**
 * The consultation's own form: coordinators enter its questions (one by one or pasted as a
 * list), order them, remove them (marked, never deleted) and map sections or passages to
 * them; everyone signed in reads each question with its answer's word count; the form
 * export gives the answers question by question in txt, md and docx, over-limit answers
 * flagged. Through the API and the command line.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { GET as formExportRoute } from '@/app/api/v1/responses/[slug]/export/form/route';
import { POST as reorderRoute } from '@/app/api/v1/responses/[slug]/questions/order/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/responses/[slug]/questions/route';
import { DELETE as unmapRoute } from '@/app/api/v1/questions/[id]/answers/[answerId]/route';
import { POST as mapRoute } from '@/app/api/v1/questions/[id]/answers/route';
import { DELETE as removeRoute, PATCH as updateRoute } from '@/app/api/v1/questions/[id]/route';
import { exportForm } from '@/lib/consultation-form/export';
import { parseQuestionList } from '@/lib/consultation-form/parse-list';
import { countWords } from '@/lib/consultation-form/words';
import { db } from '@/lib/db';
import { exportBytes } from '@/lib/export/service';
import { runChorus } from '@/tests/support/cli';
import { callRoute, createPersonWithToken, createResponse } from '@/tests/support/factories';

const SECTIONS = [
  'We agree with the duty. It should apply to every public body.',
  'Funding should follow need. Small groups need multi-year grants, not one-off pots. Councils should publish how they decide.',
  'Nothing more to add here.',
];

async function setUp() {
  const coordinator = await createPersonWithToken('COORDINATOR');
  const member = await createPersonWithToken('MEMBER');
  const { response, sections } = await createResponse({ sections: SECTIONS, authorId: coordinator.person.id });
  return { coordinator, member, slug: response.slug, response, sections };
}

const questionsUrl = (slug: string) => `http://localhost:3000/api/v1/responses/${slug}/questions`;
const post = (token: string | undefined, slug: string, body: unknown) => callRoute(createRoute, { method: 'POST', token, params: { slug }, url: questionsUrl(slug), body });
const list = (token: string | undefined, slug: string) => callRoute(listRoute, { token, params: { slug }, url: questionsUrl(slug) });
const map = (token: string, id: string, body: unknown) => callRoute(mapRoute, { method: 'POST', token, params: { id }, body });
const exported = (token: string, slug: string, format: string) =>
  callRoute(formExportRoute, { token, params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/export/form?format=${format}` });
const questionCount = (responseId: string) => db().consultationQuestion.count({ where: { responseId } });

const PASTED = `Consultation questions

1. Do you agree that the duty should apply to every public body? (10 words)
1a. If not, why not?
Q3 How should funding be allocated
to small groups? [max 250 words]
Question 4: Is there anything else you would like to tell us?`;

describe('[FORM] reading the questions', () => {
  it('should require authentication', async () => {
    const { slug } = await setUp();
    expect((await list(undefined, slug)).status).toBe(401);
    expect((await post(undefined, slug, { number: '1', text: 'A question?' })).status).toBe(401);
    expect((await callRoute(formExportRoute, { params: { slug }, url: `http://localhost:3000/api/v1/responses/${slug}/export/form?format=txt` })).status).toBe(401);
  });

  it('parses pasted numbers like 1, 1a, Q3 and "Question 4" with their word limits, and counts words as forms do', () => {
    const parsed = parseQuestionList(PASTED);
    expect(parsed.questions.map(({ number, wordLimit }) => [number, wordLimit])).toEqual([['1', 10], ['1a', null], ['3', 250], ['4', null]]);
    expect(parsed.questions[2].text).toBe('How should funding be allocated to small groups?');
    expect(parsed.skipped).toEqual([{ line: 1, text: 'Consultation questions' }]);
    expect(parseQuestionList('2024 was a hard year.').questions).toEqual([]);
    expect(countWords('• Evidence-based, don’t — 3 words')).toBe(4);
  });
});

describe('[FORM] coordinators enter and change the questions', () => {
  it('a coordinator pastes a list: every question is added in order with its limit, and the left-out lines are reported', async () => {
    const { coordinator, slug, response } = await setUp();
    const answer = await post(coordinator.token, slug, { list: PASTED });
    expect(answer.status).toBe(201);
    expect(answer.body.questions.map((q: { number: string }) => q.number)).toEqual(['1', '1a', '3', '4']);
    expect(answer.body.skipped).toEqual([{ line: 1, text: 'Consultation questions' }]);
    const listed = await list(coordinator.token, slug);
    expect(listed.status).toBe(200);
    expect(listed.body.questions.map((q: { number: string; wordLimit: number | null }) => [q.number, q.wordLimit])).toEqual([['1', 10], ['1a', null], ['3', 250], ['4', null]]);
    expect(listed.body.summary).toMatchObject({ questions: 4, answered: 0, unanswered: ['1', '1a', '3', '4'] });
    expect(await db().auditEvent.count({ where: { action: 'question.create', actorId: coordinator.person.id, data: { path: ['responseId'], equals: response.id } } })).toBe(4);
  });

  it('a coordinator adds, edits, reorders and removes a question; the removed one is kept, marked removed', async () => {
    const { coordinator, slug } = await setUp();
    const first = (await post(coordinator.token, slug, { number: 'Q1', text: 'First?', wordLimit: '300' })).body.question;
    expect(first).toMatchObject({ number: '1', text: 'First?', wordLimit: 300 });
    const second = (await post(coordinator.token, slug, { number: '2', text: 'Second?' })).body.question;
    const edited = await callRoute(updateRoute, { method: 'PATCH', token: coordinator.token, params: { id: second.id }, body: { text: 'Second, reworded?', wordLimit: 150 } });
    expect(edited.status).toBe(200);
    expect(edited.body.question).toMatchObject({ number: '2', text: 'Second, reworded?', wordLimit: 150 });
    const reordered = await callRoute(reorderRoute, { method: 'POST', token: coordinator.token, params: { slug }, body: { questionIds: [second.id, first.id] } });
    expect(reordered.status).toBe(200);
    expect((await list(coordinator.token, slug)).body.questions.map((q: { id: string }) => q.id)).toEqual([second.id, first.id]);
    const removed = await callRoute(removeRoute, { method: 'DELETE', token: coordinator.token, params: { id: first.id } });
    expect(removed.status).toBe(200);
    expect((await list(coordinator.token, slug)).body.questions.map((q: { id: string }) => q.id)).toEqual([second.id]);
    const row = await db().consultationQuestion.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.removedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { targetId: first.id, action: 'question.remove' } })).toBe(1);
    // A removed question's number is free again.
    expect((await post(coordinator.token, slug, { number: '1', text: 'First again?' })).status).toBe(201);
  });

  it('a member cannot add, change, reorder, remove or map questions, and nothing changes', async () => {
    const { coordinator, member, slug, response, sections } = await setUp();
    const question = (await post(coordinator.token, slug, { number: '1', text: 'First?' })).body.question;
    const before = await db().auditEvent.count();
    expect((await post(member.token, slug, { number: '2', text: 'Mine?' })).status).toBe(403);
    expect((await post(member.token, slug, { list: '2. Mine?' })).status).toBe(403);
    expect((await callRoute(updateRoute, { method: 'PATCH', token: member.token, params: { id: question.id }, body: { text: 'Changed?' } })).status).toBe(403);
    expect((await callRoute(reorderRoute, { method: 'POST', token: member.token, params: { slug }, body: { questionIds: [question.id] } })).status).toBe(403);
    expect((await callRoute(removeRoute, { method: 'DELETE', token: member.token, params: { id: question.id } })).status).toBe(403);
    expect((await map(member.token, question.id, { sectionId: sections[0].id })).status).toBe(403);
    expect(await questionCount(response.id)).toBe(1);
    expect(await db().consultationQuestion.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({ text: 'First?', removedAt: null });
    expect(await db().questionAnswer.count({ where: { questionId: question.id } })).toBe(0);
    expect(await db().auditEvent.count()).toBe(before);
    // Members read the form.
    expect((await list(member.token, slug)).status).toBe(200);
  });

  it('bad input is refused with a message per field, and changes nothing', async () => {
    const { coordinator, slug, response } = await setUp();
    const question = (await post(coordinator.token, slug, { number: '1', text: 'First?' })).body.question;
    const cases: [unknown, string, RegExp][] = [
      [{ number: '2', text: '   ' }, 'text', /Enter the question/],
      [{ number: '', text: 'No number?' }, 'number', /number/],
      [{ number: '2', text: 'Limit?', wordLimit: 'lots' }, 'wordLimit', /whole number/],
      [{ number: '2', text: 'Limit?', wordLimit: -5 }, 'wordLimit', /whole number|between/],
      [{ number: '1', text: 'Same number?' }, 'number', /already a question 1/],
      [{ list: 'Just some words, no numbers' }, 'list', /No numbered questions/],
      [{ list: '2. Fine?\n1. Taken?' }, 'list', /already a question 1/],
    ];
    for (const [body, field, message] of cases) {
      const answer = await post(coordinator.token, slug, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.fields[field], JSON.stringify(body)).toMatch(message);
    }
    expect(cases.length).toBe(7);
    const badOrder = await callRoute(reorderRoute, { method: 'POST', token: coordinator.token, params: { slug }, body: { questionIds: ['nope'] } });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.fields.questionIds).toBeTruthy();
    const badPatch = await callRoute(updateRoute, { method: 'PATCH', token: coordinator.token, params: { id: question.id }, body: { text: '' } });
    expect(badPatch.status).toBe(400);
    expect(await questionCount(response.id)).toBe(1);
    expect(await db().consultationQuestion.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({ number: '1', text: 'First?' });
  });
});

describe('[FORM] which sections answer which question', () => {
  it('maps whole sections and passages; each answer has its word count against the limit, and unanswered questions are listed', async () => {
    const { coordinator, member, slug, sections } = await setUp();
    const { questions } = (await post(coordinator.token, slug, { list: '1. Do you agree? (5 words)\n2. How should funding work? (100 words)\n3. Anything else?' })).body;
    const whole = await map(coordinator.token, questions[0].id, { sectionId: sections[0].id });
    expect(whole.status).toBe(201);
    expect(whole.body.answer).toMatchObject({ sectionId: sections[0].id, passage: null, sectionTitle: '1. Section 1' });
    const passage = await map(coordinator.token, questions[1].id, { sectionId: sections[1].id, passage: 'Small groups need multi-year grants, not one-off pots.' });
    expect(passage.status).toBe(201);
    expect((await map(coordinator.token, questions[0].id, { sectionId: sections[0].id })).status).toBe(409);

    const form = (await list(member.token, slug)).body;
    expect(form.questions[0].answer).toMatchObject({ wordCount: 12, wordLimit: 5, overLimit: true, overBy: 7, missing: false });
    expect(form.questions[1].answer).toMatchObject({ text: 'Small groups need multi-year grants, not one-off pots.', wordCount: 8, overLimit: false });
    expect(form.questions[1].answers[0]).toMatchObject({ passage: 'Small groups need multi-year grants, not one-off pots.', status: 'anchored' });
    expect(form.summary).toMatchObject({ answered: 2, unanswered: ['3'], overLimit: ['1'] });

    // Unmapping marks the mapping removed; the question is unanswered again.
    const unmapped = await callRoute(unmapRoute, { method: 'DELETE', token: coordinator.token, params: { id: questions[1].id, answerId: passage.body.answer.id } });
    expect(unmapped.status).toBe(200);
    expect((await list(member.token, slug)).body.summary.unanswered).toEqual(['2', '3']);
    expect((await db().questionAnswer.findUniqueOrThrow({ where: { id: passage.body.answer.id } })).removedAt).not.toBeNull();
  });

  it('refuses a passage that is not in the section, and a section of another response, changing nothing', async () => {
    const { coordinator, slug, sections } = await setUp();
    const other = await createResponse();
    const question = (await post(coordinator.token, slug, { number: '1', text: 'First?' })).body.question;
    const missing = await map(coordinator.token, question.id, { sectionId: sections[1].id, passage: 'words that were never written' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.passage).toMatch(/not in the section/);
    const elsewhere = await map(coordinator.token, question.id, { sectionId: other.sections[0].id });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.fields.sectionId).toMatch(/this response/);
    const nothing = await map(coordinator.token, question.id, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.fields.sectionId).toBeTruthy();
    expect(await db().questionAnswer.count({ where: { questionId: question.id } })).toBe(0);
  });
});

describe('[FORM] export as the form asks', () => {
  async function mapped() {
    const setup = await setUp();
    const { coordinator, slug, sections } = setup;
    const { questions } = (await post(coordinator.token, slug, { list: '1. Do you agree? (5 words)\n2. How should funding work? (100 words)\n3. Anything else?' })).body;
    await map(coordinator.token, questions[0].id, { sectionId: sections[0].id });
    await map(coordinator.token, questions[1].id, { sectionId: sections[1].id, passage: 'Small groups need multi-year grants, not one-off pots.' });
    return setup;
  }

  it('gives the questions in the form’s order, each with its answer, flagging over-limit and unanswered questions (txt, md, docx)', async () => {
    const { coordinator, slug } = await mapped();
    const txt = await exported(coordinator.token, slug, 'txt');
    expect(txt.status).toBe(200);
    expect(txt.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-form.txt"`);
    const body: string = txt.body;
    expect(body.indexOf('Question 1')).toBeLessThan(body.indexOf('Question 2'));
    expect(body.indexOf('Question 2')).toBeLessThan(body.indexOf('Question 3'));
    expect(body).toContain('Question 1\n\nDo you agree?\n\nOVER THE WORD LIMIT: 12 words: 7 over the limit of 5');
    expect(body).toContain('We agree with the duty. It should apply to every public body.');
    expect(body).toContain('Answer (8 of 100 words):\n\nSmall groups need multi-year grants, not one-off pots.');
    expect(body).not.toContain('Councils should publish');
    expect(body).toContain('Question 3\n\nAnything else?\n\nNo answer yet');

    const md = await exported(coordinator.token, slug, 'md');
    expect(md.status).toBe(200);
    expect(md.body).toContain('## Question 1\n\n*Do you agree?*\n\n**OVER THE WORD LIMIT');
    const docx = await exportForm(coordinator.person, slug, { format: 'docx' });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await exportBytes(docx)) });
    expect(value).toContain('Question 2');
    expect(value).toContain('Small groups need multi-year grants, not one-off pots.');
    // Repeated exports are the same bytes.
    const again = await exportForm(coordinator.person, slug, { format: 'docx' });
    expect(Buffer.from(await exportBytes(again)).equals(Buffer.from(await exportBytes(docx)))).toBe(true);
  });

  it('members download the text; Word and Markdown are for drafters and coordinators; a bad format is refused', async () => {
    const { member, coordinator, slug } = await mapped();
    expect((await exported(member.token, slug, 'txt')).status).toBe(200);
    expect((await exported(member.token, slug, 'docx')).status).toBe(403);
    const bad = await exported(coordinator.token, slug, 'pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.format).toBeTruthy();
  });

  it('the command line exports the form with --form', async () => {
    const { slug } = await mapped();
    const run = await runChorus(['export', slug, '--form', '--format', 'txt']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Question 2\n\nHow should funding work?\n\nAnswer (8 of 100 words):');
  });
});
