import { describe, expect, it } from 'vitest';
import { defaultFilters, feedbackReducer, itemsAt, itemsOf, locateItems, visibleItems, type FeedbackData } from '@/components/comments/feedback-model';
import { textFingerprint } from '@/lib/anchoring/fingerprint';
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
  const locations = locateItems(items, TEXT, textFingerprint(TEXT));
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
    const moved = locateItems(items, edited, textFingerprint(TEXT));
    const early = moved.get('comment-early')!;
    expect(edited.slice(early.start!, early.end!)).toBe('beta');
    expect(moved.get('comment-whole')).toBeNull();
  });

  it('keeps the server\'s placements before the page is drawn and while the text is the one they were placed in', () => {
    const placed = thread('placed', 'beta', { location: { status: 'changed', start: 6, end: 10 } });
    const [item] = itemsOf([placed], []);
    expect(locateItems([item], null, textFingerprint(TEXT)).get(item.key)).toEqual({ status: 'changed', start: 6, end: 10 });
    expect(locateItems([item], TEXT, textFingerprint(TEXT)).get(item.key)).toEqual({ status: 'changed', start: 6, end: 10 });
    expect(locateItems([item], TEXT, '').get(item.key)).toEqual({ status: 'anchored', start: 6, end: 10 });
  });

  it('finds the feedback under a clicked position', () => {
    const at = TEXT.indexOf('epsilon') + 2;
    expect(itemsAt(items, locations, at).map((item) => item.key)).toEqual(['comment-late']);
    expect(itemsAt(items, locations, TEXT.indexOf('.') + 1)).toEqual([]);
  });
});

describe('[COMMENTS] the margin after an action follows the server\'s rules', () => {
  const reply = (id: string, parentId: string, extra: Partial<CommentDto> = {}) => thread(id, null, { parentId, ...extra });
  const state = (comments: CommentDto[], suggestions: SuggestionDto[] = []): FeedbackData => ({ textFingerprint: textFingerprint(TEXT), versionId: null, comments, suggestions, later: null });
  const threadIds = (data: FeedbackData) => data.comments.map((comment) => comment.id);

  it('a withdrawn thread leaves the margin unless a reply is still standing, and then stays as withdrawn', () => {
    const before = state([thread('alone', 'beta'), thread('discussed', 'gamma', { replies: [reply('answer', 'discussed')] })]);
    const afterAlone = feedbackReducer(before, { type: 'comment-changed', comment: thread('alone', 'beta', { withdrawn: true, body: '' }) });
    expect(threadIds(afterAlone)).toEqual(['discussed']);
    const withdrawnDiscussed = { ...before.comments[1], withdrawn: true, body: '' };
    const afterDiscussed = feedbackReducer(afterAlone, { type: 'comment-changed', comment: withdrawnDiscussed });
    expect(afterDiscussed.comments).toEqual([withdrawnDiscussed]);
    // The last standing reply withdrawn too: nothing is left to show, as on the next page load.
    const afterReply = feedbackReducer(afterDiscussed, { type: 'comment-changed', comment: reply('answer', 'discussed', { withdrawn: true, body: '' }) });
    expect(afterReply.comments).toEqual([]);
  });

  it('a withdrawn reply in a standing thread keeps its place', () => {
    const before = state([thread('open', 'beta', { replies: [reply('first', 'open'), reply('second', 'open')] })]);
    const after = feedbackReducer(before, { type: 'comment-changed', comment: reply('first', 'open', { withdrawn: true, body: '' }) });
    expect(after.comments[0].replies.map((r) => [r.id, r.withdrawn])).toEqual([['first', true], ['second', false]]);
  });

  it('a withdrawn suggestion leaves; a declined one stays for the record', () => {
    const before = state([], [suggestion('s1', 'Delta'), suggestion('s2', 'Alpha')]);
    let after = feedbackReducer(before, { type: 'suggestion-changed', suggestion: suggestion('s1', 'Delta', { status: 'WITHDRAWN' }) });
    after = feedbackReducer(after, { type: 'suggestion-changed', suggestion: suggestion('s2', 'Alpha', { status: 'DECLINED', declineReason: 'No' }) });
    expect(after.suggestions.map((s) => [s.id, s.status])).toEqual([['s2', 'DECLINED']]);
  });

  it('a post answered twice (a resend) is added once', () => {
    const posted = thread('new', 'beta');
    const once = feedbackReducer(state([]), { type: 'comment-posted', comment: posted });
    expect(feedbackReducer(once, { type: 'comment-posted', comment: posted })).toBe(once);
    const answered = reply('answer', 'new');
    const replied = feedbackReducer(once, { type: 'reply-posted', threadId: 'new', reply: answered });
    expect(feedbackReducer(replied, { type: 'reply-posted', threadId: 'new', reply: answered }).comments[0].replies).toHaveLength(1);
    const sent = feedbackReducer(state([]), { type: 'suggestion-posted', suggestion: suggestion('s1', 'Delta') });
    expect(feedbackReducer(sent, { type: 'suggestion-posted', suggestion: suggestion('s1', 'Delta') }).suggestions).toHaveLength(1);
  });

  it('an agreement updates the count where it was given, reply or suggestion, and a fresh read replaces everything', () => {
    const before = state([thread('t', 'beta', { replies: [reply('r', 't')] })], [suggestion('s1', 'Delta')]);
    const agreedReply = feedbackReducer(before, { type: 'agreement-changed', kind: 'comment', id: 'r', agreeCount: 2, agreed: true });
    expect(agreedReply.comments[0].replies[0]).toMatchObject({ agreeCount: 2, agreedByMe: true });
    expect(agreedReply.comments[0].agreeCount).toBe(0);
    const agreedSuggestion = feedbackReducer(before, { type: 'agreement-changed', kind: 'suggestion', id: 's1', agreeCount: 1, agreed: true });
    expect(agreedSuggestion.suggestions[0]).toMatchObject({ agreeCount: 1, agreedByMe: true });
    const fresh = state([thread('other', 'gamma')]);
    expect(feedbackReducer(before, { type: 'loaded', data: fresh })).toBe(fresh);
  });

  it('the rest of a busy section joins the first screen once, keeping what changed meanwhile', () => {
    const after = { position: 6, createdAt: '2025-01-01T00:00:00.000Z', id: 'first' };
    const firstScreen: FeedbackData = { ...state([thread('first', 'beta')]), later: { after, count: 2 } };
    // An action on the first screen before the rest arrives, and a post that the rest also holds.
    const agreed = feedbackReducer(firstScreen, { type: 'agreement-changed', kind: 'comment', id: 'first', agreeCount: 1, agreed: true });
    const posted = feedbackReducer(agreed, { type: 'comment-posted', comment: thread('mine', 'zeta', { mine: true }) });
    const page = { textFingerprint: textFingerprint(TEXT), comments: [thread('first', 'beta'), thread('mine', 'zeta', { mine: true }), thread('second', 'gamma')], suggestions: [suggestion('s1', 'Delta')] };
    const whole = feedbackReducer(posted, { type: 'later-loaded', after, page });
    expect(threadIds(whole)).toEqual(['first', 'mine', 'second']);
    expect(whole.comments[0]).toMatchObject({ agreeCount: 1, agreedByMe: true });
    expect(whole.suggestions.map((s) => s.id)).toEqual(['s1']);
    expect(whole.later).toBeNull();
    expect(whole.textFingerprint).toBe(textFingerprint(TEXT));
    // Answered twice, or for a first screen a fresh read has replaced: nothing changes.
    expect(feedbackReducer(whole, { type: 'later-loaded', after, page })).toBe(whole);
    const refreshed: FeedbackData = { ...state([thread('other', 'gamma')]), later: { after: { ...after, id: 'other' }, count: 1 } };
    expect(feedbackReducer(refreshed, { type: 'later-loaded', after, page })).toBe(refreshed);
  });

  it('the rest read from a text edited since the first screen makes the page place every anchor again', () => {
    const after = { position: 6, createdAt: '2025-01-01T00:00:00.000Z', id: 'first' };
    const firstScreen: FeedbackData = { ...state([thread('first', 'beta')]), later: { after, count: 1 } };
    const whole = feedbackReducer(firstScreen, { type: 'later-loaded', after, page: { textFingerprint: textFingerprint(`${TEXT} More.`), comments: [thread('second', 'gamma')], suggestions: [] } });
    expect(whole.textFingerprint).toBe('');
    const items = itemsOf(whole.comments, whole.suggestions);
    expect(locateItems(items, TEXT, whole.textFingerprint).get('comment-second')).toMatchObject({ status: 'anchored' });
  });
});
