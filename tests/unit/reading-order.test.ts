import { describe, expect, it } from 'vitest';
import { textFingerprint } from '@/lib/anchoring/fingerprint';
import { compareReading, readingKey } from '@/lib/feedback/reading-order';

describe('[COMMENTS] reading order, shared by the first screen and the margin', () => {
  it('puts whole-section feedback first, then passages by where they start, then detached ones; ties by age, then id', () => {
    const keys = [
      readingKey({ id: 'detached', createdAt: '2025-01-01' }, { status: 'detached', start: null, end: null }),
      readingKey({ id: 'b', createdAt: '2025-01-02' }, { status: 'anchored', start: 10, end: 12 }),
      readingKey({ id: 'a', createdAt: '2025-01-02' }, { status: 'anchored', start: 10, end: 14 }),
      readingKey({ id: 'older', createdAt: '2025-01-01' }, { status: 'anchored', start: 10, end: 11 }),
      readingKey({ id: 'whole', createdAt: '2025-01-09' }, null),
      readingKey({ id: 'start', createdAt: '2025-01-09' }, { status: 'changed', start: 0, end: 3 }),
    ];
    expect(keys.sort(compareReading).map((key) => key.id)).toEqual(['whole', 'start', 'older', 'a', 'b', 'detached']);
  });
});

describe('[COMMENTS] text fingerprints', () => {
  it('differ when one character changes and match for the same text', () => {
    const text = 'The network supports the proposal in section 3.';
    expect(textFingerprint(text)).toBe(textFingerprint(`${text}`));
    expect(textFingerprint(text)).not.toBe(textFingerprint(text.replace('3', '4')));
    expect(textFingerprint(text)).not.toBe(textFingerprint(`${text} `));
    expect(textFingerprint('')).not.toBe('');
  });
});

describe('[COMMENTS] timestamps as PostgreSQL JSON renders them', () => {
  // The slow way, by Date: what isoDate gave before it rewrote PostgreSQL's form as text.
  const byDate = (value: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).toISOString();

  it('gives exactly what Date gives, whatever the fraction of a second', async () => {
    const { isoDate } = await import('@/lib/feedback/read-model');
    const values = ['2026-11-28T00:56:59.638', '2026-11-28T00:56:59.6', '2026-11-28T00:56:59.63', '2026-11-28T00:56:59', '2026-01-01T00:00:00.000', '2026-02-28T23:59:59.999', '2024-02-29T12:00:00.5', '0999-12-31T23:59:59.1'];
    for (const value of values) expect(isoDate(value), value).toBe(byDate(value));
  });

  it('leaves any other form to Date: zones, offsets, dates alone', async () => {
    const { isoDate } = await import('@/lib/feedback/read-model');
    for (const value of ['2026-11-28T00:56:59.638Z', '2026-11-28T00:56:59+01:00', '2026-11-28T00:56:59.638-0500', '2026-11-28']) expect(isoDate(value), value).toBe(byDate(value));
    expect(isoDate(new Date(Date.UTC(2026, 10, 28, 0, 56, 59, 638)))).toBe('2026-11-28T00:56:59.638Z');
    expect(isoDate(null)).toBeNull();
    expect(() => isoDate('not a date')).toThrow(RangeError);
  });
});
