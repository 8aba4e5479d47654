import { describe, expect, it } from 'vitest';
import { docFromText, paragraph, textFromDoc, type PMDoc } from '@/lib/sections/content';
import { EditOutOfRangeError, insertBlocksAfter, replaceTextRange } from '@/lib/sections/edits';

const bold = [{ type: 'bold' }];
/** "We strongly agree." with "strongly" in bold (offsets 3–11). */
const marked = (): PMDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We ' }, { type: 'text', text: 'strongly', marks: bold }, { type: 'text', text: ' agree.' }] }],
});

describe('[SECTIONS] replaceTextRange', () => {
  it('replaces a passage within a paragraph and leaves the original untouched', () => {
    const doc = docFromText('Funding should be annual.\n\nSecond paragraph.');
    const edited = replaceTextRange(doc, 18, 24, 'multi-year');
    expect(textFromDoc(edited)).toBe('Funding should be multi-year.\n\nSecond paragraph.');
    expect(textFromDoc(doc)).toBe('Funding should be annual.\n\nSecond paragraph.');
  });

  it('gives the replacement the marks of the text it replaces, keeping the marks around it', () => {
    expect(replaceTextRange(marked(), 3, 11, 'firmly').content[0].content).toEqual([
      { type: 'text', text: 'We ' },
      { type: 'text', text: 'firmly', marks: bold },
      { type: 'text', text: ' agree.' },
    ]);
  });

  it('inserts at a point (start = end) with the marks of the character before', () => {
    expect(replaceTextRange(marked(), 3, 3, 'very ').content[0].content).toEqual([
      { type: 'text', text: 'We very ' },
      { type: 'text', text: 'strongly', marks: bold },
      { type: 'text', text: ' agree.' },
    ]);
    expect(replaceTextRange(marked(), 11, 11, '!').content[0].content?.[1]).toEqual({ type: 'text', text: 'strongly!', marks: bold });
    expect(textFromDoc(replaceTextRange(marked(), 0, 0, 'And '))).toBe('And We strongly agree.');
    expect(textFromDoc(replaceTextRange(marked(), 18, 18, ' Yes.'))).toBe('We strongly agree. Yes.');
  });

  it('deletes a passage across marks (empty replacement), merging what is left', () => {
    expect(replaceTextRange(marked(), 2, 11, '').content[0].content).toEqual([{ type: 'text', text: 'We agree.' }]);
    expect(replaceTextRange(marked(), 0, 18, '')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('changes only the occurrence at the given offsets when a word repeats', () => {
    const doc = docFromText('the cat and the dog');
    expect(textFromDoc(replaceTextRange(doc, 12, 15, 'a'))).toBe('the cat and a dog');
    expect(textFromDoc(replaceTextRange(doc, 0, 3, 'A'))).toBe('A cat and the dog');
  });

  it('edits a list item addressed by its offset in the whole text', () => {
    const doc = docFromText('Intro.\n\n- one\n- two');
    expect(textFromDoc(replaceTextRange(doc, 13, 16, 'three'))).toBe('Intro.\n\none\n\nthree');
  });

  it('keeps hard breaks outside the replaced passage', () => {
    const doc: PMDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'line one' }, { type: 'hardBreak' }, { type: 'text', text: 'line two' }] }] };
    expect(replaceTextRange(doc, 9, 13, 'LINE').content[0].content).toEqual([{ type: 'text', text: 'line one' }, { type: 'hardBreak' }, { type: 'text', text: 'LINE two' }]);
  });

  it('refuses a range that crosses from one block into another', () => {
    const doc = docFromText('First paragraph.\n\nSecond paragraph.');
    expect(() => replaceTextRange(doc, 6, 24, 'x')).toThrow(EditOutOfRangeError);
    expect(() => replaceTextRange(doc, 6, 24, 'x')).toThrow(/within one paragraph or list item/);
  });

  it('refuses a backwards, negative or out-of-document range', () => {
    const doc = docFromText('Short.');
    expect(() => replaceTextRange(doc, 4, 2, 'x')).toThrow(EditOutOfRangeError);
    expect(() => replaceTextRange(doc, -1, 2, 'x')).toThrow(EditOutOfRangeError);
    expect(() => replaceTextRange(doc, 2, 99, 'x')).toThrow(EditOutOfRangeError);
  });
});

describe('[SECTIONS] insertBlocksAfter', () => {
  const doc = docFromText('First.\n\n- one\n- two\n\nLast.');

  it('inserts after the top-level block that contains the offset', () => {
    expect(textFromDoc(insertBlocksAfter(doc, 2, [paragraph('Quoted.')]))).toBe('First.\n\nQuoted.\n\none\n\ntwo\n\nLast.');
    // An offset inside a list item puts the new block after the whole list.
    expect(textFromDoc(insertBlocksAfter(doc, 9, [paragraph('Quoted.')]))).toBe('First.\n\none\n\ntwo\n\nQuoted.\n\nLast.');
  });

  it('appends at the end for a null offset or an offset past the end, without changing the original', () => {
    expect(textFromDoc(insertBlocksAfter(doc, null, [paragraph('A.'), paragraph('B.')]))).toBe('First.\n\none\n\ntwo\n\nLast.\n\nA.\n\nB.');
    expect(textFromDoc(insertBlocksAfter(doc, 999, [paragraph('End.')]))).toBe('First.\n\none\n\ntwo\n\nLast.\n\nEnd.');
    expect(textFromDoc(doc)).toBe('First.\n\none\n\ntwo\n\nLast.');
  });
});
