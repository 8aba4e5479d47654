'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { createCaseStudy, decideCaseStudy, quoteCaseStudy, updateCaseStudy } from '@/lib/case-studies/mutations';

type Saved = { id: string; status: string };

function refresh(slug: string, id?: string) {
  revalidatePath(`/responses/${slug}/case-studies`, 'layout');
  if (id) revalidatePath(`/case-studies/${id}`, 'layout');
}

/** Creates a case study (a draft with `draft: true`); the form sends a clientKey so a repeated click creates one. */
export async function createCaseStudyAction(slug: string, input: unknown): Promise<ActionState<Saved>> {
  const result = await runAction(async (caller) => {
    const { caseStudy } = await createCaseStudy(caller, slug, input);
    return { id: caseStudy.id, status: caseStudy.status };
  });
  if (result.ok) refresh(slug, result.data?.id);
  return result;
}

export async function updateCaseStudyAction(id: string, input: unknown): Promise<ActionState<Saved>> {
  const result = await runAction(async (caller) => {
    const caseStudy = await updateCaseStudy(caller, id, input);
    return { id: caseStudy.id, status: caseStudy.status, slug: caseStudy.responseSlug };
  });
  if (result.ok && result.data) refresh(result.data.slug, id);
  return { ...result, data: result.data ? { id: result.data.id, status: result.data.status } : undefined };
}

export async function decideCaseStudyAction(id: string, _: ActionState<Saved>, form: FormData): Promise<ActionState<Saved>> {
  const result = await runAction(async (caller) => {
    const caseStudy = await decideCaseStudy(caller, id, { decision: form.get('decision') ?? undefined, note: form.get('note') ?? undefined });
    return { id: caseStudy.id, status: caseStudy.status, slug: caseStudy.responseSlug };
  });
  if (result.ok && result.data) refresh(result.data.slug, id);
  return { ...result, data: result.data ? { id: result.data.id, status: result.data.status } : undefined };
}

export async function quoteCaseStudyAction(id: string, _: ActionState<{ sectionId: string }>, form: FormData): Promise<ActionState<{ sectionId: string }>> {
  const result = await runAction(async (caller) => {
    const quote = await quoteCaseStudy(caller, id, {
      sectionId: form.get('sectionId') ?? undefined,
      quote: form.get('quote') ?? undefined,
      afterParagraph: form.get('afterParagraph') || null,
    });
    return { sectionId: quote.sectionId };
  });
  if (result.ok && result.data) {
    revalidatePath(`/sections/${result.data.sectionId}`);
    revalidatePath(`/case-studies/${id}`);
  }
  return result;
}
