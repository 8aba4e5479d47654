'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { nameCurrentVersion } from '@/lib/versions/mutations';

export async function nameVersionAction(slug: string, _: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const result = await runAction(async (caller) => (await nameCurrentVersion(caller, slug, { label: form.get('label') })).id);
  revalidatePath(`/responses/${slug}/versions`);
  return result;
}
