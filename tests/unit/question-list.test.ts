/**
 * Pasted question lists, as consultations publish them: every file in
 * tests/fixtures/question-lists/*.txt is parsed and compared with the .json beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuestionList } from '@/lib/consultation-form/parse-list';
import { checkWords, countWords, describeWordCount } from '@/lib/consultation-form/words';

const dir = path.join(import.meta.dirname, '../fixtures/question-lists');
const cases = readdirSync(dir).filter((file) => file.endsWith('.txt'));

describe('[FORM] pasted question lists', () => {
  it('has a corpus to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of cases) {
    it(`reads ${file} as expected`, () => {
      const expected = JSON.parse(readFileSync(path.join(dir, file.replace(/\.txt$/, '.json')), 'utf8'));
      expect(parseQuestionList(readFileSync(path.join(dir, file), 'utf8'))).toEqual(expected);
    });
  }

  it('counts words as forms do and describes the count against the limit', () => {
    expect(countWords('  ')).toBe(0);
    expect(countWords('• one — two-three don’t 4')).toBe(4);
    expect(describeWordCount(checkWords('a b c', 2))).toBe('3 words: 1 over the limit of 2');
    expect(describeWordCount(checkWords('a b', 250))).toBe('2 of 250 words');
    expect(describeWordCount(checkWords('a', null))).toBe('1 word (no limit)');
  });
});
