import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { plainTextLength } from '@/lib/editor/extensions/section-limit';
import { normaliseHref } from '@/components/editor/link-form';
import { applyGuardedUpdate, upperBoundOfAddedCharacters } from '@/lib/collab/guard';
import { colourFor, dedupePresence } from '@/lib/collab/presence';
import { applyContentToYDoc, contentFromYDoc, updateFromBase, ydocFromContent } from '@/lib/sections/ydoc';
import { docFromText, textFromDoc, type PMDoc } from '@/lib/sections/content';
import { editorSchema, nodeFromContent, sameContent, sanitizeContent } from '@/lib/sections/editor-schema';
import { replaceTextRange } from '@/lib/sections/edits';
import { isAllowedHref } from '@/lib/sections/links';
import { sideOf, wordDiff } from '@/lib/versions/diff';
import { groupIntoSessions } from '@/lib/versions/sessions';

const text = (doc: Y.Doc) => textFromDoc(contentFromYDoc(doc));

/** A second client of `doc`: its changes come back as the update they produce. */
function client(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return {
    doc: copy,
    change(edit: (fragment: Y.XmlFragment) => void): Uint8Array {
      const before = Y.encodeStateVector(copy);
      edit(copy.getXmlFragment('default'));
      return Y.encodeStateAsUpdate(copy, before);
    },
  };
}

describe('[COLLAB] links', () => {
  it('allows only absolute http, https and mailto targets', () => {
    for (const href of ['https://example.org/a?b=c', 'http://example.org', 'mailto:someone@example.org', 'HTTPS://EXAMPLE.ORG']) expect(isAllowedHref(href)).toBe(true);
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', '/relative', 'example.org', 'https://exa mple.org', 'https://x\n', 'file:///etc/passwd', null, 42]) {
      expect(isAllowedHref(href)).toBe(false);
    }
  });

  it('turns what people type into a link target', () => {
    expect(normaliseHref('example.org/report')).toBe('https://example.org/report');
    expect(normaliseHref(' someone@example.org ')).toBe('mailto:someone@example.org');
    expect(normaliseHref('javascript:alert(1)')).toBe('javascript:alert(1)'); // and then refused by isAllowedHref
  });
});

describe('[COLLAB] the editor schema on the server', () => {
  it('is the schema the editor builds from the same extensions', () => {
    const schema = editorSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(['bulletList', 'doc', 'hardBreak', 'heading', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link']);
  });

  it('keeps valid content as it is', () => {
    const doc = docFromText('Para one.\n\n- a\n- b\n\n1. one\n2. two');
    expect(sameContent(sanitizeContent(doc), doc)).toBe(true);
    expect(textFromDoc(sanitizeContent(doc))).toBe(textFromDoc(doc));
  });

  it('never throws and always returns a document the schema accepts', () => {
    for (const input of [null, 'text', 42, {}, { type: 'doc' }, { type: 'doc', content: 'x' }, { type: 'doc', content: [{ type: 'listItem' }, { type: 'text' }, { nope: 1 }] }]) {
      const result = sanitizeContent(input);
      expect(() => nodeFromContent(result).check()).not.toThrow();
    }
  });

  it('counts plain text the way textFromDoc does, without building JSON', () => {
    const doc = { type: 'doc', content: [...docFromText('One.\n\n- a\n- bb').content, { type: 'paragraph', content: [{ type: 'text', text: 'x' }, { type: 'hardBreak' }, { type: 'text', text: 'y' }] }] } as PMDoc;
    expect(plainTextLength(nodeFromContent(doc))).toBe(textFromDoc(doc).length);
  });
});

describe('[COLLAB] Yjs documents', () => {
  it('a server-side change computed against an earlier state merges with typing made since', () => {
    const live = ydocFromContent(docFromText('Grants last one year.\n\nSecond paragraph.'));
    const base = Y.encodeStateAsUpdate(live);
    const typist = client(live);
    Y.applyUpdate(live, typist.change((fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Sadly, ')));
    Y.applyUpdate(live, typist.change((fragment) => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(6, ' typed')));
    const fork = new Y.Doc();
    Y.applyUpdate(fork, base);
    const current = contentFromYDoc(fork);
    const at = textFromDoc(current).indexOf('one year');
    Y.applyUpdate(live, updateFromBase(base, replaceTextRange(current, at, at + 8, 'three years')));
    expect(text(live)).toBe('Sadly, Grants last three years.\n\nSecond typed paragraph.');
  });

  it('applying content writes only the difference: an unchanged paragraph keeps its identity', () => {
    const doc = ydocFromContent(docFromText('Keep me.\n\nChange me.'));
    const kept = doc.getXmlFragment('default').get(0);
    applyContentToYDoc(doc, docFromText('Keep me.\n\nChanged.'));
    expect(doc.getXmlFragment('default').get(0)).toBe(kept);
    expect(text(doc)).toBe('Keep me.\n\nChanged.');
  });
});

describe('[COLLAB] the server-side update guard', () => {
  it('accepts ordinary typing untouched', () => {
    const live = ydocFromContent(docFromText('Hello.'));
    const update = client(live).change((fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, ' world', { bold: {} }));
    expect(upperBoundOfAddedCharacters(update)).toBe(6);
    expect(applyGuardedUpdate(live, update, 'test', false)).toEqual({ malformed: null, linksRemoved: 0, attributesRemoved: 0, tooLong: null, length: null });
    expect(text(live)).toBe('Hello world.');
  });

  it('removes javascript: links but keeps their text', () => {
    const live = ydocFromContent(docFromText('Text.'));
    const update = client(live).change((fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'click ', { link: { href: 'javascript:alert(1)' } }));
    expect(applyGuardedUpdate(live, update, 'test', false)).toMatchObject({ malformed: null, linksRemoved: 1 });
    expect(JSON.stringify(contentFromYDoc(live))).not.toContain('javascript');
    expect(text(live)).toBe('click Text.');
  });

  it('a link keeps only its href: class, target, style and rel a writer adds never reach a reader', () => {
    const live = ydocFromContent(docFromText('Text.'));
    const hostile = { href: 'https://example.org/', class: 'fixed inset-0 z-50', target: '_blank', style: 'position:fixed;inset:0', rel: 'opener' };
    const update = client(live).change((fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'click ', { link: hostile }));
    const result = applyGuardedUpdate(live, update, 'test', false);
    expect(result).toMatchObject({ malformed: null, linksRemoved: 0, attributesRemoved: 1 });
    const delta = ((live.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
    expect(delta[0]).toEqual({ insert: 'click ', attributes: { link: { href: 'https://example.org/' } } });
    expect(JSON.stringify(contentFromYDoc(live))).not.toMatch(/fixed|_blank|position|opener/);
    expect(text(live)).toBe('click Text.');
  });

  it('removes unknown elements, attributes, marks and shared types, and reports the change as malformed', () => {
    const cases: ((fragment: Y.XmlFragment) => void)[] = [
      (fragment) => fragment.insert(1, [new Y.XmlElement('script')]),
      (fragment) => (fragment.get(0) as Y.XmlElement).setAttribute('onclick', 'x'),
      (fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { strike: {} }),
      (fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' }),
      (fragment) => fragment.insert(1, [new Y.XmlText('loose text at the top')]),
      (fragment) => fragment.doc!.getMap('elsewhere').set('x', 1),
    ];
    for (const edit of cases) {
      const live = ydocFromContent(docFromText('Text.'));
      const result = applyGuardedUpdate(live, client(live).change(edit), 'test', false);
      expect(result.malformed).toBeTruthy();
      expect(text(live)).toBe('Text.');
      expect(JSON.stringify(live.toJSON())).not.toMatch(/script|onclick|strike|image|loose|"x":1/);
    }
  });

  it('undoes a change that would make the section too long', () => {
    const live = ydocFromContent(docFromText('Short.'));
    const update = client(live).change((fragment) => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'.repeat(200_000)));
    const result = applyGuardedUpdate(live, update, 'test', true);
    expect(result.tooLong).toBe(200_006);
    expect(text(live)).toBe('Short.');
  });
});

describe('[VERSIONS] word diffs and sessions', () => {
  it('the chunks spell both texts exactly, and changed words are whole words', () => {
    const from = 'We support the five principles.\n\nFunding should be fair.';
    const to = 'We strongly support the principles proposed.\n\nFunding must be fair, and paid in advance.';
    const changes = wordDiff(from, to);
    expect(sideOf(changes, 'from')).toBe(from);
    expect(sideOf(changes, 'to')).toBe(to);
    expect(changes).toContainEqual({ op: 'delete', text: 'should' });
    expect(changes).toContainEqual({ op: 'insert', text: 'must' });
    expect(wordDiff('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
    expect(wordDiff('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
  });

  it('groups versions into editing sessions separated by 30 minutes of quiet', () => {
    const at = (minutes: number, name: string) => ({ createdAt: new Date(Date.UTC(2026, 0, 1, 9, minutes)).toISOString(), authors: [{ name }] });
    const versions = [at(100, 'Ana'), at(95, 'Ben'), at(90, 'Ana'), at(20, 'Cora'), at(0, 'Cora')];
    const sessions = groupIntoSessions(versions);
    expect(sessions.map((session) => session.versions.length)).toEqual([3, 2]);
    expect(sessions[0].authors).toEqual(['Ana', 'Ben']);
    expect(sessions[0]).toMatchObject({ startedAt: versions[2].createdAt, endedAt: versions[0].createdAt });
  });
});

describe('[COLLAB] presence', () => {
  it('gives each person one stable colour and lists each person once, editing first', () => {
    expect(colourFor('user-1')).toBe(colourFor('user-1'));
    expect(colourFor('user-1')).toMatch(/^#[0-9a-f]{6}$/);
    const people = dedupePresence([
      { id: '1', name: 'Zoe', colour: '#000000', mode: 'viewing' },
      { id: '2', name: 'Ann', colour: '#000000', mode: 'viewing' },
      { id: '1', name: 'Zoe', colour: '#000000', mode: 'editing' },
    ]);
    expect(people.map((person) => [person.name, person.mode])).toEqual([
      ['Zoe', 'editing'],
      ['Ann', 'viewing'],
    ]);
  });
});
