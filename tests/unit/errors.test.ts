import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, forbidden, notFound, parseInput, toHttpStatus } from '@/lib/errors';

const schema = z.object({
  title: z.string().trim().min(1, 'Enter a title'),
  anchor: z.object({ exact: z.string().min(1, 'Select some text') }),
  count: z.number().int('Count must be a whole number').optional(),
});

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('[ERRORS] parseInput', () => {
  it('returns the parsed, trimmed data for good input', () => {
    expect(parseInput(schema, { title: '  Hello ', anchor: { exact: 'x' } })).toEqual({ title: 'Hello', anchor: { exact: 'x' } });
  });

  it('throws a 400 naming every bad field by its path, first message per field', () => {
    const error = caught(() => parseInput(schema, { title: '   ', anchor: { exact: '' }, count: 1.5 }));
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ title: 'Enter a title', 'anchor.exact': 'Select some text', count: 'Count must be a whole number' });
    expect(error.message).toBe('Invalid input: title: Enter a title; anchor.exact: Select some text; count: Count must be a whole number');
  });

  it('reports a problem with the input as a whole under "_"', () => {
    const error = caught(() => parseInput(schema, 'not an object'));
    expect(Object.keys(error.fields ?? {})).toEqual(['_']);
    // zod's own message for the whole input starts "Invalid input" already: said once.
    expect(error.message).toMatch(/^Invalid input: expected object/);
    expect(error.message).not.toMatch(/Invalid input: Invalid input/);
  });
});

describe('[ERRORS] codes map to HTTP statuses', () => {
  it('maps each code to its status', () => {
    expect([toHttpStatus('unauthenticated'), toHttpStatus('forbidden'), toHttpStatus('not_found'), toHttpStatus('conflict'), toHttpStatus('payload_too_large'), toHttpStatus('rate_limited')]).toEqual([401, 403, 404, 409, 413, 429]);
    expect(notFound('That section')).toMatchObject({ code: 'not_found', message: 'That section was not found' });
    expect(forbidden().status).toBe(403);
    expect(new AppError('rate_limited', 'Slow down', { retryAfter: 30 }).retryAfter).toBe(30);
  });
});
