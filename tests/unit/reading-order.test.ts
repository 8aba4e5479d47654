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
