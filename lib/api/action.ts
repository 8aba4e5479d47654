/**
 * The wrapper every server action uses: require a signed-in person, run the domain
 * function, and turn expected failures into `{ error, fieldErrors }` for the form
 * (React's useActionState). Unexpected errors are logged and reported generically.
 */
import 'server-only';
import { getCurrentUser } from '@/lib/auth/session';
import type { Caller } from '@/lib/auth/policy';
import { appErrorFromDatabase, describeDatabaseFailure } from '@/lib/db/errors';
import { AppError } from '@/lib/errors';

export type ActionState<T = undefined> = { ok?: boolean; data?: T; error?: string; fieldErrors?: Record<string, string> };

export async function runAction<T>(fn: (caller: Caller) => Promise<T>): Promise<ActionState<T>> {
  const caller = await getCurrentUser();
  if (!caller) return { error: 'Your session has ended. Sign in again.' };
  try {
    return { ok: true, data: await fn(caller) };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, fieldErrors: error.fields };
    const expected = appErrorFromDatabase(error);
    if (expected) {
      if (expected.code === 'unavailable') console.error(`[action] database unavailable (${describeDatabaseFailure(error)})`);
      return { error: expected.message, fieldErrors: expected.fields };
    }
    console.error('[action] unexpected error', error);
    return { error: 'Something went wrong on our side. Please try again.' };
  }
}
