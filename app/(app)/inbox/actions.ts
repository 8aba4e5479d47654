'use server';

import { runAction, type ActionState } from '@/lib/api/action';
import { markNotificationsRead } from '@/lib/notifications/mutations';

export async function markNotificationsReadAction(input: { ids?: string[]; all?: boolean }): Promise<ActionState<{ marked: number }>> {
  return runAction((caller) => markNotificationsRead(caller, input));
}
