import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '@/lib/import/docx';
import { parseMarkdown } from '@/lib/import/markdown';
import { parseImport } from '@/lib/import/parse';
import { parsePlainText } from '@/lib/import/plain-text';
import { applyArrangeOp, applyArrangeOps, describeSections, sectionNumbers, type PreviewSection } from '@/lib/import/preview';
import { blocksOf, textFromDoc, type PMNode } from '@/lib/sections/content';
import { importedText } from '@/tests/support/import-corpus';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/import', name), 'utf8');
const words = (text: string) => text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
const types = (section: PreviewSection) => section.content.content.map((node) => node.type);

describe('[IMPORT] plain text', () => {
  const preview = parsePlainText(fixture('draft.txt'));

  it('turns an introduction and seven numbered sections into an untitled introduction and seven sections', () => {
    expect(preview.sections.map((s) => s.heading)).toEqual([
      '',
      'The opportunity',
      'So, what gets in the way?',
      'What we recommend',
      'Funding that lasts',
      'Working with councils',
      'Measuring what matters',
      'Conclusion',
    ]);
    expect(preview.sections[0].intro).toBe(true);
    expect(preview.sections.slice(1).every((s) => !s.intro)).toBe(true);
    expect(sectionNumbers(preview.sections)).toEqual([null, '1', '2', '3', '4', '5', '6', '7']);
  });

  it('keeps paragraphs as paragraphs, joining lines wrapped by hand', () => {
    expect(types(preview.sections[0])).toEqual(['paragraph', 'paragraph']);
    expect(textFromDoc(preview.sections[0].content)).toBe(
      'This is the draft response of the Riverside Community Network to the consultation on community transport. Please read it section by section.\n\nWe have kept it short. Every member organisation was asked for evidence.',
    );
  });

  it('makes bulleted lists from •, - and * lines, and numbered lists from 1. lines inside a section', () => {
    expect(types(preview.sections[1])).toEqual(['paragraph', 'paragraph', 'bulletList']);
    expect(types(preview.sections[2])).toEqual(['paragraph', 'bulletList']);
    expect(types(preview.sections[3])).toEqual(['paragraph', 'orderedList']);
    expect(types(preview.sections[5])).toEqual(['bulletList']);
    const list = preview.sections[1].content.content[2];
    expect(list.content!.map((item) => textFromDoc({ type: 'doc', content: item.content! }))).toEqual(['how services are funded;', 'who may drive;', 'how journeys are booked.']);
  });

  it('keeps every word of the file, in order', () => {
    const numbers = sectionNumbers(preview.sections);
    const imported = preview.sections
      .flatMap((section, i) => [numbers[i] ?? '', section.heading, ...blocksOf(section.content).map((b) => `${b.ordered ? b.index : ''} ${b.text}`)])
      .join(' ');
    expect(words(imported)).toEqual(words(fixture('draft.txt')));
  });

  it('does not take a numbered list item, or a numbered sentence, for a section heading', () => {
    const { sections } = parsePlainText('1. Scope\n\nText.\n\n2. Findings\n\n1. First finding\n\n3. We recommend more money.\n\n3. Next steps\n\nDone.');
    expect(sections.map((s) => s.heading)).toEqual(['Scope', 'Findings', 'Next steps']);
    expect(textFromDoc(sections[1].content)).toBe('First finding\n\nWe recommend more money.');
  });

  it('recognises numbered headings written with one or two spaces, ")" or a question mark', () => {
    const { sections } = parsePlainText('2.  So, what gets in the way?\n\nPermits take months.\n\n3) Recommendations\n\nSimplify them.\n\n4. This is a sentence.\n\n1.5 million people rely on it.');
    expect(sections.map((s) => s.heading)).toEqual(['So, what gets in the way?', 'Recommendations']);
  });

  it('nests indented bullets and continues an item on an indented line', () => {
    const { sections } = parsePlainText('- one\n  more of one\n  - inner\n- two');
    const list = sections[0].content.content[0];
    expect(list.type).toBe('bulletList');
    expect(list.content).toHaveLength(2);
    expect(list.content![0].content!.map((n) => n.type)).toEqual(['paragraph', 'bulletList']);
    expect(textFromDoc(sections[0].content)).toBe('one more of one\n\ninner\n\ntwo');
  });

  it('keeps long unwrapped lines (as pasted from a word processor) as separate paragraphs', () => {
    const long = 'A'.repeat(60) + ' ' + 'b'.repeat(60);
    const { sections } = parsePlainText(`${long}\n${long}`);
    expect(types(sections[0])).toEqual(['paragraph', 'paragraph']);
  });
});

describe('[IMPORT] Markdown', () => {
  const source = [
    '# Response to the transport consultation',
    '',
    'Some introduction with **bold**, *italic* and a [link](https://example.org/a_b).',
    '',
    '## 1. The opportunity',
    '',
    'Community transport matters.',
    '',
    '### Evidence',
    '',
    '- first point',
    '- second point',
    '  - nested point',
    '',
    '## 2.  So, what gets in the way?',
    '',
    '1. Permits',
    '2. Insurance',
    '',
    'Snake_case_words stay as they are; a [bad link](javascript:alert(1)) keeps its text.',
  ].join('\n');
  const preview = parseMarkdown(source);

  it('takes a single leading # heading as the title and ## headings as sections', () => {
    expect(preview.title).toBe('Response to the transport consultation');
    expect(preview.sections.map((s) => [s.intro, s.heading])).toEqual([
      [true, ''],
      [false, 'The opportunity'],
      [false, 'So, what gets in the way?'],
    ]);
  });

  it('keeps bold, italic and safe links as marks', () => {
    const inline = preview.sections[0].content.content[0].content!;
    expect(inline).toContainEqual({ type: 'text', text: 'bold', marks: [{ type: 'bold' }] });
    expect(inline).toContainEqual({ type: 'text', text: 'italic', marks: [{ type: 'italic' }] });
    expect(inline).toContainEqual({ type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/a_b' } }] });
  });

  it('keeps deeper headings inside the section, and lists with nesting', () => {
    expect(types(preview.sections[1])).toEqual(['paragraph', 'heading', 'bulletList']);
    expect(preview.sections[1].content.content[1].attrs).toEqual({ level: 2 });
    const nested = preview.sections[1].content.content[2].content![1].content!;
    expect(nested.map((n) => n.type)).toEqual(['paragraph', 'bulletList']);
    expect(types(preview.sections[2])).toEqual(['orderedList', 'paragraph']);
  });

  it('drops unsafe links but keeps their words, and leaves underscores inside words alone', () => {
    const text = textFromDoc(preview.sections[2].content);
    expect(text).toContain('Snake_case_words stay as they are; a bad link keeps its text.');
    expect(JSON.stringify(preview.sections[2].content)).not.toContain('javascript');
  });

  it('uses unnumbered headings of the top level as sections when nothing is numbered', () => {
    const { title, sections } = parseMarkdown('Intro.\n\n# Why\n\nBecause.\n\n# How\n\nLike this.\n\n## Detail\n\nMore.');
    expect(title).toBeNull();
    expect(sections.map((s) => s.heading)).toEqual(['', 'Why', 'How']);
    expect(types(sections[2])).toEqual(['paragraph', 'heading', 'paragraph']);
  });
});

describe('[IMPORT] Word documents', () => {
  async function buildDocx() {
    const doc = new Document({
      creator: 'Test',
      numbering: { config: [{ reference: 'numbers', levels: [{ level: 0, format: 'decimal', text: '%1.', alignment: AlignmentType.START }] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Our response on community transport', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: 'An introduction before the first section.' }),
            new Paragraph({ text: '1. The opportunity', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new TextRun({ text: 'Strongly', bold: true }),
                new TextRun(' put, with '),
                new TextRun({ text: 'emphasis', italics: true }),
                new TextRun(' and a '),
                new ExternalHyperlink({ link: 'https://example.org/evidence', children: [new TextRun('link')] }),
                new TextRun('.'),
              ],
            }),
            new Paragraph({ text: 'First bullet', bullet: { level: 0 } }),
            new Paragraph({ text: 'Nested bullet', bullet: { level: 1 } }),
            new Paragraph({ text: 'Second bullet', bullet: { level: 0 } }),
            new Paragraph({ text: 'Evidence', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Step one', numbering: { reference: 'numbers', level: 0 } }),
            new Paragraph({ text: 'Step two', numbering: { reference: 'numbers', level: 0 } }),
            new Paragraph({ text: '2. So, what gets in the way?', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Permits.' }),
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it('reads the Title style as the title, Heading 1 as sections and Word lists as lists', async () => {
    const preview = await parseDocx(await buildDocx());
    expect(preview.title).toBe('Our response on community transport');
    expect(preview.sections.map((s) => s.heading)).toEqual(['', 'The opportunity', 'So, what gets in the way?']);
    expect(types(preview.sections[1])).toEqual(['paragraph', 'bulletList', 'heading', 'orderedList']);
    const bullets = preview.sections[1].content.content[1];
    expect(bullets.content).toHaveLength(2);
    expect(bullets.content![0].content!.map((n: PMNode) => n.type)).toEqual(['paragraph', 'bulletList']);
    expect(textFromDoc(preview.sections[1].content)).toBe(
      'Strongly put, with emphasis and a link.\n\nFirst bullet\n\nNested bullet\n\nSecond bullet\n\nEvidence\n\nStep one\n\nStep two',
    );
  });

  it('keeps bold, italic and links from Word', async () => {
    const preview = await parseDocx(await buildDocx());
    const inline = preview.sections[1].content.content[0].content!;
    expect(inline).toContainEqual({ type: 'text', text: 'Strongly', marks: [{ type: 'bold' }] });
    expect(inline).toContainEqual({ type: 'text', text: 'emphasis', marks: [{ type: 'italic' }] });
    expect(inline).toContainEqual({ type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/evidence' } }] });
  });

  it('finds numbered sections typed as ordinary paragraphs in Word', async () => {
    const doc = new Document({
      sections: [{ children: ['Intro text here.', '1. The opportunity', 'Body one.', '2.  So, what gets in the way?', 'Body two.'].map((text) => new Paragraph({ text })) }],
    });
    const preview = await parseDocx(new Uint8Array(await Packer.toBuffer(doc)));
    expect(preview.sections.map((s) => s.heading)).toEqual(['', 'The opportunity', 'So, what gets in the way?']);
  });
});

describe('[IMPORT] refusals', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('refuses a type it does not read, naming the types it does', async () => {
    await expect(parseImport({ fileName: 'draft.pdf', bytes: bytes('%PDF-1.4') })).rejects.toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('.docx') });
    await expect(parseImport({ fileName: 'draft.doc', bytes: bytes('x') })).rejects.toMatchObject({ message: expect.stringContaining('save it as a Word document') });
  });

  it('refuses an empty file, a file with no text, and a file over 10 MB', async () => {
    await expect(parseImport({ fileName: 'a.txt', bytes: new Uint8Array() })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('empty') });
    await expect(parseImport({ fileName: 'a.md', bytes: bytes('\n\n   \n- \n---\n') })).rejects.toMatchObject({ message: expect.stringContaining('no text') });
    await expect(parseImport({ fileName: 'a.txt', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(65) })).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses a broken Word document and a binary file posing as text', async () => {
    await expect(parseImport({ fileName: 'a.docx', bytes: bytes('this is not a zip') })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('could not be read as a Word document') });
    const whole = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] })));
    const truncated = whole.slice(0, 200);
    await expect(parseImport({ fileName: 'a.docx', bytes: truncated })).rejects.toMatchObject({ message: expect.stringContaining('could not be read') });
    await expect(parseImport({ fileName: 'a.txt', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) })).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('reads text that is not UTF-8 as Windows-1252', async () => {
    const preview = await parseImport({ fileName: 'a.txt', bytes: new Uint8Array([0x43, 0x61, 0x66, 0xe9]) });
    expect(textFromDoc(preview.sections[0].content)).toBe('Café');
  });
});

describe('[IMPORT] arranging the preview', () => {
  const { sections } = parsePlainText('Intro.\n\n1. One\n\nFirst.\n\n2. Two\n\nSecond.\n\nThird.');

  it('merges a section into the one before, keeping its heading as text', () => {
    const merged = applyArrangeOp(sections, { op: 'merge', index: 1 });
    expect(merged.map((s) => s.heading)).toEqual(['', 'One']);
    expect(textFromDoc(merged[1].content)).toBe('First.\n\nTwo\n\nSecond.\n\nThird.');
    expect(sections).toHaveLength(3); // the input is unchanged
  });

  it('splits a section at a paragraph, a heading there becoming the new heading', () => {
    const split = applyArrangeOp(sections, { op: 'split', index: 2, at: 1 });
    expect(split.map((s) => s.heading)).toEqual(['', 'One', 'Two', 'New section']);
    expect(sectionNumbers(split)).toEqual([null, '1', '2', '3']);
    const roundTrip = applyArrangeOps(sections, [{ op: 'merge', index: 1 }, { op: 'split', index: 1, at: 1 }]);
    expect(roundTrip.map((s) => s.heading)).toEqual(['', 'One', 'Two']);
    expect(textFromDoc(roundTrip[2].content)).toBe('Second.\n\nThird.');
  });

  it('refuses edits that do not fit, and a numbered section without a heading', () => {
    expect(() => applyArrangeOp(sections, { op: 'merge', index: 2 })).toThrow(/no following section/);
    expect(() => applyArrangeOp(sections, { op: 'split', index: 1, at: 0 })).toThrow(/cannot be split/);
    expect(() => applyArrangeOp(sections, { op: 'rename', index: 1, heading: '  ' })).toThrow(/needs a heading/);
    expect(applyArrangeOp(sections, { op: 'rename', index: 0, heading: 'Introduction' })[0].heading).toBe('Introduction');
  });
});

describe('[IMPORT] fixing an outline in the preview, one action per wrong section', () => {
  const source = readFileSync(path.join(import.meta.dirname, '../fixtures/import/coastal-network-principles.txt'), 'utf8');
  const { sections } = parsePlainText(source);
  const headings = (list: PreviewSection[]) => list.map((s) => s.heading);
  const allText = (list: PreviewSection[]) => words(importedText({ title: null, sections: list }));

  it('"Not a heading" puts the heading line back, with its number, into the text above', () => {
    const demoted = applyArrangeOp(sections, { op: 'demote', index: 2 });
    expect(headings(demoted)).toEqual(['', 'The opportunity', 'What we recommend', 'How we will help']);
    const opportunity = demoted[1].content.content;
    const restored = opportunity.findIndex((node) => node.type === 'orderedList' && node.attrs?.start === 2);
    expect(restored).toBeGreaterThan(0);
    expect(textFromDoc({ type: 'doc', content: [opportunity[restored]] })).toBe('What gets in the way');
  });

  it('"Start a section here" on a list item makes it a section, the list closing around it with its numbers', () => {
    const intro = sections[0].content.content;
    const list = intro.findIndex((node) => node.type === 'orderedList');
    const promoted = applyArrangeOp(sections, { op: 'promote', index: 0, at: list, item: 1 });
    expect(headings(promoted).slice(0, 3)).toEqual(['', 'Support reaches the places that need it most.', 'The opportunity']);
    expect(promoted[0].content.content[list]).toMatchObject({ type: 'orderedList', attrs: { start: 1 } });
    expect(promoted[0].content.content[list].content).toHaveLength(1);
    expect(promoted[1].content.content[0]).toMatchObject({ type: 'orderedList', attrs: { start: 3 } });
    expect(allText(promoted)).toEqual(allText(sections));
  });

  it('undoes a wrong outline in one action per section, every word kept', () => {
    // Everything demoted: one introduction holding the whole draft, headings back in place.
    const flat = applyArrangeOps(sections, [4, 3, 2, 1].map((index) => ({ op: 'demote' as const, index })));
    expect(flat).toHaveLength(1);
    expect(allText(flat)).toEqual(allText(sections));
    // And back: four actions make the four sections again.
    let rebuilt = flat;
    for (const heading of ['The opportunity', 'What gets in the way', 'What we recommend', 'How we will help']) {
      const last = rebuilt[rebuilt.length - 1];
      const index = last.content.content.findIndex((node) => node.type === 'orderedList' && textFromDoc({ type: 'doc', content: [node] }) === heading);
      expect(index, heading).toBeGreaterThanOrEqual(0);
      rebuilt = applyArrangeOp(rebuilt, { op: 'promote', index: rebuilt.length - 1, at: index });
    }
    expect(headings(rebuilt)).toEqual(headings(sections));
    expect(rebuilt.map((s) => textFromDoc(s.content))).toEqual(sections.map((s) => textFromDoc(s.content)));
  });

  it('deletes a line, and refuses lines that are not there', () => {
    const removed = applyArrangeOp(sections, { op: 'remove', index: 1, at: 0 });
    expect(removed[1].content.content).toHaveLength(sections[1].content.content.length - 1);
    expect(() => applyArrangeOp(sections, { op: 'remove', index: 1, at: 99 })).toThrow(/no paragraph 100/);
    expect(() => applyArrangeOp(sections, { op: 'demote', index: 0 })).toThrow(/introduction/);
  });

  it('warns of sections with nothing under their heading and of one far larger than the rest', () => {
    const summaries = describeSections([
      { intro: true, heading: '', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intro words here.' }] }] } },
      { intro: false, heading: 'Empty', content: { type: 'doc', content: [{ type: 'paragraph' }] } },
      { intro: false, heading: 'Small', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A few words only.' }] }] } },
      { intro: false, heading: 'Huge', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'word '.repeat(400) }] }] } },
    ]);
    expect(summaries.map((s) => Boolean(s.warning))).toEqual([false, true, false, true]);
    expect(summaries[1].warning).toMatch(/No text under this heading/);
    expect(summaries[3].warning).toMatch(/Far larger/);
  });
});
