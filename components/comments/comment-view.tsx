'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { AgreeButton } from '@/components/comments/agree-button';
import { PlainText } from '@/components/comments/plain-text';
import type { FeedbackHandlers, Viewer } from '@/components/comments/types';
import { usePending } from '@/components/comments/use-pending';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { CommentDto } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format';

/**
 * One comment (a thread's first comment or a reply): author, time, text, and what the viewer
 * may do with it. The edit form and the withdrawal question are components of their own,
 * mounted while open: a margin draws a thousand of these, nearly all only read.
 */
export function CommentView({ comment, viewer, handlers }: { comment: CommentDto; viewer: Viewer; handlers: FeedbackHandlers }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'withdraw'>('view');
  // Back from editing or from the withdrawal question: focus the control that opened it,
  // not <body> (the form or question that had focus is gone).
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const back = () => {
    returnFocus.current = true;
    setMode('view');
  };
  useEffect(() => {
    if (mode === 'view' && returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [mode]);

  if (comment.withdrawn) {
    return <p className="text-sm italic text-muted">{comment.parentId ? 'This reply was withdrawn.' : 'This comment was withdrawn by its author.'}</p>;
  }
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm">
        <strong className="font-semibold">{comment.author?.name}</strong>
        <span className="text-muted">
          {' · '}
          <span data-datetime={comment.createdAt}>{formatDateTime(comment.createdAt)}</span>
          {comment.edited ? <span title={comment.editedAt ? `Edited ${formatDateTime(comment.editedAt)}` : undefined}> · edited</span> : null}
        </span>
      </p>
      {mode === 'edit' ? <EditForm comment={comment} handlers={handlers} onDone={back} /> : <PlainText text={comment.body} className="text-base" />}
      {mode === 'withdraw' ? <WithdrawQuestion comment={comment} handlers={handlers} onKeep={back} /> : null}
      {mode === 'view' ? (
        <div className="flex flex-wrap items-center gap-3">
          <AgreeButton kind="comment" id={comment.id} count={comment.agreeCount} agreed={comment.agreedByMe} canAgree={viewer.canComment && !comment.mine} handlers={handlers} />
          {comment.mine && viewer.canComment ? <Button ref={opener} variant="link" onClick={() => setMode('edit')}>Edit<span className="sr-only"> your comment</span></Button> : null}
          {comment.mine ? <Button variant="link" onClick={() => setMode('withdraw')}>Withdraw<span className="sr-only"> your comment</span></Button> : null}
        </div>
      ) : null}
    </div>
  );
}

/** Editing one's own comment: saved, or cancelled (either way `onDone`). */
function EditForm({ comment, handlers, onDone }: { comment: CommentDto; handlers: FeedbackHandlers; onDone: () => void }) {
  const [draft, setDraft] = useState(comment.body);
  const { pending, error, fieldErrors, run } = usePending();
  const fieldId = useId();
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await run(() => handlers.editComment(comment.id, draft));
    if (result?.ok) onDone();
  };
  const bodyError = fieldErrors.body;
  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <label htmlFor={fieldId} className="sr-only">Edit your comment</label>
      <textarea
        id={fieldId}
        className={inputClass}
        rows={4}
        value={draft}
        maxLength={10_000}
        onChange={(event) => setDraft(event.target.value)}
        aria-invalid={Boolean(bodyError)}
        aria-describedby={bodyError || error ? `${fieldId}-error` : undefined}
      />
      {bodyError || error ? <p id={`${fieldId}-error`} role="alert" className="text-sm text-danger">{bodyError ?? error}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" busy={pending}>Save</Button>
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

/** "Withdraw this comment?": withdraws it, or `onKeep`. */
function WithdrawQuestion({ comment, handlers, onKeep }: { comment: CommentDto; handlers: FeedbackHandlers; onKeep: () => void }) {
  const { pending, error, run } = usePending();
  return (
    <div role="group" aria-label="Confirm withdrawal" className="flex flex-wrap items-center gap-2 rounded border border-danger bg-red-50 p-2 text-sm">
      <span>Withdraw this comment? Its text disappears for everyone.</span>
      <Button variant="danger" busy={pending} onClick={() => run(() => handlers.withdrawComment(comment.id))}>Withdraw</Button>
      <Button variant="secondary" onClick={onKeep}>Keep it</Button>
      {error ? <span role="alert" className="text-danger">{error}</span> : null}
    </div>
  );
}
