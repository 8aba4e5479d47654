'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { disposeFeedback } from '@/lib/merge/mutations';
import { changeDeadline, changePhase, type PhaseChangeResult } from '@/lib/responses/mutations';

export async function disposeAction(slug: string, input: unknown): Promise<ActionState<{ handled: number }>> {
  const result = await runAction(async (caller) => ({ handled: (await disposeFeedback(caller, input)).handled }));
  revalidatePath(`/responses/${slug}`, 'layout');
  return result;
}

export async function changePhaseAction(slug: string, _: ActionState<PhaseChangeResult>, form: FormData): Promise<ActionState<PhaseChangeResult>> {
  const result = await runAction((caller) => changePhase(caller, slug, { to: form.get('to'), deadline: form.get('deadline') ?? undefined }));
  revalidatePath(`/responses/${slug}`, 'layout');
  return result;
}

export async function changeDeadlineAction(slug: string, _: ActionState<PhaseChangeResult>, form: FormData): Promise<ActionState<PhaseChangeResult>> {
  const result = await runAction((caller) => changeDeadline(caller, slug, { deadline: form.get('deadline') ?? undefined }));
  revalidatePath(`/responses/${slug}`, 'layout');
  return result;
}
