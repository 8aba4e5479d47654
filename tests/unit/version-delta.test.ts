import { describe, expect, it } from 'vitest';
import { applyVersionDelta, canonicalJson, diffStrings, patchString } from '@/lib/versions/delta';
import { KEYFRAME_EVERY, planStorage } from '@/lib/versions/storage';
import { seededRandom as random } from '@/tests/support/random';

const WORDS = ['grants', 'three', 'years', 'local', 'groups', 'é', 'naïve', '😀', '👩‍👩‍👧', '"quoted"', '\\', '\n\n', ' ', '.', '中文'];

function edit(text: string, rng: () => number, places: number): string {
  let result = text;
  for (let i = 0; i < places; i++) {
    // Cut only at code point boundaries, as an editor does.
    const points = Array.from(result);
    const at = Math.floor(rng() * (points.length + 1));
    const remove = Math.floor(rng() * 6);
    const insert = Array.from({ length: Math.floor(rng() * 4) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join('');
    result = points.slice(0, at).join('') + insert + points.slice(at + remove).join('');
  }
  return result;
}

describe('[VERSIONS] deltas between versions', () => {
  it('turns any text into any other, byte for byte, in 500 random edits', () => {
    const rng = random(7);
    let text = 'We support three-year grants for local groups. 😀 naïve café.';
    for (let round = 0; round < 500; round++) {
      const next = edit(text, rng, 1 + Math.floor(rng() * 4));
      const patch = diffStrings(text, next);
      expect(patchString(text, patch)).toBe(next);
      text = next;
    }
  });

  it('never splits a surrogate pair, so every inserted string can be stored', () => {
    // Same high surrogate (common start), then same low surrogate (common end).
    expect(diffStrings('a😀b', 'a😁b')).toEqual([[1, 2, '😁']]);
    expect(diffStrings('a😀', 'a🈀')).toEqual([[1, 2, '🈀']]);
    const rng = random(11);
    for (let round = 0; round < 300; round++) {
      const from = edit('😀😁😂 🎉🎊 👩‍👩‍👧 ok', rng, 2);
      const to = edit(from, rng, 2);
      for (const [, , inserted] of diffStrings(from, to)) expect(inserted).toBe(Buffer.from(inserted, 'utf8').toString('utf8'));
      // Also the stretch each edit removes: its ends fall between code points.
      for (const [at, removed] of diffStrings(from, to)) {
        expect(from.slice(at, at + removed)).toBe(Buffer.from(from.slice(at, at + removed), 'utf8').toString('utf8'));
      }
    }
  });

  it('a change in one place of a long section is one small edit', () => {
    const long = 'Local groups need three-year grants. '.repeat(2000);
    const changed = long.slice(0, 30_000) + 'Not one-year grants. ' + long.slice(30_000);
    expect(diffStrings(long, changed)).toEqual([[30_000, 0, 'Not one-year grants. ']]);
    expect(diffStrings(long, long)).toEqual([]);
  });

  it('changes in several places stay as small as the words changed', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} argues that local groups need grants for at least three years. `.repeat(10));
    const changed = paragraphs.map((p, i) => (i % 10 === 3 ? p.replace('at least', 'no fewer than') : p));
    const patch = diffStrings(paragraphs.join('\n\n'), changed.join('\n\n'));
    expect(patch.length).toBe(4);
    expect(JSON.stringify(patch).length).toBeLessThan(200);
  });

  it('refuses a delta that does not fit its base instead of returning wrong text', () => {
    expect(() => patchString('short', [[10, 2, 'x']])).toThrow(/does not fit/);
    expect(() => patchString('short', [[3, 1, 'x'], [1, 1, 'y']])).toThrow(/does not fit/);
  });

  it('serialises content with jsonb key order, whatever order the keys were built in', () => {
    const built = { type: 'doc', content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'https://x.example', target: null } }] }] };
    const reordered = { content: [{ marks: [{ attrs: { target: null, href: 'https://x.example' }, type: 'link' }], text: 'a', type: 'text' }], type: 'doc' };
    expect(canonicalJson(built)).toBe(canonicalJson(reordered));
    // Shorter keys first, then by bytes: what PostgreSQL returns for a jsonb column.
    expect(canonicalJson({ content: 1, type: 2, text: 3, b: 4, aa: 5 })).toBe('{"b":4,"aa":5,"text":3,"type":2,"content":1}');
    expect(JSON.parse(canonicalJson(built))).toEqual(built);
  });

  it('a version delta carries content and text to the next version exactly', () => {
    const base = { contentJson: canonicalJson({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Three-year grants.' }] }] }), text: 'Three-year grants.' };
    const next = { contentJson: canonicalJson({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Five-year grants, please.' }] }] }), text: 'Five-year grants, please.' };
    expect(applyVersionDelta(base, { content: diffStrings(base.contentJson, next.contentJson), text: diffStrings(base.text, next.text) })).toEqual(next);
  });
});

describe('[VERSIONS] when a version is kept whole', () => {
  const body = (text: string) => ({ contentJson: canonicalJson({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }), text });
  const long = 'Local groups need three-year grants to plan ahead. '.repeat(200);

  it('a small change of a long section is a delta one step deeper than its base', () => {
    const form = planStorage({ id: 'v1', depth: 3, body: body(long) }, body(long.replace('plan ahead', 'plan well ahead')));
    expect(form).toMatchObject({ baseId: 'v1', depth: 4 });
    expect(form.delta?.text).toEqual([[44, 0, 'well ']]);
  });

  it(`every ${KEYFRAME_EVERY}th version of a chain, the first, and a change about as large as a copy are kept whole`, () => {
    const keyframe = { baseId: null, delta: null, depth: 0 };
    expect(planStorage({ id: 'v1', depth: KEYFRAME_EVERY - 1, body: body(long) }, body(long + 'More.'))).toEqual(keyframe);
    expect(planStorage(null, body(long))).toEqual(keyframe);
    expect(planStorage({ id: 'v1', depth: 0, body: body(long) }, body('Something else entirely.'.repeat(300)))).toEqual(keyframe);
  });
});
