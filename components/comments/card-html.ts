/**
 * A margin card as it first appears, written as one HTML string: the markup ThreadCard and
 * SuggestionCard render before anyone touches them (no form open, nothing sending).
 *
 * A busy section's margin holds a thousand cards, and nearly all of them are only read. As
 * React elements each card is some thirty fibers to create, diff and commit; as a string it
 * is one element's innerHTML, parsed by the browser in a fraction of the time. A card becomes
 * the React component when someone reaches it (pointer, focus or click: see MarginCard in
 * section-feedback.tsx), and because both write the same markup, that swap changes nothing on
 * the screen and keeps the focused control (tests/unit/card-html.test.ts renders both and
 * compares them, for every kind of card).
 *
 * Text is escaped exactly as React escapes it; the only links are the web addresses of
 * comments' text (lib/comments/linkify.ts), as PlainText writes them.
 *
 * A thread card is written with only the elements Chromium's fast innerHTML parser takes (a,
 * b, br, button, div, footer, i, input, li, label, option, ol, p, select, span, strong, ul):
 * one other element sends the whole card to the full parser, at about 2.5 times the cost. So
 * its heading is a div with role="heading", its quotation block a div with role="blockquote",
 * quoted words a span (feedback.css draws the marks) and a moment a span with data-datetime.
 * tests/unit/card-html.test.ts keeps it so.
 */
import { diffWords } from 'diff';
import { agreeButtonClass, agreementLabel } from '@/components/comments/agree-button';
import { outcomeTones } from '@/components/comments/outcome-line';
import { shorten } from '@/components/comments/passage-quote';
import { kindLabels } from '@/components/comments/suggestion-card';
import type { Viewer } from '@/components/comments/types';
import { buttonClass } from '@/components/ui/button';
import { linkClass } from '@/components/ui/link';
import type { AnchorStatus } from '@/lib/anchoring/text-quote';
import { linkify } from '@/lib/comments/linkify';
import type { CommentDto, FeedbackOutcome, PublicAnchor, SuggestionDto } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format';
import { dispositionLabels } from '@/lib/merge/types';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
/** As React escapes text and attribute values, so that both renderings are the same bytes. */
const esc = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function plainText(text: string, className = ''): string {
  let html = '';
  for (const piece of linkify(text)) {
    html += 'href' in piece ? `<a href="${esc(piece.href)}" class="${linkClass}" rel="nofollow noopener noreferrer ugc" target="_blank">${esc(piece.text)}</a>` : esc(piece.text);
  }
  return `<p class="whitespace-pre-wrap break-words ${className}">${html}</p>`;
}

const time = (at: string) => `<span data-datetime="${esc(at)}">${esc(formatDateTime(at))}</span>`;

/** Words quoted from the text or the suggestion, in quotation marks. */
const quoted = (words: string) => `<span class="chorus-quote font-serif">${esc(words)}</span>`;

function button(variant: Parameters<typeof buttonClass>[0], label: string, hidden = ''): string {
  return `<button type="button" class="${buttonClass(variant)}">${esc(label)}${hidden ? `<span class="sr-only">${esc(hidden)}</span>` : ''}</button>`;
}

function agreeButton(count: number, agreed: boolean, canAgree: boolean): string {
  if (!canAgree) return count ? `<span class="text-sm text-muted">${esc(agreementLabel(count))}</span>` : '';
  return `<button type="button" aria-pressed="${agreed}" class="${agreeButtonClass(agreed)}">Agree<span aria-hidden="true">\u00a0· ${count}</span><span class="sr-only"> (${esc(agreementLabel(count))})</span></button>`;
}

function passageQuote(anchor: PublicAnchor | null, status: AnchorStatus | null, what: string): string {
  if (!anchor) return '<p class="text-xs font-medium uppercase tracking-wide text-muted">On the whole section</p>';
  const quote = quoted(shorten(anchor.exact));
  if (status === 'detached') {
    return `<p class="rounded border border-dashed border-line bg-stone-50 p-2 text-sm"><strong class="font-semibold">Passage removed.</strong> The words this ${what} is about are no longer in the text. They were: ${quote}</p>`;
  }
  if (status === 'changed') return `<p class="border-l-4 border-mark pl-2 text-sm"><strong class="font-semibold">Passage changed</strong> since this ${what}. It said: ${quote}</p>`;
  return `<div role="blockquote" class="border-l-4 border-mark pl-2 text-sm">${quote}</div>`;
}

function outcomeLine(outcome: FeedbackOutcome | null | undefined): string {
  if (!outcome) return '';
  return (
    `<div class="rounded border p-2 text-sm ${outcomeTones[outcome.kind]}"><p><span class="font-semibold">Outcome: ${esc(dispositionLabels[outcome.kind])}</span>` +
    (outcome.by ? `<span class="text-muted"> · ${esc(outcome.by.name)}</span>` : '') +
    (outcome.at ? `<span class="text-muted"> · ${time(outcome.at)}</span>` : '') +
    `</p>${outcome.reply ? plainText(outcome.reply, 'mt-1') : ''}</div>`
  );
}

function commentView(comment: CommentDto, viewer: Viewer): string {
  if (comment.withdrawn) return `<p class="text-sm italic text-muted">${comment.parentId ? 'This reply was withdrawn.' : 'This comment was withdrawn by its author.'}</p>`;
  const edited = comment.edited ? `<span${comment.editedAt ? ` title="${esc(`Edited ${formatDateTime(comment.editedAt)}`)}"` : ''}> · edited</span>` : '';
  return (
    `<div class="flex flex-col gap-1"><p class="text-sm"><strong class="font-semibold">${esc(comment.author?.name ?? '')}</strong><span class="text-muted"> · ${time(comment.createdAt)}${edited}</span></p>` +
    plainText(comment.body, 'text-base') +
    `<div class="flex flex-wrap items-center gap-3">${agreeButton(comment.agreeCount, comment.agreedByMe, viewer.canComment && !comment.mine)}` +
    (comment.mine && viewer.canComment ? button('link', 'Edit', ' your comment') : '') +
    (comment.mine ? button('link', 'Withdraw', ' your comment') : '') +
    '</div></div>'
  );
}

export function threadCardHtml(thread: CommentDto, status: AnchorStatus | null, viewer: Viewer): string {
  const resolved = thread.status === 'RESOLVED';
  const mayResolve = (thread.mine && !thread.withdrawn) || viewer.canResolveAny;
  let html = `<div role="heading" aria-level="3" class="sr-only">${thread.withdrawn ? 'Withdrawn comment' : `Comment by ${esc(thread.author?.name ?? '')}`}${resolved ? ' (resolved)' : ''}</div>`;
  html += passageQuote(thread.anchor, status, 'comment');
  if (resolved) html += `<p class="text-sm font-medium text-ok">Resolved${thread.resolvedBy ? ` by ${esc(thread.resolvedBy.name)}` : ''}</p>`;
  html += commentView(thread, viewer);
  html += outcomeLine(thread.outcome);
  if (thread.replies.length) {
    html += '<ol aria-label="Replies" class="ml-3 flex flex-col gap-3 border-l-2 border-line pl-3">';
    for (const reply of thread.replies) html += `<li id="comment-${esc(reply.id)}">${commentView(reply, viewer)}</li>`;
    html += '</ol>';
  }
  html += '<div class="flex flex-wrap gap-3">';
  if (viewer.canComment) html += button('secondary', 'Reply');
  if (mayResolve) html += button('secondary', resolved ? 'Reopen' : 'Resolve', ' thread');
  return `${html}</div>`;
}

function wordDiff(before: string, after: string): string {
  const parts = before && after ? diffWords(before, after) : [{ value: before, removed: true }, { value: after, added: true }].filter((p) => p.value);
  let html = '';
  for (const part of parts) {
    if ('removed' in part && part.removed) html += `<del class="bg-red-50 text-danger decoration-2"><span class="sr-only">deleted: </span>${esc(part.value)}</del>`;
    else if ('added' in part && part.added) html += `<ins class="bg-green-50 text-ok decoration-2"><span class="sr-only">inserted: </span>${esc(part.value)}</ins>`;
    else html += `<span>${esc(part.value)}</span>`;
  }
  return `<p class="whitespace-pre-wrap break-words font-serif">${html}</p>`;
}

function statusLine(suggestion: SuggestionDto): string {
  const by = suggestion.decidedBy ? ` by ${esc(suggestion.decidedBy.name)}` : '';
  if (suggestion.status === 'ACCEPTED') return `<p class="text-sm font-medium text-ok">Accepted${by}${suggestion.decidedAt ? ` on ${esc(formatDateTime(suggestion.decidedAt))}` : ''}</p>`;
  if (suggestion.status === 'DECLINED') return `<div class="rounded bg-stone-100 p-2 text-sm"><p class="font-medium">Declined${by}</p>${suggestion.declineReason ? plainText(`Reason: ${suggestion.declineReason}`) : ''}</div>`;
  return '';
}

export function suggestionCardHtml(suggestion: SuggestionDto, status: AnchorStatus | null, viewer: Viewer): string {
  const open = suggestion.status === 'OPEN';
  const outdated = open && status !== null && status !== 'anchored';
  const detached = open && status === 'detached';
  const { anchor } = suggestion;
  const author = esc(suggestion.author.name);
  let html =
    `<h3 class="text-xs font-semibold uppercase tracking-wide text-accent-dark">${kindLabels[suggestion.kind]}<span class="sr-only"> by ${author}</span>` +
    (outdated ? '<span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 normal-case tracking-normal text-ink">Outdated</span>' : '') +
    '</h3>';
  if (suggestion.kind === 'insert') html += `<p class="text-sm">Insert after ${quoted(anchor.prefix.slice(-40).replace(/^\s+/, ''))}:</p>`;
  html += `<div class="rounded border border-line bg-paper p-2">${wordDiff(anchor.exact, suggestion.replacement)}</div>`;
  if (outdated) html += passageQuote(anchor, status, 'suggestion');
  if (outdated && suggestion.currentWords !== null && !detached) html += `<p class="text-sm">Now it reads: ${quoted(suggestion.currentWords)}</p>`;
  if (suggestion.reason) html += plainText(`Why: ${suggestion.reason}`, 'text-sm');
  html += `<p class="text-sm"><strong class="font-semibold">${author}</strong><span class="text-muted"> · ${time(suggestion.createdAt)}</span></p>`;
  html += statusLine(suggestion);
  html += outcomeLine(suggestion.outcome);
  html += '<div class="flex flex-wrap items-center gap-3">';
  if (open) html += agreeButton(suggestion.agreeCount, suggestion.agreedByMe, viewer.canComment && !suggestion.mine);
  if (open && viewer.canDecide && !detached) html += button('primary', 'Accept', ` suggestion by ${suggestion.author.name}`);
  if (open && viewer.canDecide) html += button('secondary', 'Decline', ` suggestion by ${suggestion.author.name}`);
  if (open && suggestion.mine) html += button('link', 'Withdraw', ' your suggestion');
  return `${html}</div>`;
}
