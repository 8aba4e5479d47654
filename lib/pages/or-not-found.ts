/**
 * Pages show Next's "not found" page when what they read does not exist for this person.
 * Domain reads throw AppError('not_found') both for what does not exist and for what the
 * person may not see (so a page never tells one from the other); a page passes its read
 * through orNotFound instead of wrapping it in a try/catch of its own:
 *
 *   const section = await orNotFound(getSection(user, id));
 *
 * Any other error keeps propagating to the error page, so a broken database is never shown
 * as a missing page.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { AppError, type ErrorCode } from '@/lib/errors';

export type OrNotFoundOptions = {
  /**
   * Further codes that mean "nothing here for you" on this page: `forbidden` where the page
   * belongs to a role, `bad_request` where a filter in the address names nothing.
   */
  also?: ErrorCode[];
};

/** The value `read` resolves to, or Next's notFound() when it fails with AppError not_found (or a code in `also`). */
export async function orNotFound<T>(read: Promise<T>, options: OrNotFoundOptions = {}): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || options.also?.includes(error.code))) notFound();
    throw error;
  }
}
