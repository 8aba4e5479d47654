'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/api/action';
import { createEndorsement, decideEndorsement } from '@/lib/endorsements/mutations';

const field = (form: FormData, name: string) => (form.has(name) ? String(form.get(name)) : undefined);

export async function endorseAction(slug: string, _: ActionState<{ organisation: string }>, form: FormData): Promise<ActionState<{ organisation: string }>> {
  const result = await runAction(async (caller) => {
    const endorsement = await createEndorsement(caller, slug, {
      organisation: field(form, 'organisation'),
      signatoryName: field(form, 'signatoryName'),
      signatoryRole: field(form, 'signatoryRole'),
      kind: field(form, 'kind'),
      reservations: field(form, 'reservations'),
    });
    return { organisation: endorsement.organisation };
  });
  if (result.ok) revalidatePath(`/responses/${slug}/endorsements`);
  return result;
}

export async function decideEndorsementAction(slug: string, id: string, _: ActionState<{ status: string }>, form: FormData): Promise<ActionState<{ status: string }>> {
  const result = await runAction(async (caller) => {
    const endorsement = await decideEndorsement(caller, id, { decision: field(form, 'decision'), reason: field(form, 'reason') });
    return { status: endorsement.status };
  });
  if (result.ok) revalidatePath(`/responses/${slug}/endorsements`);
  return result;
}
