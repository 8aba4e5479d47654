'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction, type ActionState } from '@/lib/api/action';
import { changeRole, invitePeople, removePerson, type InviteResult } from '@/lib/people/mutations';

/** What the invite form typed, returned on failure so the form keeps it. */
export type InviteValues = { emails: string; name: string; role: string };
export type InviteFormState = ActionState<InviteResult> & { values?: InviteValues };

export async function invitePeopleAction(_: InviteFormState, form: FormData): Promise<InviteFormState> {
  const values: InviteValues = { emails: String(form.get('emails') ?? ''), name: String(form.get('name') ?? ''), role: String(form.get('role') ?? '') };
  const result = await runAction((caller) => invitePeople(caller, { emails: values.emails, name: values.name.trim() || undefined, role: values.role }));
  if (!result.ok) return { ...result, values };
  revalidatePath('/people');
  return result;
}

export async function changeRoleAction(_: ActionState, input: { userId: string; role: string }): Promise<ActionState> {
  let steppedDown = false;
  const result = await runAction(async (caller) => {
    await changeRole(caller, input);
    steppedDown = input.userId === caller.id && input.role !== 'COORDINATOR';
  });
  // A coordinator who made themselves a drafter or member can no longer see this page.
  if (steppedDown) redirect('/');
  if (result.ok) revalidatePath('/people');
  return { ...result, data: undefined };
}

export async function removePersonAction(_: ActionState, input: { userId: string }): Promise<ActionState> {
  const result = await runAction((caller) => removePerson(caller, input));
  if (result.ok) revalidatePath('/people');
  return { ...result, data: undefined };
}
