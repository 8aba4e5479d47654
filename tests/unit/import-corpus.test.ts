/**
 * The import corpus: realistic drafts of every shape Chorus is given (tests/fixtures/import),
 * each with the outline a person sees in it, its lists and its word count (corpus.json).
 * Every draft must import with that outline, those lists, and every word exactly once, in
 * order. The run asserts how many drafts it read, so an empty folder cannot pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImport } from '@/lib/import/parse';
import { buildWordDraft, wordDrafts } from '@/tests/fixtures/import/word-drafts';
import { importedText, listShapes, outlineOf, sourceText, wordsOf } from '@/tests/support/import-corpus';

type Expected = { title: string | null; outline: string[]; lists: string[]; words: number };

const dir = path.join(import.meta.dirname, '../fixtures/import');
const expected = JSON.parse(readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as Record<string, Expected>;
const files = readdirSync(dir).filter((name) => /\.(txt|md)$/.test(name));
const EXPECTED_DRAFTS = 15;
let ran = 0;

async function load(name: string): Promise<{ bytes: Uint8Array; pageText: string }> {
  const draft = wordDrafts.find((candidate) => candidate.name === name);
  if (draft) return buildWordDraft(draft);
  const bytes = readFileSync(path.join(dir, name));
  return { bytes: new Uint8Array(bytes), pageText: sourceText(name, bytes.toString('utf8')) };
}

describe('[IMPORT] corpus of real-shaped drafts', () => {
  afterAll(() => {
    expect(ran).toBe(EXPECTED_DRAFTS);
  });

  it('has an expectation for every draft in the folder, and a draft for every expectation', () => {
    const drafts = [...files, ...wordDrafts.map((draft) => draft.name)].sort();
    expect(Object.keys(expected).sort()).toEqual(drafts);
    expect(drafts).toHaveLength(EXPECTED_DRAFTS);
  });

  it.each(Object.keys(expected))('%s: the outline a person sees, its lists, every word exactly once', async (name) => {
    const { bytes, pageText } = await load(name);
    const preview = await parseImport({ fileName: name, bytes });
    const want = expected[name];
    expect(preview.title).toBe(want.title);
    expect(outlineOf(preview)).toEqual(want.outline);
    expect(listShapes(preview)).toEqual(want.lists);
    const imported = wordsOf(importedText(preview));
    expect(imported).toEqual(wordsOf(pageText));
    expect(imported).toHaveLength(want.words);
    // No section heading is left standing in its own section's text.
    for (const section of preview.sections.filter((s) => !s.intro)) {
      const first = section.content.content[0];
      const firstText = (first?.content ?? []).map((node) => node.text ?? '').join('');
      expect(firstText).not.toBe(section.heading);
    }
    ran++;
  });
});
