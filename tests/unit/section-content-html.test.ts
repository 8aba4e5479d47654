import { generateJSON } from '@tiptap/html/server';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { importExtensions } from '@/lib/import/reading-schema';
import { docFromText, textFromDoc, type PMDoc, type PMNode } from '@/lib/sections/content';
import { nodesHtml } from '@/lib/sections/content-html';

const text = (value: string, marks?: PMNode['marks']): PMNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const para = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('[SECTIONS] a section as HTML', () => {
  it('writes the elements of a section: paragraphs, headings, lists, breaks and marks (the first mark innermost)', () => {
    const html = nodesHtml([
      { type: 'heading', attrs: { level: 2 }, content: [text('Housing')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('Rents')] },
      para(text('We '), text('strongly', [{ type: 'bold' }, { type: 'italic' }]), text(' agree'), { type: 'hardBreak' }, text('see '), text('the report', [link('https://example.org/r?a=1&b=2')])),
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
      { type: 'orderedList', attrs: { start: 3, type: 'a' }, content: [{ type: 'listItem', content: [para(text('three'))] }] },
    ]);
    expect(html).toBe(
      '<h2>Housing</h2><h3>Rents</h3>' +
        '<p>We <em><strong>strongly</strong></em> agree<br>see <a href="https://example.org/r?a=1&amp;b=2" rel="noopener noreferrer nofollow">the report</a></p>' +
        '<ul><li><p>one</p></li></ul><ol start="3" type="a"><li><p>three</p></li></ol>',
    );
  });

  it('never lets a document bring markup, scripts or unsafe links of its own', () => {
    const html = nodesHtml([
      para(text('<script>alert(1)</script> & <img src=x onerror=alert(2)>')),
      para(text('click', [link('javascript:alert(3)')]), text(' mail', [link('mailto:a@example.org')]), text(' data', [link('data:text/html,<b>x</b>')])),
      // A quote inside an address the link rule allows (no spaces) is escaped, never closes the attribute.
      para(text('quote', [link('https://example.org/"onmouseover="alert(4)')])),
      { type: 'orderedList', attrs: { start: '2" onclick="alert(5)', type: '1" onclick="alert(6)' }, content: [] },
    ]);
    // Only the document's own elements, and no attribute but the ones written here.
    expect(new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((match) => match[1]))).toEqual(new Set(['p', 'a', 'ol']));
    expect(html).not.toMatch(/javascript:|data:text|onmouseover="|onclick/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<p>click<a href="mailto:a@example.org" rel="noopener noreferrer nofollow"> mail</a> data</p>');
    expect(html).toContain('href="https://example.org/&quot;onmouseover=&quot;alert(4)"');
    expect(html).toContain('<ol start="1"></ol>');
  });

  it('reads back as the same document, and the same text, through the editor schema and in a DOM (a realistic draft)', async () => {
    const draft = [
      'Local charities carry the cost of crisis support. Yet the funding formula ignores them — and "the formula" must change.',
      '- Rents have risen by a third since 2019 (ONS, 2024).\n- Waiting lists for social housing are longer than ever: 1.29 million households.',
      '1. Publish the evidence.\n2. Fund local charities for three years at a time.',
      'Tabs\tand  double spaces, non-breaking\u00a0spaces, 5 < 6 > 4 & "quotes" \'apostrophes\', émigrés, 中文, 🙂.',
    ].join('\n\n');
    const doc = docFromText(draft);
    const marked: PMDoc = {
      type: 'doc',
      content: [
        ...doc.content,
        para(text('Read '), text('the evidence', [{ type: 'bold' }]), text(' at '), text('gov.uk', [link('https://www.gov.uk/')]), { type: 'hardBreak' }, text('by Friday.', [{ type: 'italic' }])),
      ],
    };
    const html = nodesHtml(marked.content);
    // The editor's schema reads it back as the same blocks (ProseMirror folds runs of spaces when parsing).
    const back = generateJSON(html, importExtensions()) as PMDoc;
    expect(back.content.map((node) => node.type)).toEqual(marked.content.map((node) => node.type));
    expect(textFromDoc(back)).toBe(textFromDoc(marked).replace(/[ \t]+/g, ' '));
    // A browser's DOM holds exactly the text the server anchors comments in, block by block.
    const page = new Window();
    const root = page.document.createElement('div');
    root.innerHTML = html;
    const blocks = [...root.querySelectorAll('p, h2, h3')].map((block) => {
      for (const br of block.querySelectorAll('br')) br.replaceWith('\n');
      return block.textContent;
    });
    expect(blocks).toEqual(textFromDoc(marked).split('\n\n'));
    await page.happyDOM.close();
  });
});
