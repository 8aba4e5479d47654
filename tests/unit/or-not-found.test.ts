import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import { describe, expect, it } from 'vitest';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { orNotFound } from '@/lib/pages/or-not-found';

/** What Next's notFound() throws, which the page renderer turns into the 404 page. */
function isNotFoundError(error: unknown): boolean {
  return isHTTPAccessFallbackError(error) && getAccessFallbackHTTPStatus(error) === 404;
}

async function failure(read: Promise<unknown>): Promise<unknown> {
  try {
    await read;
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('[PAGES] orNotFound', () => {
  it('gives back what the read found', async () => {
    await expect(orNotFound(Promise.resolve({ title: 'Housing' }))).resolves.toEqual({ title: 'Housing' });
  });

  it('shows the not-found page when the read finds nothing for this person', async () => {
    expect(isNotFoundError(await failure(orNotFound(Promise.reject(notFound('That section')))))).toBe(true);
  });

  it('shows the not-found page for the further codes a page names, and only those', async () => {
    expect(isNotFoundError(await failure(orNotFound(Promise.reject(forbidden()), { also: ['forbidden'] })))).toBe(true);
    const refused = await failure(orNotFound(Promise.reject(forbidden()), { also: ['bad_request'] }));
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('forbidden');
  });

  it('lets every other failure through to the error page', async () => {
    const broken = new Error('connection refused');
    expect(await failure(orNotFound(Promise.reject(broken)))).toBe(broken);
    const closed = await failure(orNotFound(Promise.reject(new AppError('closed', 'Closed'))));
    expect(isNotFoundError(closed)).toBe(false);
  });
});
