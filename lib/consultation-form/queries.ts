/**
 * Reading a response's consultation form: its questions in the form's order, and for each
 * the answer the network gives now — the current text of the sections mapped to it, or
 * the mapped passages of them — with its word count against the form's limit. Everyone
 * signed in may read it (`caller` is still required so nothing is read anonymously).
 */
import 'server-only';
import { resolveAnchor, type AnchorStatus } from '@/lib/anchoring/text-quote';
import { type Actor, type Caller } from '@/lib/auth/policy';
import { checkWords, type WordCheck } from '@/lib/consultation-form/words';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { readStoredAnchor } from '@/lib/feedback/anchors';
import { sectionTitle } from '@/lib/format';
import type { Phase } from '@/lib/generated/prisma/enums';
import { docFromText, type PMDoc, type PMNode } from '@/lib/sections/content';

/** One section, or passage of a section, that answers a question. */
export type AnswerPartDto = {
  id: string;
  sectionId: string;
  sectionTitle: string;
  /** The quoted words as mapped; null when the whole section answers. */
  passage: string | null;
  /** Where the passage is in the section's text now (see lib/anchoring): "section" when the whole section answers. */
  status: 'section' | AnchorStatus;
};

export type QuestionDto = {
  id: string;
  number: string;
  text: string;
  wordLimit: number | null;
  position: number;
  answers: AnswerPartDto[];
  /** The answer as it reads now (plain text), with its word count against the limit. */
  answer: WordCheck & { text: string; missing: boolean };
};

export type ConsultationFormDto = {
  response: { id: string; slug: string; title: string; consultationName: string; phase: Phase };
  questions: QuestionDto[];
  /** The response's sections, for choosing which answers a question. */
  sections: { id: string; title: string }[];
  summary: { questions: number; answered: number; unanswered: string[]; overLimit: string[] };
};

/** An answer part with what the exports render: the section's blocks, or the passage's. */
export type AnswerPart = AnswerPartDto & { text: string; blocks: PMNode[] };
export type FormQuestion = Omit<QuestionDto, 'answers'> & { answers: AnswerPart[] };
export type LoadedForm = Omit<ConsultationFormDto, 'questions'> & { questions: FormQuestion[]; asOf: Date };

export const questionSelect = { id: true, number: true, text: true, wordLimit: true, position: true } as const;

function resolvePart(
  mapping: { id: string; sectionId: string; passage: unknown },
  section: { number: string | null; heading: string; position: number; text: string; content: PMDoc | null },
): AnswerPart & { order: [number, number] } {
  const title = sectionTitle(section);
  const anchor = readStoredAnchor(mapping.passage);
  if (!anchor) {
    const blocks = (section.content?.content ?? []).filter((node) => !(node.type === 'paragraph' && !node.content?.length));
    return { id: mapping.id, sectionId: mapping.sectionId, sectionTitle: title, passage: null, status: 'section', text: section.text, blocks, order: [section.position, -1] };
  }
  const found = resolveAnchor(section.text, anchor);
  // A passage whose words are gone keeps the words as they were mapped, flagged "detached".
  const text = found.status === 'detached' ? anchor.exact : section.text.slice(found.start, found.end);
  return {
    id: mapping.id,
    sectionId: mapping.sectionId,
    sectionTitle: title,
    passage: anchor.exact,
    status: found.status,
    text,
    blocks: docFromText(text).content,
    order: [section.position, found.start ?? anchor.start],
  };
}

/** The form of the response with id `responseId`, with everything the page and the exports need. */
export async function loadForm(responseId: string): Promise<LoadedForm> {
  const response = await db().response.findUniqueOrThrow({
    where: { id: responseId },
    select: {
      id: true, slug: true, title: true, consultationName: true, phase: true, createdAt: true,
      sections: {
        orderBy: { position: 'asc' },
        select: { id: true, number: true, heading: true, position: true, currentVersion: { select: { text: true, content: true, createdAt: true } } },
      },
      questions: {
        where: { removedAt: null },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
        select: { ...questionSelect, updatedAt: true, answers: { where: { removedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, sectionId: true, passage: true, createdAt: true } } },
      },
    },
  });
  const sections = new Map(
    response.sections.map((section) => [
      section.id,
      { ...section, text: section.currentVersion?.text ?? '', content: (section.currentVersion?.content as PMDoc | undefined) ?? null },
    ]),
  );
  let asOf = response.createdAt;
  const later = (at: Date | undefined) => {
    if (at && at > asOf) asOf = at;
  };
  const questions: FormQuestion[] = response.questions.map((question) => {
    later(question.updatedAt);
    const parts = question.answers
      .filter((mapping) => sections.has(mapping.sectionId))
      .map((mapping) => {
        later(mapping.createdAt);
        const section = sections.get(mapping.sectionId)!;
        later(section.currentVersion?.createdAt);
        return resolvePart(mapping, section);
      })
      .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
      .map(({ order: _order, ...part }) => part);
    const text = parts.map((part) => part.text.trim()).filter(Boolean).join('\n\n');
    return {
      id: question.id,
      number: question.number,
      text: question.text,
      wordLimit: question.wordLimit,
      position: question.position,
      answers: parts,
      answer: { ...checkWords(text, question.wordLimit), text, missing: !text.trim() },
    };
  });
  return {
    response: { id: response.id, slug: response.slug, title: response.title, consultationName: response.consultationName, phase: response.phase },
    questions,
    sections: response.sections.map((section) => ({ id: section.id, title: sectionTitle(section) })),
    summary: {
      questions: questions.length,
      answered: questions.filter((question) => !question.answer.missing).length,
      unanswered: questions.filter((question) => question.answer.missing).map((question) => question.number),
      overLimit: questions.filter((question) => question.answer.overLimit).map((question) => question.number),
    },
    asOf,
  };
}

export async function findResponseBySlug(slug: string) {
  const response = await db().response.findUnique({ where: { slug }, select: { id: true, slug: true, phase: true } });
  if (!response) throw notFound(`The response "${slug}"`);
  return response;
}

function toDto(form: LoadedForm): ConsultationFormDto {
  const { asOf: _asOf, questions, ...rest } = form;
  return { ...rest, questions: questions.map((question) => ({ ...question, answers: question.answers.map(({ text: _text, blocks: _blocks, ...part }) => part) })) };
}

/** The consultation form of the response `slug`, as the page and `GET …/questions` show it. */
export async function getConsultationForm(caller: Actor, slug: string): Promise<ConsultationFormDto> {
  void caller;
  const response = await findResponseBySlug(slug);
  return toDto(await loadForm(response.id));
}

/** One question as the API answers it (its answer as it reads now). */
export async function getQuestion(caller: Actor, id: string): Promise<QuestionDto> {
  void caller;
  const question = await db().consultationQuestion.findUnique({ where: { id }, select: { responseId: true, removedAt: true } });
  if (!question || question.removedAt) throw notFound('That question');
  const found = toDto(await loadForm(question.responseId)).questions.find((candidate) => candidate.id === id);
  if (!found) throw notFound('That question');
  return found;
}
