'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { updateProfile } from '@/lib/people/mutations';

export async function updateProfileAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction((caller) => updateProfile(caller, { name: form.get('name'), notifyByEmail: form.get('notifyByEmail') === 'on', emailFrequency: form.get('emailFrequency') ?? undefined }));
  revalidatePath('/settings');
  return { ...result, data: undefined };
}

export async function createTokenAction(_: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const result = await runAction(async (caller) => (await createApiToken(caller, caller.id, { name: form.get('name') })).token);
  revalidatePath('/settings');
  return result;
}

export async function revokeTokenAction(tokenId: string): Promise<ActionState> {
  const result = await runAction((caller) => revokeApiToken(caller, tokenId));
  revalidatePath('/settings');
  return { ...result, data: undefined };
}
