import { describe, expect, it } from 'vitest';
import { blocksOf, docFromText, textFromDoc, type PMDoc } from '@/lib/sections/content';

const text = (value: string) => ({ type: 'text', text: value });
const para = (value: string) => ({ type: 'paragraph', content: [text(value)] });
const item = (value: string) => ({ type: 'listItem', content: [para(value)] });

describe('[SECTIONS] docFromText', () => {
  it('makes one paragraph per blank-line-separated block, joining wrapped lines', () => {
    expect(docFromText('First paragraph\nwraps here.\n\n\nSecond paragraph.')).toEqual({
      type: 'doc',
      content: [para('First paragraph wraps here.'), para('Second paragraph.')],
    });
  });

  it('turns "- ", "* " and "• " lines into a bulleted list', () => {
    expect(docFromText('- Independence\n* Fairness\n• Trust')).toEqual({
      type: 'doc',
      content: [{ type: 'bulletList', content: [item('Independence'), item('Fairness'), item('Trust')] }],
    });
  });

  it('turns "1. " lines into a numbered list', () => {
    expect(docFromText('Intro.\n\n1. Fund\n2. Involve')).toEqual({
      type: 'doc',
      content: [para('Intro.'), { type: 'orderedList', attrs: { start: 1 }, content: [item('Fund'), item('Involve')] }],
    });
  });

  it('reads text as the importer does: a line that is not indented ends the list above it', () => {
    expect(docFromText('- one\nnot an item').content).toEqual([{ type: 'bulletList', content: [item('one')] }, para('not an item')]);
  });

  it('normalises Windows line endings and gives an empty text one empty paragraph', () => {
    expect(docFromText('A.\r\n\r\nB.').content).toEqual([para('A.'), para('B.')]);
    expect(docFromText('   \n\n ')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});

describe('[SECTIONS] textFromDoc', () => {
  it('joins paragraphs and each list item with blank lines', () => {
    const doc = docFromText('Intro para.\n\n- one\n- two\n\n1. first\n2. second\n\nEnd.');
    expect(textFromDoc(doc)).toBe('Intro para.\n\none\n\ntwo\n\nfirst\n\nsecond\n\nEnd.');
  });

  it('round-trips plain paragraphs exactly', () => {
    const plain = 'We welcome the covenant.\n\nFunding should be multi-year.';
    expect(textFromDoc(docFromText(plain))).toBe(plain);
  });

  it('reads marked text, hard breaks and headings, ignoring marks', () => {
    const doc: PMDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
        { type: 'paragraph', content: [text('We '), { type: 'text', text: 'strongly', marks: [{ type: 'bold' }] }, text(' agree'), { type: 'hardBreak' }, text('on two lines.')] },
        { type: 'paragraph' },
      ],
    };
    expect(textFromDoc(doc)).toBe('Title\n\nWe strongly agree\non two lines.\n\n');
  });

  it('numbers list items from the list start and reads nested lists', () => {
    const doc: PMDoc = {
      type: 'doc',
      content: [{ type: 'orderedList', attrs: { start: 3 }, content: [item('three'), { type: 'listItem', content: [para('four'), { type: 'bulletList', content: [item('nested')] }] }] }],
    };
    expect(blocksOf(doc)).toEqual([
      { type: 'listItem', text: 'three', depth: 0, ordered: true, index: 3 },
      { type: 'listItem', text: 'four', depth: 0, ordered: true, index: 4 },
      { type: 'listItem', text: 'nested', depth: 1, ordered: false, index: 1 },
    ]);
    expect(textFromDoc(doc)).toBe('three\n\nfour\n\nnested');
  });
});
