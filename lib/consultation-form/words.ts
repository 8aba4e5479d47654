/**
 * Counting words the way consultation forms do: runs of characters between spaces that
 * hold at least one letter or digit. List bullets and lone dashes are not words;
 * "evidence-based" and "don’t" are one word each. Pure (used in the browser too).
 */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}

export type WordCheck = { wordCount: number; wordLimit: number | null; overLimit: boolean; overBy: number };

export function checkWords(text: string, wordLimit: number | null): WordCheck {
  const wordCount = countWords(text);
  const overBy = wordLimit === null ? 0 : Math.max(0, wordCount - wordLimit);
  return { wordCount, wordLimit, overLimit: overBy > 0, overBy };
}

/** "212 of 250 words", "312 words: 62 over the limit of 250", "120 words (no limit)". */
export function describeWordCount(check: WordCheck): string {
  const words = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'word' : 'words'}`;
  if (check.wordLimit === null) return `${words(check.wordCount)} (no limit)`;
  if (check.overLimit) return `${words(check.wordCount)}: ${check.overBy.toLocaleString('en-GB')} over the limit of ${check.wordLimit.toLocaleString('en-GB')}`;
  return `${check.wordCount.toLocaleString('en-GB')} of ${words(check.wordLimit)}`;
}
