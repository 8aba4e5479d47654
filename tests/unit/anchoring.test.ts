import { describe, expect, it } from 'vitest';
import { closestSubstring, dissimilarity } from '@/lib/anchoring/approximate';
import { describeRange, locateSelector, resolveAnchor, type TextAnchor } from '@/lib/anchoring/text-quote';
import { docFromText, textFromDoc, type PMDoc } from '@/lib/sections/content';
import { replaceTextRange } from '@/lib/sections/edits';

const DRAFT = [
  'Local charities carry the cost of crisis support. Yet the funding formula ignores them, and the funding formula must change.',
  '- Rents have risen by a third since 2019.',
  '- Waiting lists for social housing are longer than ever.',
  'We ask the department to publish its evidence and to fund local charities for three years at a time.',
].join('\n\n');

/** A real document, edited the way the editor or an accepted suggestion edits it. */
class Draft {
  doc: PMDoc;
  constructor(text: string) {
    this.doc = docFromText(text);
  }
  get text() {
    return textFromDoc(this.doc);
  }
  anchorOn(words: string, occurrence = 0): TextAnchor {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = this.text.indexOf(words, at + 1);
    if (at < 0) throw new Error(`"${words}" is not in the draft`);
    return describeRange(this.text, at, at + words.length);
  }
  replace(words: string, replacement: string, occurrence = 0) {
    const { start, end } = this.anchorOn(words, occurrence);
    this.doc = replaceTextRange(this.doc, start, end, replacement);
  }
  marked(anchor: TextAnchor) {
    const found = resolveAnchor(this.text, anchor);
    return { status: found.status, words: found.start === null ? null : this.text.slice(found.start, found.end!) };
  }
}

describe('[ANCHORING] describing a passage', () => {
  it('stores the words with up to 32 characters of context either side and the offsets', () => {
    const text = 'a'.repeat(40) + 'PASSAGE' + 'b'.repeat(40);
    expect(describeRange(text, 40, 47)).toEqual({ exact: 'PASSAGE', prefix: 'a'.repeat(32), suffix: 'b'.repeat(32), start: 40, end: 47 });
    expect(describeRange('Short text.', 0, 5)).toEqual({ exact: 'Short', prefix: '', suffix: ' text.', start: 0, end: 5 });
  });
});

describe('[ANCHORING] re-anchoring through real edits', () => {
  it('keeps marking the same words when text changes elsewhere in the section', () => {
    const draft = new Draft(DRAFT);
    const anchor = draft.anchorOn('publish its evidence');
    draft.replace('Local charities carry the cost', 'Small local charities and community groups carry most of the cost');
    draft.replace('Rents have risen by a third since 2019.', 'Rents have risen.');
    expect(draft.marked(anchor)).toEqual({ status: 'anchored', words: 'publish its evidence' });
    const found = resolveAnchor(draft.text, anchor);
    expect(found.start).not.toBe(anchor.start);
  });

  it('keeps marking the second of two identical phrases when the first one moves', () => {
    const draft = new Draft(DRAFT);
    const second = draft.anchorOn('the funding formula', 1);
    const first = draft.anchorOn('the funding formula', 0);
    draft.replace('Local charities carry the cost of crisis support.', 'Crisis support costs charities dearly.');
    const found = resolveAnchor(draft.text, second);
    expect(found.status).toBe('anchored');
    expect(draft.text.slice(found.start!, found.end!)).toBe('the funding formula');
    expect(draft.text.slice(found.start! - 4, found.start!)).toBe('and ');
    expect(draft.text.slice(resolveAnchor(draft.text, first).start! - 4, resolveAnchor(draft.text, first).start!)).toBe('Yet ');
  });

  it('tells repeated words apart by their context, not by their position', () => {
    const text = 'The plan helps. The plan costs money. The plan is late.';
    const draft = new Draft(text);
    const anchor = draft.anchorOn('The plan', 2); // "The plan is late"
    draft.replace('The plan helps.', 'The plan helps people. The plan was agreed in May.');
    const found = resolveAnchor(draft.text, anchor);
    expect(found.status).toBe('anchored');
    expect(draft.text.slice(found.start!, found.start! + 'The plan is late'.length)).toBe('The plan is late');
  });

  it('re-anchors to the closest match when the words themselves were edited', () => {
    const draft = new Draft(DRAFT);
    const anchor = draft.anchorOn('to fund local charities for three years at a time');
    draft.replace('for three years', 'for five years');
    expect(draft.marked(anchor)).toEqual({ status: 'changed', words: 'to fund local charities for five years at a time' });
  });

  it('re-anchors an edited passage whose context changed too', () => {
    const draft = new Draft(DRAFT);
    const anchor = draft.anchorOn('Waiting lists for social housing are longer than ever');
    draft.replace('Waiting lists for social housing are longer than ever.', 'Waiting lists for social homes are longer than ever before!');
    draft.replace('Rents have risen by a third since 2019.', 'Private rents rose by 35%.');
    const result = draft.marked(anchor);
    expect(result.status).toBe('changed');
    expect(result.words).toContain('Waiting lists for social homes are longer than ever');
  });

  it('is detached, keeping its quote, when the words are gone', () => {
    const draft = new Draft(DRAFT);
    const anchor = draft.anchorOn('Rents have risen by a third since 2019.');
    draft.replace('- Rents have risen by a third since 2019.'.slice(2), '');
    expect(draft.marked(anchor)).toEqual({ status: 'detached', words: null });
    expect(anchor.exact).toBe('Rents have risen by a third since 2019.');
  });

  it('is detached when the passage was rewritten into different words', () => {
    const draft = new Draft(DRAFT);
    const anchor = draft.anchorOn('the funding formula ignores them');
    draft.replace('the funding formula ignores them', 'councils decide alone');
    expect(draft.marked(anchor).status).toBe('detached');
  });

  it('is detached when a short word it marked is deleted, even though the word occurs elsewhere', () => {
    const draft = new Draft('We ask for fair funding. Our members want fair rules.');
    const anchor = draft.anchorOn('fair', 1);
    draft.replace('Our members want fair rules.', 'Our members want rules.');
    const result = draft.marked(anchor);
    // "fair" still exists once ("fair funding"): a unique exact match is taken as the same words.
    expect(result).toEqual({ status: 'anchored', words: 'fair' });
    const gone = new Draft('Our members want fair rules.');
    const lone = gone.anchorOn('fair');
    gone.replace('fair ', '');
    expect(gone.marked(lone).status).toBe('detached');
  });

  it('reports a repeated quote as changed when no context tells the occurrences apart', () => {
    const anchor = describeRange('x yes y', 2, 5);
    expect(resolveAnchor('yes and yes', anchor).status).toBe('changed');
  });

  it('marks a point (an insertion) by the text around it', () => {
    const draft = new Draft(DRAFT);
    const text = draft.text;
    const at = text.indexOf(' at a time') + ' at a time'.length;
    const point = describeRange(text, at, at);
    draft.replace('Local charities', 'Local charities and community groups');
    const found = resolveAnchor(draft.text, point);
    expect(found.status).toBe('anchored');
    expect(draft.text.slice(0, found.start!)).toMatch(/three years at a time$/);
    draft.replace('three years at a time.', 'three years.');
    expect(resolveAnchor(draft.text, point).status).not.toBe('anchored');
  });

  it('is fast for a thousand anchors on a long section', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} explains point ${i} of the argument about local services in some detail.`);
    const draft = new Draft(paragraphs.join('\n\n'));
    const anchors = Array.from({ length: 1000 }, (_, i) => draft.anchorOn(`point ${i % 200} of the argument`));
    draft.replace('Paragraph 0 explains', 'The first paragraph explains');
    const started = performance.now();
    const results = anchors.map((anchor) => resolveAnchor(draft.text, anchor));
    expect(performance.now() - started).toBeLessThan(500);
    expect(results.every((r) => r.status === 'anchored')).toBe(true);
  });
});

describe('[ANCHORING] locating a newly submitted selector', () => {
  const text = 'The plan helps. The plan costs money.';

  it('takes the offsets when they hold the words', () => {
    expect(locateSelector(text, { exact: 'The plan', start: 16, end: 24 })).toEqual({ ok: true, start: 16, end: 24 });
  });

  it('finds unique words without offsets', () => {
    expect(locateSelector(text, { exact: 'costs money' })).toEqual({ ok: true, start: 25, end: 36 });
  });

  it('refuses words that are not in the text', () => {
    expect(locateSelector(text, { exact: 'saves money' })).toEqual({ ok: false, reason: 'missing', count: 0 });
  });

  it('asks which occurrence of repeated words is meant, and uses the context to tell', () => {
    expect(locateSelector(text, { exact: 'The plan' })).toEqual({ ok: false, reason: 'ambiguous', count: 2 });
    expect(locateSelector(text, { exact: 'The plan', suffix: ' costs' })).toEqual({ ok: true, start: 16, end: 24 });
    expect(locateSelector(text, { exact: 'The plan', prefix: 'helps. ' })).toEqual({ ok: true, start: 16, end: 24 });
    expect(locateSelector(text, { exact: 'The plan', start: 15 })).toEqual({ ok: true, start: 16, end: 24 });
  });

  it('locates an insertion point by its context', () => {
    expect(locateSelector(text, { exact: '', prefix: 'helps.', suffix: ' The plan costs' })).toEqual({ ok: true, start: 15, end: 15 });
    expect(locateSelector(text, { exact: '', prefix: 'nothing like this' })).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('[ANCHORING] approximate search', () => {
  it('finds the closest substring by edit distance', () => {
    const text = 'We want the funding to last three years at a time.';
    const match = closestSubstring(text, 'last five years at a time');
    expect(text.slice(match!.start, match!.end)).toBe('last three years at a time');
  });

  it('measures how different two passages are', () => {
    expect(dissimilarity('same', 'same')).toBe(0);
    expect(dissimilarity('', 'words')).toBe(1);
    expect(dissimilarity('kitten', 'sitting')).toBeCloseTo(3 / 7);
  });
});
