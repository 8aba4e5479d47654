import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '@/lib/format';

/** The dates Chorus shows must read exactly as en-GB's Intl writes them in UTC (the form they had before they were written by hand). */
describe('formatting dates and times', () => {
  const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  // Every month, midnight and the last minute of a day, leap days, and times spread over forty years.
  const dates = [
    ...Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2026, month, 1, 0, 0))),
    ...Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2025, month, 28, 23, 59, 59, 999))),
    new Date(Date.UTC(2024, 1, 29, 12, 0)),
    new Date(Date.UTC(2000, 1, 29, 9, 5)),
    ...Array.from({ length: 2000 }, (_, i) => new Date(Date.UTC(1990, 0, 1) + i * 631_139_123)),
  ];

  it('writes a date as "3 March 2026"', () => {
    for (const date of dates) expect(formatDate(date)).toBe(longDate.format(date));
  });

  it('writes a time as "3 Mar 2026, 14:05 UTC" (September as "Sept")', () => {
    for (const date of dates) expect(formatDateTime(date)).toBe(`${dateTime.format(date)} UTC`);
    expect(formatDateTime('2026-09-05T07:03:00.000Z')).toBe('5 Sept 2026, 07:03 UTC');
  });

  it('takes ISO strings as the server sends them, and shows nothing for no date or a date that is not one', () => {
    expect(formatDateTime('2026-11-24T22:18:51.379Z')).toBe('24 Nov 2026, 22:18 UTC');
    expect(formatDate('2026-11-24T22:18:51.379Z')).toBe('24 November 2026');
    expect(formatDateTime(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDate(new Date(Number.NaN))).toBe('');
  });
});
