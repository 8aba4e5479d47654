import { describe, expect, it } from 'vitest';
import { linkify } from '@/lib/comments/linkify';

describe('[COMMENTS] plain text with clickable links', () => {
  it('turns http and https addresses into links and leaves the rest as text', () => {
    expect(linkify('See https://example.org/report?id=3 and http://x.org.')).toEqual([
      { text: 'See ' },
      { href: 'https://example.org/report?id=3', text: 'https://example.org/report?id=3' },
      { text: ' and ' },
      { href: 'http://x.org', text: 'http://x.org' },
      { text: '.' },
    ]);
  });

  it('keeps brackets that belong to the address and drops those that end the sentence', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { text: '(' },
      { href: 'https://en.wikipedia.org/wiki/Foo_(bar)', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { text: ')' },
    ]);
  });

  it('never makes links of other schemes, and keeps markup as text', () => {
    expect(linkify('javascript:alert(1) <a href="https://evil">x</a> data:text/html,hi')).toEqual([
      { text: 'javascript:alert(1) <a href="' },
      { href: 'https://evil', text: 'https://evil' },
      { text: '">x</a> data:text/html,hi' },
    ]);
  });

  it('keeps line breaks in the text pieces', () => {
    expect(linkify('one\ntwo')).toEqual([{ text: 'one\ntwo' }]);
  });
});
