/**
 * Which feedback a section's margin shows, written once for both places that decide it:
 * the read model on the server (lib/feedback/read-model.ts) and the margin's reducer in the
 * browser (components/comments/feedback-model.ts), which updates the list after an action
 * without reloading. No server-only code here: the browser imports it.
 */

type ThreadLike = { withdrawn: boolean; replies: readonly { withdrawn: boolean }[] };

/**
 * A withdrawn comment disappears; a withdrawn thread that still has a reply someone has not
 * withdrawn stays, shown as withdrawn, so the replies keep their place.
 */
export function isThreadShown(thread: ThreadLike): boolean {
  return !thread.withdrawn || thread.replies.some((reply) => !reply.withdrawn);
}

/**
 * A withdrawn suggestion disappears from the margin (the section's query leaves it out in
 * SQL, lib/feedback/queries.ts); accepted and declined ones stay, for the record.
 */
export function isSuggestionShown(suggestion: { status: string }): boolean {
  return suggestion.status !== 'WITHDRAWN';
}
