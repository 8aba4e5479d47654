import { describe, expect, it } from 'vitest';
import { excerptAtWord } from '@/lib/format';

describe('[FORMAT] excerptAtWord', () => {
  it('keeps a short text whole, spaces folded', () => {
    expect(excerptAtWord('The plan  helps.\n\nIt costs money.', 100)).toBe('The plan helps. It costs money.');
  });
  it('cuts a long text at a word, never inside one, and says so with an ellipsis', () => {
    const text = 'Local charities carry the cost of crisis support across the whole region';
    const shown = excerptAtWord(text, 30);
    expect(shown).toBe('Local charities carry the…');
    expect(shown.length).toBeLessThanOrEqual(30);
  });
  it('drops punctuation left dangling before the ellipsis', () => {
    expect(excerptAtWord('One, two, three, four, five, six', 16)).toBe('One, two, three…');
  });
});
