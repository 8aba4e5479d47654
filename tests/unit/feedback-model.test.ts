import { describe, expect, it } from 'vitest';
import { defaultFilters, itemsAt, itemsOf, locateItems, visibleItems } from '@/components/comments/feedback-model';
import { describeRange } from '@/lib/anchoring/text-quote';
import type { CommentDto, SuggestionDto } from '@/lib/feedback/types';

const TEXT = 'Alpha beta gamma. Delta epsilon zeta.';

function thread(id: string, words: string | null, extra: Partial<CommentDto> = {}): CommentDto {
  const at = words ? TEXT.indexOf(words) : -1;
  const anchor = words ? describeRange(TEXT, at, at + words.length) : null;
  return {
    id, sectionId: 's', parentId: null, body: id, author: { name: 'A' }, anchor,
    location: anchor ? { status: 'anchored', start: anchor.start, end: anchor.end } : null,
    status: 'OPEN', agreeCount: 0, agreedByMe: false, mine: false, edited: false, editedAt: null, withdrawn: false,
    createdAt: '2025-01-01T00:00:00.000Z', resolvedBy: null, resolvedAt: null, replies: [], ...extra,
  };
}

function suggestion(id: string, words: string, extra: Partial<SuggestionDto> = {}): SuggestionDto {
  const at = TEXT.indexOf(words);
  const anchor = describeRange(TEXT, at, at + words.length);
  return {
    id, sectionId: 's', author: { name: 'B' }, anchor, location: { status: 'anchored', start: anchor.start, end: anchor.end }, outdated: false, currentWords: null,
    kind: 'replace', replacement: 'x', reason: null, status: 'OPEN', agreeCount: 0, agreedByMe: false, mine: false,
    createdAt: '2025-01-02T00:00:00.000Z', decidedBy: null, decidedAt: null, declineReason: null, acceptedVersionId: null, ...extra,
  };
}

describe('[COMMENTS] the margin: filters and sort orders', () => {
  const comments = [
    thread('late', 'epsilon', { createdAt: '2025-01-05T00:00:00.000Z', agreeCount: 1 }),
    thread('whole', null, { createdAt: '2025-01-03T00:00:00.000Z' }),
    thread('early', 'beta', { agreeCount: 5, mine: true }),
    thread('done', 'gamma', { status: 'RESOLVED' }),
    thread('replied', 'zeta', { replies: [thread('r', null, { mine: true, parentId: 'replied' })] }),
  ];
  const suggestions = [suggestion('s1', 'Delta', { agreeCount: 3 }), suggestion('s2', 'Alpha', { status: 'DECLINED', mine: true })];
  const items = itemsOf(comments, suggestions);
  const locations = locateItems(items, TEXT, TEXT);
  const ids = (filters: Partial<typeof defaultFilters>) => visibleItems(items, { ...defaultFilters, ...filters }, locations).map((item) => item.key);

  it('shows open feedback by position in the text, whole-section comments first', () => {
    expect(ids({})).toEqual(['comment-whole', 'comment-early', 'suggestion-s1', 'comment-late', 'comment-replied']);
  });

  it('sorts by agreement and by newest', () => {
    expect(ids({ sort: 'agreement' }).slice(0, 3)).toEqual(['comment-early', 'suggestion-s1', 'comment-late']);
    expect(ids({ sort: 'newest' })[0]).toBe('comment-late');
  });

  it('filters resolved and decided, comments or suggestions only, and mine (including threads I replied in)', () => {
    expect(ids({ status: 'resolved' })).toEqual(['suggestion-s2', 'comment-done']);
    expect(ids({ status: 'all', kind: 'suggestions' })).toEqual(['suggestion-s2', 'suggestion-s1']);
    expect(ids({ status: 'all', mine: true })).toEqual(['suggestion-s2', 'comment-early', 'comment-replied']);
  });

  it('places anchors again when the live text differs from the text the server placed them in', () => {
    const edited = `Omega. ${TEXT}`;
    const moved = locateItems(items, edited, TEXT);
    const early = moved.get('comment-early')!;
    expect(edited.slice(early.start!, early.end!)).toBe('beta');
    expect(moved.get('comment-whole')).toBeNull();
  });

  it('finds the feedback under a clicked position', () => {
    const at = TEXT.indexOf('epsilon') + 2;
    expect(itemsAt(items, locations, at).map((item) => item.key)).toEqual(['comment-late']);
    expect(itemsAt(items, locations, TEXT.indexOf('.') + 1)).toEqual([]);
  });
});
