import { readFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { responseDocument, type Snapshot } from '@/lib/export/document';
import { renderDocx } from '@/lib/export/docx';
import { renderMarkdown } from '@/lib/export/markdown';
import { renderTxt } from '@/lib/export/txt';
import { parseMarkdown } from '@/lib/import/markdown';
import { parsePlainText } from '@/lib/import/plain-text';
import { sectionNumbers } from '@/lib/import/preview';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';

const draft = readFileSync(path.join(import.meta.dirname, '../fixtures/import/draft.txt'), 'utf8');
const words = (text: string) => text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);

function snapshotOf(text: string, title = 'Riverside response'): Snapshot {
  const { sections } = parsePlainText(text);
  const numbers = sectionNumbers(sections);
  return { title, consultationName: 'Community transport', label: null, asOf: new Date('2026-03-01T12:00:00Z'), sections: sections.map((s, i) => ({ number: numbers[i], heading: s.heading, content: s.content })) };
}

const rich: PMDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'We ' },
        { type: 'text', text: 'strongly', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' support ' },
        { type: 'text', text: 'this', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' (see ' },
        { type: 'text', text: 'our report', marks: [{ type: 'link', attrs: { href: 'https://example.org/report' } }] },
        { type: 'text', text: ').' },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Evidence' }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first * point' }] }, { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'inner' }] }] }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '# not a heading' }] }] },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'Line one' }, { type: 'hardBreak' }, { type: 'text', text: 'line two' }] },
  ],
};
const richSnapshot: Snapshot = { title: 'T', consultationName: '', label: null, asOf: new Date('2026-01-01T00:00:00Z'), sections: [{ number: '1', heading: 'Rich', content: rich }] };

describe('[EXPORT] plain text', () => {
  it('gives back every word of an imported plain-text draft, in order', () => {
    const txt = renderTxt(responseDocument(snapshotOf(draft)));
    expect(words(txt)).toEqual(words(`Riverside response\n${draft}`));
  });

  it('reads as a submission: title, numbered headings, paragraphs, bullets with "• ", no markup', () => {
    const txt = renderTxt(responseDocument(snapshotOf(draft)));
    expect(txt.startsWith('Riverside response\n\nThis is the draft response')).toBe(true);
    expect(txt).toContain('\n\n1. The opportunity\n\n');
    expect(txt).toContain('\n\n2. So, what gets in the way?\n\n');
    expect(txt).toContain('The consultation asks three questions:\n\n• how services are funded;\n• who may drive;\n• how journeys are booked.\n\n');
    expect(txt).toContain('1. Simplify the permit system.\n2. Fund training through the existing grant.');
    expect(txt).not.toMatch(/[<>*_#[\]]/);
    expect(txt.endsWith('We welcome the consultation and would be glad to help test the proposals.\n')).toBe(true);
  });

  it('keeps link addresses, nested lists and line breaks', () => {
    const txt = renderTxt(responseDocument(richSnapshot));
    expect(txt).toBe(
      ['T', '1. Rich', 'We strongly support this (see our report (https://example.org/report)).', 'Evidence', '• first * point\n  3. inner\n• # not a heading', 'Line one\nline two'].join('\n\n') + '\n',
    );
  });
});

describe('[EXPORT] Markdown', () => {
  it('writes headings, marks, links and lists, escaping what Markdown would misread', () => {
    const md = renderMarkdown(responseDocument(richSnapshot));
    expect(md).toBe(
      [
        '# T',
        '## 1. Rich',
        'We **strongly** support *this* (see [our report](https://example.org/report)).',
        '### Evidence',
        '- first \\* point\n  3. inner\n- \\# not a heading',
        'Line one\\\nline two',
      ].join('\n\n') + '\n',
    );
  });

  it('reads back into the same sections and text', () => {
    const snapshot = snapshotOf(draft);
    const back = parseMarkdown(renderMarkdown(responseDocument(snapshot)));
    expect(back.title).toBe('Riverside response');
    expect(back.sections.map((s) => s.heading)).toEqual(snapshot.sections.map((s) => s.heading));
    expect(back.sections.map((s) => textFromDoc(s.content))).toEqual(snapshot.sections.map((s) => textFromDoc(s.content!)));
  });
});

describe('[EXPORT] Word', () => {
  it('is a Word document with the same text, and the same bytes every time', async () => {
    const document = responseDocument(snapshotOf(draft));
    const first = await renderDocx(document);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a zip timestamp has two-second resolution; let the clock move
    const second = await renderDocx(document);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(first) });
    // Word numbers list items itself, so the raw text has no "1." before them: compare with bullets instead.
    const unnumbered = JSON.parse(JSON.stringify(document.blocks).replaceAll('"orderedList"', '"bulletList"'));
    expect(words(value)).toEqual(words(renderTxt({ ...document, blocks: unnumbered })));
  });

  it('keeps headings, bold, italic, links and lists', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await renderDocx(responseDocument(richSnapshot))) });
    expect(html).toContain('<h1>1. Rich</h1>');
    expect(html).toContain('<strong>strongly</strong>');
    expect(html).toContain('<em>this</em>');
    expect(html).toContain('<a href="https://example.org/report">our report</a>');
    expect(html).toContain('<h2>Evidence</h2>');
    expect(html).toMatch(/<ul><li>first \* point<ol><li>inner<\/li><\/ol><\/li><li># not a heading<\/li><\/ul>/);
  });
});

describe('[EXPORT] lettered and roman lists', () => {
  it('writes the letters and numerals an imported draft had', () => {
    const { sections } = parsePlainText('1. Recruitment\n\nWe ask that the strategy:\n\n(a) sets a minimum rate;\n(b) pays travel time:\n    (i) for every visit;\n    (ii) at the full rate.\n\n2. Next steps\n\nWe would welcome the chance to help.');
    const numbers = sectionNumbers(sections);
    const txt = renderTxt(responseDocument({ title: 'T', consultationName: '', label: null, asOf: new Date('2026-01-01T00:00:00Z'), sections: sections.map((s, i) => ({ number: numbers[i], heading: s.heading, content: s.content })) }));
    expect(txt).toContain('a. sets a minimum rate;\nb. pays travel time:\n  i. for every visit;\n  ii. at the full rate.');
  });
});
