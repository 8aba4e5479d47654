import { describe, expect, it } from 'vitest';
import { isSuggestionShown, isThreadShown } from '@/lib/feedback/shown';

describe('[COMMENTS] which feedback the margin shows (one rule for server and browser)', () => {
  const live = { withdrawn: false };
  const gone = { withdrawn: true };

  it('shows a thread while it stands, or while a reply to it still stands', () => {
    expect(isThreadShown({ ...live, replies: [] })).toBe(true);
    expect(isThreadShown({ ...live, replies: [gone] })).toBe(true);
    expect(isThreadShown({ ...gone, replies: [gone, live] })).toBe(true);
    expect(isThreadShown({ ...gone, replies: [gone, gone] })).toBe(false);
    expect(isThreadShown({ ...gone, replies: [] })).toBe(false);
  });

  it('hides withdrawn suggestions only', () => {
    expect(['OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'].map((status) => isSuggestionShown({ status }))).toEqual([true, true, true, false]);
  });
});
