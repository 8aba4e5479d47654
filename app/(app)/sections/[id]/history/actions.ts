'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { restoreVersion } from '@/lib/versions/mutations';

export async function restoreVersionAction(sectionId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction((caller) => restoreVersion(caller, sectionId, { versionId: form.get('versionId') }));
  revalidatePath(`/sections/${sectionId}/history`);
  revalidatePath(`/sections/${sectionId}`);
  return { ...result, data: undefined };
}
