import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { suggestionCardHtml, threadCardHtml } from '@/components/comments/card-html';
import { SuggestionCard } from '@/components/comments/suggestion-card';
import { ThreadCard } from '@/components/comments/thread-card';
import type { FeedbackHandlers, Viewer } from '@/components/comments/types';
import type { AnchorStatus } from '@/lib/anchoring/text-quote';
import type { CommentDto, FeedbackOutcome, SuggestionDto } from '@/lib/feedback/types';

/**
 * The string a margin card starts as (components/comments/card-html.ts) must be the very
 * markup React renders for the card before anyone touches it: when a card turns into the
 * React component, nothing on the screen may change and the focused control must be found
 * again at the same place. Every branch of both cards, with text that needs escaping.
 */
const never = () => {
  throw new Error('not called while rendering');
};
const handlers = new Proxy({}, { get: () => never }) as FeedbackHandlers;

const viewers: Record<string, Viewer> = {
  member: { id: 'u-member', canComment: true, canResolveAny: false, canDecide: false },
  coordinator: { id: 'u-coord', canComment: true, canResolveAny: true, canDecide: true },
  closed: { id: 'u-closed', canComment: false, canResolveAny: false, canDecide: false },
};
const statuses: (AnchorStatus | null)[] = [null, 'anchored', 'changed', 'detached'];
const awkward = `Tom & Jerry's "quote" <b>not bold</b>\n  second line`;
const anchor = { exact: `the <council's> "plan" & more ${'long '.repeat(60)}`, prefix: '   words before the passage, quite a few of them', suffix: ' after', start: 10, end: 40 };
const outcomes: (FeedbackOutcome | null)[] = [
  null,
  { kind: 'INCORPORATED', reply: 'Thanks — see https://example.org/a?b=1&c=2.', by: { name: 'Coordinator <Ann>' }, at: '2026-11-02T10:00:00.000Z' },
  { kind: 'NOT_TAKEN_FORWARD', reply: null, by: null, at: null },
  { kind: 'PARTLY_INCORPORATED', reply: 'Partly', by: null, at: '2026-11-03T10:00:00.000Z' },
  { kind: 'NOTED', reply: null, by: { name: 'Bea' }, at: null },
];

function comment(over: Partial<CommentDto>): CommentDto {
  return {
    id: 'c1', sectionId: 's1', parentId: null, body: awkward, author: { name: `Ann O'Brien & <co>` }, anchor, location: null, status: 'OPEN',
    agreeCount: 0, agreedByMe: false, mine: false, edited: false, editedAt: null, withdrawn: false, createdAt: '2026-11-01T09:30:00.000Z',
    resolvedBy: null, resolvedAt: null, replies: [], outcome: null, ...over,
  };
}

const threads: CommentDto[] = [
  comment({}),
  comment({ anchor: null, agreeCount: 1, agreedByMe: true }),
  comment({ agreeCount: 7, mine: true, edited: true, editedAt: '2026-11-01T11:00:00.000Z', body: 'See https://example.org/x_(y) and http://a.b/c?d="e".' }),
  comment({ edited: true, editedAt: null, status: 'RESOLVED', resolvedBy: { name: 'Rae' } }),
  comment({ status: 'RESOLVED', resolvedBy: null, withdrawn: true, body: '', author: null }),
  comment({ mine: true, withdrawn: true, body: '', author: null }),
  comment({
    replies: [
      comment({ id: 'r1', parentId: 'c1', anchor: null, body: 'A reply', agreeCount: 2 }),
      comment({ id: 'r2', parentId: 'c1', anchor: null, withdrawn: true, body: '', author: null }),
      comment({ id: 'r<3>', parentId: 'c1', anchor: null, mine: true, body: '' }),
    ],
  }),
  ...outcomes.map((outcome) => comment({ mine: true, outcome })),
];

function suggestion(over: Partial<SuggestionDto>): SuggestionDto {
  return {
    id: 's1', sectionId: 's1', author: { name: `Sam "the" <editor>` }, anchor, location: null, outdated: false, currentWords: null, kind: 'replace',
    replacement: 'the council & partners\' plan', reason: null, status: 'OPEN', agreeCount: 0, agreedByMe: false, mine: false,
    createdAt: '2026-11-01T09:30:00.000Z', decidedBy: null, decidedAt: null, declineReason: null, acceptedVersionId: null, outcome: null, ...over,
  } as SuggestionDto;
}

const suggestions: SuggestionDto[] = [
  suggestion({}),
  suggestion({ kind: 'insert', anchor: { ...anchor, exact: '' }, replacement: 'new words <here>', reason: 'Because "it" reads better' }),
  suggestion({ kind: 'delete', replacement: '', agreeCount: 3, agreedByMe: true }),
  suggestion({ mine: true, agreeCount: 1, currentWords: 'what the text says now & then' }),
  suggestion({ status: 'ACCEPTED', decidedBy: { name: 'Dee' }, decidedAt: '2026-11-04T12:00:00.000Z' }),
  suggestion({ status: 'ACCEPTED', decidedBy: null, decidedAt: null }),
  suggestion({ status: 'DECLINED', decidedBy: { name: 'Dee' }, declineReason: 'Out of scope\nfor now' }),
  suggestion({ status: 'DECLINED', declineReason: null }),
  suggestion({ status: 'WITHDRAWN', mine: true }),
  ...outcomes.map((outcome) => suggestion({ mine: true, outcome, status: 'DECLINED' })),
];

describe('a margin card as a string', () => {
  for (const [who, viewer] of Object.entries(viewers)) {
    for (const status of statuses) {
      it(`is the markup ThreadCard renders (${who}, passage ${status ?? 'not located'})`, () => {
        for (const thread of threads) {
          expect(threadCardHtml(thread, status, viewer)).toBe(renderToStaticMarkup(createElement(ThreadCard, { thread, status, viewer, handlers })));
        }
      });
      it(`is the markup SuggestionCard renders (${who}, passage ${status ?? 'not located'})`, () => {
        for (const item of suggestions) {
          expect(suggestionCardHtml(item, status, viewer)).toBe(renderToStaticMarkup(createElement(SuggestionCard, { suggestion: item, status, viewer, handlers })));
        }
      });
    }
  }

  it('keeps typed markup as text', () => {
    const html = threadCardHtml(comment({ body: '<img src=x onerror=alert(1)><script>alert(2)</script>' }), 'anchored', viewers.member);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
  });

  // Chromium parses an element's innerHTML on a fast path when the markup holds only these
  // elements (third_party/blink/renderer/core/html/parser/html_document_parser_fastpath.cc),
  // at about 2.5 times the speed of its full parser; a thread card with any other element
  // (<h3>, <q>, <time>, <blockquote>) falls back to the full one for the whole card.
  const FAST_PATH_ELEMENTS = new Set(['a', 'b', 'br', 'button', 'div', 'footer', 'i', 'input', 'li', 'label', 'option', 'ol', 'p', 'select', 'span', 'strong', 'ul']);
  it('writes a thread card with only the elements the browser parses fast', () => {
    for (const viewer of Object.values(viewers)) {
      for (const status of statuses) {
        for (const thread of threads) {
          const elements = [...threadCardHtml(thread, status, viewer).matchAll(/<([a-z0-9]+)[\s>]/g)].map((match) => match[1]);
          expect(elements.filter((name) => !FAST_PATH_ELEMENTS.has(name))).toEqual([]);
          // Nor an attribute named on… (the fast path refuses event handlers).
          expect(threadCardHtml(thread, status, viewer)).not.toMatch(/<[^>]*\son[a-z]+=/);
        }
      }
    }
  });
});
