'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { addQuestion, addQuestionList, mapAnswer, moveQuestion, removeQuestion, unmapAnswer, updateQuestion } from '@/lib/consultation-form/mutations';

export type ListAdded = { added: string[]; skipped: string[] };

const refresh = (slug: string) => revalidatePath(`/responses/${slug}/form`);
const field = (form: FormData, name: string) => (form.has(name) ? String(form.get(name)) : undefined);

function done<T>(slug: string, result: ActionState<T>): ActionState<T> {
  if (result.ok) refresh(slug);
  return result;
}

export async function addQuestionListAction(slug: string, _: ActionState<ListAdded>, form: FormData): Promise<ActionState<ListAdded>> {
  return done(slug, await runAction(async (caller) => {
    const { questions, skipped } = await addQuestionList(caller, slug, { list: field(form, 'list') });
    return { added: questions.map((question) => question.number), skipped: skipped.map((line) => line.text) };
  }));
}

export async function addQuestionAction(slug: string, _: ActionState<{ number: string }>, form: FormData): Promise<ActionState<{ number: string }>> {
  return done(slug, await runAction(async (caller) => {
    const question = await addQuestion(caller, slug, { number: field(form, 'number'), text: field(form, 'text'), wordLimit: field(form, 'wordLimit') });
    return { number: question.number };
  }));
}

export async function updateQuestionAction(slug: string, id: string, _: ActionState<{ number: string }>, form: FormData): Promise<ActionState<{ number: string }>> {
  return done(slug, await runAction(async (caller) => {
    const question = await updateQuestion(caller, id, { number: field(form, 'number'), text: field(form, 'text'), wordLimit: field(form, 'wordLimit') ?? null });
    return { number: question.number };
  }));
}

export async function removeQuestionAction(slug: string, id: string): Promise<ActionState> {
  return done(slug, { ...(await runAction((caller) => removeQuestion(caller, id))), data: undefined });
}

export async function moveQuestionAction(slug: string, id: string, direction: 'up' | 'down'): Promise<ActionState> {
  return done(slug, { ...(await runAction((caller) => moveQuestion(caller, id, direction))), data: undefined });
}

export async function mapAnswerAction(slug: string, questionId: string, _: ActionState<{ sectionTitle: string }>, form: FormData): Promise<ActionState<{ sectionTitle: string }>> {
  return done(slug, await runAction(async (caller) => {
    const answer = await mapAnswer(caller, questionId, { sectionId: field(form, 'sectionId'), passage: field(form, 'passage') });
    return { sectionTitle: answer.sectionTitle };
  }));
}

export async function unmapAnswerAction(slug: string, questionId: string, answerId: string): Promise<ActionState> {
  return done(slug, { ...(await runAction((caller) => unmapAnswer(caller, questionId, answerId))), data: undefined });
}
