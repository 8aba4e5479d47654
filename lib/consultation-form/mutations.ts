/**
 * Writing a response's consultation form: entering questions (one by one or a pasted
 * list), changing, ordering and removing them, and saying which section — or which
 * passage of a section — answers each. Coordinators only. Every function parses `unknown`
 * input with the schemas the page's forms use, checks the caller itself, and records an
 * audit event in the same transaction as the write. Nothing is deleted: a removed
 * question and an unmapped answer keep a removedAt.
 */
import 'server-only';
import { describeRange, locateSelector } from '@/lib/anchoring/text-quote';
import { recordAudit } from '@/lib/audit';
import { type Actor, actorIdOf, type Caller, isOperator } from '@/lib/auth/policy';
import { parseQuestionList, type SkippedLine } from '@/lib/consultation-form/parse-list';
import { canManageQuestions } from '@/lib/consultation-form/policy';
import { findResponseBySlug, getQuestion, type QuestionDto } from '@/lib/consultation-form/queries';
import {
  MAX_QUESTIONS,
  mappingSchema,
  questionListSchema,
  questionSchema,
  questionUpdateSchema,
  reorderSchema,
  type QuestionInput,
} from '@/lib/consultation-form/schemas';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import { sectionTitle } from '@/lib/format';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockKey } from '@/lib/db/locks';

function assertCoordinator(caller: Actor) {
  if (!isOperator(caller) && !canManageQuestions(caller)) throw forbidden('Only coordinators can change the consultation’s questions and which sections answer them');
}

const badField = (field: string, message: string) => new AppError('bad_request', `Invalid input: ${field}: ${message}`, { fields: { [field]: message } });

/** One writer at a time per form, so positions and "is this number taken?" stay true. */
async function lockForm(tx: Tx, responseId: string) {
  await lockKey(tx, `consultation-form:${responseId}`);
}

async function activeQuestions(tx: Tx, responseId: string) {
  return tx.consultationQuestion.findMany({
    where: { responseId, removedAt: null },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, number: true, position: true },
  });
}

const sameNumber = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function findQuestion(tx: Tx | ReturnType<typeof db>, id: string) {
  const question = await tx.consultationQuestion.findUnique({ where: { id }, select: { id: true, responseId: true, number: true, removedAt: true } });
  if (!question || question.removedAt) throw notFound('That question');
  return question;
}

async function insertQuestions(tx: Tx, caller: Actor, responseId: string, inputs: QuestionInput[], field: string) {
  const existing = await activeQuestions(tx, responseId);
  if (existing.length + inputs.length > MAX_QUESTIONS) throw badField(field, `A form can have at most ${MAX_QUESTIONS} questions`);
  const seen = [...existing.map((question) => question.number)];
  for (const input of inputs) {
    if (seen.some((number) => sameNumber(number, input.number))) throw badField(field === 'list' ? 'list' : 'number', `There is already a question ${input.number}: give each question its own number`);
    seen.push(input.number);
  }
  let position = existing.length ? Math.max(...existing.map((question) => question.position)) + 1 : 0;
  const created: string[] = [];
  for (const input of inputs) {
    const row = await tx.consultationQuestion.create({ data: { responseId, number: input.number, text: input.text, wordLimit: input.wordLimit, position: position++ }, select: { id: true } });
    await recordAudit(tx, { actorId: actorIdOf(caller), action: 'question.create', targetType: 'question', targetId: row.id, data: { responseId, number: input.number, wordLimit: input.wordLimit } });
    created.push(row.id);
  }
  return created;
}

/** Adds one question at the end of the form of the response `slug`. */
export async function addQuestion(caller: Actor, slug: string, input: unknown): Promise<QuestionDto> {
  assertCoordinator(caller);
  const data = parseInput(questionSchema, input);
  const response = await findResponseBySlug(slug);
  const [id] = await db().$transaction(async (tx) => {
    await lockForm(tx, response.id);
    return insertQuestions(tx, caller, response.id, [data], 'number');
  });
  return getQuestion(caller, id);
}

/**
 * Adds every question of a pasted list (see lib/consultation-form/parse-list.ts) at the
 * end of the form, in one transaction: all of them or, on any problem, none. Lines that
 * are not questions are left out and returned in `skipped`, so the page can say so.
 */
export async function addQuestionList(caller: Actor, slug: string, input: unknown): Promise<{ questions: QuestionDto[]; skipped: SkippedLine[] }> {
  assertCoordinator(caller);
  const { list } = parseInput(questionListSchema, input);
  const parsed = parseQuestionList(list);
  if (!parsed.questions.length) throw badField('list', 'No numbered questions were found: start each question with its number, like “1. Do you agree…?”');
  const inputs: QuestionInput[] = [];
  for (const question of parsed.questions) {
    const checked = questionSchema.safeParse(question);
    if (!checked.success) throw badField('list', `Question ${question.number} (line ${question.line}): ${checked.error.issues[0].message}`);
    inputs.push(checked.data);
  }
  const response = await findResponseBySlug(slug);
  const ids = await db().$transaction(async (tx) => {
    await lockForm(tx, response.id);
    return insertQuestions(tx, caller, response.id, inputs, 'list');
  });
  const questions = await Promise.all(ids.map((id) => getQuestion(caller, id)));
  return { questions, skipped: parsed.skipped };
}

/** Changes a question's number, words or word limit (fields not sent keep their values). */
export async function updateQuestion(caller: Actor, id: string, input: unknown): Promise<QuestionDto> {
  assertCoordinator(caller);
  const data = parseInput(questionUpdateSchema, input);
  await db().$transaction(async (tx) => {
    const question = await findQuestion(tx, id);
    await lockForm(tx, question.responseId);
    if (data.number !== undefined && !sameNumber(data.number, question.number)) {
      const others = await activeQuestions(tx, question.responseId);
      if (others.some((other) => other.id !== id && sameNumber(other.number, data.number!))) throw badField('number', `There is already a question ${data.number}: give each question its own number`);
    }
    const changes: Prisma.ConsultationQuestionUpdateInput = {};
    if (data.number !== undefined) changes.number = data.number;
    if (data.text !== undefined) changes.text = data.text;
    if (data.wordLimit !== undefined) changes.wordLimit = data.wordLimit;
    await tx.consultationQuestion.update({ where: { id }, data: changes });
    await recordAudit(tx, { actorId: actorIdOf(caller), action: 'question.update', targetType: 'question', targetId: id, data: { responseId: question.responseId, ...(changes as Record<string, string | number | null>) } });
  });
  return getQuestion(caller, id);
}

/** Removes a question from the form: it is marked removed, never deleted. */
export async function removeQuestion(caller: Actor, id: string): Promise<{ id: string; removed: true }> {
  assertCoordinator(caller);
  await db().$transaction(async (tx) => {
    const question = await findQuestion(tx, id);
    await lockForm(tx, question.responseId);
    await tx.consultationQuestion.update({ where: { id }, data: { removedAt: new Date() } });
    await recordAudit(tx, { actorId: actorIdOf(caller), action: 'question.remove', targetType: 'question', targetId: id, data: { responseId: question.responseId, number: question.number } });
  });
  return { id, removed: true };
}

/** Puts the questions in a new order: `questionIds` must name every question of the form once. */
export async function reorderQuestions(caller: Actor, slug: string, input: unknown): Promise<{ questionIds: string[] }> {
  assertCoordinator(caller);
  const { questionIds } = parseInput(reorderSchema, input);
  const response = await findResponseBySlug(slug);
  await db().$transaction(async (tx) => {
    await lockForm(tx, response.id);
    const current = await activeQuestions(tx, response.id);
    const known = new Set(current.map((question) => question.id));
    if (new Set(questionIds).size !== questionIds.length || questionIds.length !== known.size || questionIds.some((id) => !known.has(id))) {
      throw badField('questionIds', `Send the ids of every question of this form (${known.size}), each once, in the new order`);
    }
    for (const [position, id] of questionIds.entries()) {
      if (current.find((question) => question.id === id)!.position !== position) await tx.consultationQuestion.update({ where: { id }, data: { position } });
    }
    await recordAudit(tx, { actorId: actorIdOf(caller), action: 'question.reorder', targetType: 'response', targetId: response.id, data: { questionIds } });
  });
  return { questionIds };
}

/** Moves one question a place up or down (the page's buttons); at either end nothing changes. */
export async function moveQuestion(caller: Actor, id: string, direction: 'up' | 'down'): Promise<{ questionIds: string[] }> {
  assertCoordinator(caller);
  const question = await findQuestion(db(), id);
  const response = await db().response.findUniqueOrThrow({ where: { id: question.responseId }, select: { slug: true } });
  const ids = (await db().consultationQuestion.findMany({ where: { responseId: question.responseId, removedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } })).map((row) => row.id);
  const at = ids.indexOf(id);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= ids.length) return { questionIds: ids };
  [ids[at], ids[to]] = [ids[to], ids[at]];
  return reorderQuestions(caller, response.slug, { questionIds: ids });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where the passage is in the section's plain text. Words copied from the page may wrap
 * or lose the blank line between paragraphs, so when the exact characters are not there
 * the same words with any spacing between them are looked for.
 */
function locatePassage(text: string, selector: { exact: string; prefix?: string; suffix?: string; start?: number }) {
  const found = locateSelector(text, selector);
  if (found.ok) return found;
  if (found.reason === 'ambiguous') {
    throw badField('passage', `These words occur ${found.count} times in the section: quote a few more words around them so it is clear which is meant`);
  }
  const words = selector.exact.split(/\s+/).filter(Boolean);
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'g');
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 1) return { ok: true as const, start: matches[0].index!, end: matches[0].index! + matches[0][0].length };
  if (matches.length > 1) throw badField('passage', `These words occur ${matches.length} times in the section: quote a few more words around them so it is clear which is meant`);
  throw badField('passage', 'These words are not in the section’s text: copy them from the section exactly, or leave the passage empty to map the whole section');
}

export type MappingDto = { id: string; questionId: string; sectionId: string; sectionTitle: string; passage: string | null };

/** Says that a section — or, with `passage`, a quoted passage of it — answers the question. */
export async function mapAnswer(caller: Actor, questionId: string, input: unknown): Promise<MappingDto> {
  assertCoordinator(caller);
  const data = parseInput(mappingSchema, input);
  return db().$transaction(async (tx) => {
    const question = await findQuestion(tx, questionId);
    await lockForm(tx, question.responseId);
    const section = await tx.section.findUnique({
      where: { id: data.sectionId },
      select: { id: true, responseId: true, number: true, heading: true, currentVersion: { select: { id: true, text: true } } },
    });
    if (!section || section.responseId !== question.responseId) throw badField('sectionId', 'Choose a section of this response');
    let passage: (ReturnType<typeof describeRange> & { versionId: string | null }) | null = null;
    if (data.passage) {
      const text = section.currentVersion?.text ?? '';
      const at = locatePassage(text, data.passage);
      passage = { ...describeRange(text, at.start, at.end), versionId: section.currentVersion?.id ?? null };
    }
    const earlier = await tx.questionAnswer.findMany({ where: { questionId, sectionId: section.id, removedAt: null }, select: { passage: true } });
    const duplicate = earlier.some((row) => {
      const stored = row.passage as { start?: number; end?: number } | null;
      return passage ? stored?.start === passage.start && stored?.end === passage.end : !stored;
    });
    if (duplicate) throw new AppError('conflict', `${sectionTitle(section)} already answers question ${question.number}${passage ? ' with that passage' : ''}`);
    const row = await tx.questionAnswer.create({ data: { questionId, sectionId: section.id, passage: passage ?? undefined }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actorIdOf(caller),
      action: 'question.map',
      targetType: 'question',
      targetId: questionId,
      data: { answerId: row.id, sectionId: section.id, ...(passage ? { passage: passage.exact.slice(0, 200) } : {}) },
    });
    return { id: row.id, questionId, sectionId: section.id, sectionTitle: sectionTitle(section), passage: passage?.exact ?? null };
  });
}

/** Takes a section (or passage) off a question; the mapping is marked removed. */
export async function unmapAnswer(caller: Actor, questionId: string, answerId: string): Promise<{ id: string; removed: true }> {
  assertCoordinator(caller);
  await db().$transaction(async (tx) => {
    const question = await findQuestion(tx, questionId);
    const answer = await tx.questionAnswer.findUnique({ where: { id: answerId }, select: { questionId: true, sectionId: true, removedAt: true } });
    if (!answer || answer.questionId !== questionId || answer.removedAt) throw notFound('That answer');
    await tx.questionAnswer.update({ where: { id: answerId }, data: { removedAt: new Date() } });
    await recordAudit(tx, { actorId: actorIdOf(caller), action: 'question.unmap', targetType: 'question', targetId: question.id, data: { answerId, sectionId: answer.sectionId } });
  });
  return { id: answerId, removed: true };
}
