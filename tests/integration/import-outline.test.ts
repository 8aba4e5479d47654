/**
 * The outline is the same wherever a draft comes from and wherever it is shown:
 * - a .docx that LibreOffice made from a plain-text draft imports with the same outline,
 *   lists and words as the text file (soffice must be installed: without it this fails);
 * - `npm run chorus -- import` prints exactly the outline the preview shows.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { previewImport } from '@/lib/import/mutations';
import { parseImport } from '@/lib/import/parse';
import { formatOutline } from '@/lib/import/preview';
import { runChorus } from '@/tests/support/cli';
import { importedText, listShapes, outlineOf, wordsOf } from '@/tests/support/import-corpus';
import { OPERATOR } from '@/lib/auth/policy';

const fixtures = path.join(import.meta.dirname, '../fixtures/import');
const dir = mkdtempSync(path.join(os.tmpdir(), 'chorus-import-outline-'));
const SOFFICE = process.env.SOFFICE ?? '/usr/bin/soffice';
const TEXT_DRAFTS = ['coastal-network-principles.txt', 'draft.txt', 'social-care-subpoints.txt', 'warm-homes-questions.txt', 'gdocs-export.txt', 'numbered-paragraphs.txt'];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// LibreOffice takes a while to start on a busy machine; so does a CLI process compiling TypeScript.
vi.setConfig({ testTimeout: 300_000 });

describe('[IMPORT] a Word document saved from a text draft', () => {
  it('imports with the same outline, the same real lists and the same words as the text file', async () => {
    expect(existsSync(SOFFICE), `LibreOffice (soffice) is needed for this test and was not found at ${SOFFICE}`).toBe(true);
    for (const name of TEXT_DRAFTS) copyFileSync(path.join(fixtures, name), path.join(dir, name));
    // A private profile, so a LibreOffice already running on the machine is not disturbed.
    await promisify(execFile)(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx', '--outdir', dir, ...TEXT_DRAFTS.map((name) => path.join(dir, name))], { timeout: 240_000 });
    let compared = 0;
    for (const name of TEXT_DRAFTS) {
      const docxName = name.replace(/\.txt$/, '.docx');
      expect(existsSync(path.join(dir, docxName)), `soffice did not write ${docxName}`).toBe(true);
      const text = await parseImport({ fileName: name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) });
      const word = await parseImport({ fileName: docxName, bytes: new Uint8Array(readFileSync(path.join(dir, docxName))) });
      expect(word.format).toBe('docx');
      expect({ name, title: word.title, outline: outlineOf(word) }).toEqual({ name, title: text.title, outline: outlineOf(text) });
      expect(listShapes(word)).toEqual(listShapes(text));
      expect(listShapes(word).length).toBeGreaterThan(0);
      expect(wordsOf(importedText(word))).toEqual(wordsOf(importedText(text)));
      compared++;
    }
    expect(compared).toBe(TEXT_DRAFTS.length);
  });
});

describe('[CLI] import prints the outline', () => {
  it('prints exactly the outline the preview shows, with its warnings, and --dry-run creates nothing', async () => {
    const file = path.join(fixtures, 'coastal-network-principles.txt');
    const preview = await previewImport(OPERATOR, { fileName: path.basename(file), bytes: new Uint8Array(readFileSync(file)) });
    const before = await db().response.count();
    const result = await runChorus(['import', file, '--dry-run']);
    expect(await db().response.count()).toBe(before);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('5 sections found in coastal-network-principles.txt (nothing created).');
    expect(lines.slice(2)).toEqual(formatOutline(preview.sections));
    expect(lines.slice(2, 4)).toEqual(['Introduction (untitled) — 107 words', '1. The opportunity — 142 words']);
  });
});
