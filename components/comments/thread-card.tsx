'use client';

import { memo, useEffect, useId, useRef, useState } from 'react';
import { CommentView } from '@/components/comments/comment-view';
import { OutcomeLine } from '@/components/comments/outcome-line';
import { PassageQuote } from '@/components/comments/passage-quote';
import type { FeedbackHandlers, Viewer } from '@/components/comments/types';
import { usePending } from '@/components/comments/use-pending';
import { Button } from '@/components/ui/button';
import { describedBy, Field, TextArea } from '@/components/ui/field';
import type { AnchorStatus } from '@/lib/anchoring/text-quote';
import type { CommentDto } from '@/lib/feedback/types';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/**
 * A thread: the passage, the first comment, its replies, a reply form, resolve or reopen.
 * Memoised: a margin may hold a thousand of these, and typing or selecting in the text must
 * not re-render them. The reply form is mounted only while open.
 */
export const ThreadCard = memo(function ThreadCard({ thread, status, viewer, handlers }: { thread: CommentDto; status: AnchorStatus | null; viewer: Viewer; handlers: FeedbackHandlers }) {
  const [replying, setReplying] = useState(false);
  // One key per reply being written, kept if the form is closed and opened again before it
  // is sent (a resend after a lost answer is then recognised), new once a reply is stored.
  const clientKey = useRef<string | null>(null);
  const statusAction = usePending();
  const mayResolve = (thread.mine && !thread.withdrawn) || viewer.canResolveAny;
  const resolved = thread.status === 'RESOLVED';
  // When the reply form closes (sent or cancelled), focus returns to the Reply button that
  // opened it instead of falling to <body> with the removed form.
  const replyButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!replying && returnFocus.current) {
      returnFocus.current = false;
      replyButton.current?.focus();
    }
  }, [replying]);
  const closeReply = () => {
    returnFocus.current = true;
    setReplying(false);
  };

  // A fragment: the margin's <li> lays the card out.
  return (
    <>
      <div role="heading" aria-level={3} className="sr-only">
        {thread.withdrawn ? 'Withdrawn comment' : `Comment by ${thread.author?.name}`}{resolved ? ' (resolved)' : ''}
      </div>
      <PassageQuote anchor={thread.anchor} status={status} what="comment" />
      {resolved ? <p className="text-sm font-medium text-ok">Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ''}</p> : null}
      <CommentView comment={thread} viewer={viewer} handlers={handlers} />
      <OutcomeLine outcome={thread.outcome} />
      {thread.replies.length ? (
        <ol aria-label="Replies" className="ml-3 flex flex-col gap-3 border-l-2 border-line pl-3">
          {thread.replies.map((r) => (
            <li key={r.id} id={`comment-${r.id}`}>
              <CommentView comment={r} viewer={viewer} handlers={handlers} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <ReplyForm
          clientKey={() => (clientKey.current ??= newKey())}
          send={(body, key) => handlers.reply(thread.id, body, key)}
          onSent={() => {
            clientKey.current = null;
            closeReply();
          }}
          onCancel={closeReply}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        {viewer.canComment && !replying ? <Button ref={replyButton} variant="secondary" onClick={() => setReplying(true)}>Reply</Button> : null}
        {mayResolve ? (
          <Button variant="secondary" busy={statusAction.pending} onClick={() => statusAction.run(() => handlers.setThreadStatus(thread.id, resolved ? 'OPEN' : 'RESOLVED'))}>
            {resolved ? 'Reopen' : 'Resolve'}<span className="sr-only"> thread</span>
          </Button>
        ) : null}
        {statusAction.error ? <p role="alert" className="text-sm text-danger">{statusAction.error}</p> : null}
      </div>
    </>
  );
});

/** Writing a reply: sent (then `onSent`) or cancelled. */
function ReplyForm({ clientKey, send, onSent, onCancel }: {
  clientKey: () => string;
  send: (body: string, clientKey: string) => ReturnType<FeedbackHandlers['reply']>;
  onSent: () => void;
  onCancel: () => void;
}) {
  const [reply, setReply] = useState('');
  const replyAction = usePending();
  const fieldId = useId();
  const sendReply = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await replyAction.run(() => send(reply, clientKey()));
    if (result?.ok) onSent();
  };
  const replyError = replyAction.fieldErrors.body ?? replyAction.error;
  return (
    <form onSubmit={sendReply} className="flex flex-col gap-2">
      <Field id={`${fieldId}-reply`} label="Your reply" error={replyError ?? undefined}>
        <TextArea
          id={`${fieldId}-reply`}
          rows={3}
          value={reply}
          maxLength={10_000}
          required
          autoFocus
          onChange={(event) => setReply(event.target.value)}
          aria-invalid={Boolean(replyError)}
          aria-describedby={describedBy(`${fieldId}-reply`, null, replyError)}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" busy={replyAction.pending}>{replyAction.pending ? 'Sending…' : 'Send reply'}</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
