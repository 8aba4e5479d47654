'use client';

import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';

type Props = {
  number: string;
  isFirst: boolean;
  isLast: boolean;
  moveAction: (direction: 'up' | 'down') => Promise<ActionState>;
  removeAction: () => Promise<ActionState>;
  /** The element that takes focus once the question is removed. */
  afterRemoveFocusId: string;
};

/**
 * Moving a question up or down, and removing it behind a confirmation. Focus stays on
 * the button that moved the question (React keeps it as the list reorders); when the
 * confirmation opens, focus moves to it, and back when it is cancelled.
 */
export function QuestionControls({ number, isFirst, isLast, moveAction, removeAction, afterRemoveFocusId }: Props) {
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const run = (task: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await task();
      setError(result.ok ? null : (result.error ?? 'That did not work. Try again.'));
    });

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending || isFirst} onClick={() => run(() => moveAction('up'))}>Move up<span className="sr-only"> question {number}</span></Button>
        <Button variant="secondary" disabled={pending || isLast} onClick={() => run(() => moveAction('down'))}>Move down<span className="sr-only"> question {number}</span></Button>
        {confirming ? null : (
          <Button
            ref={removeRef}
            variant="danger"
            disabled={pending}
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => confirmRef.current?.focus());
            }}
          >
            Remove question {number}
          </Button>
        )}
      </div>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-danger p-2" role="group" aria-label={`Confirm removing question ${number}`}>
          <p className="text-sm">Remove question {number} from the form? Its mapping is kept on record.</p>
          <Button
            ref={confirmRef}
            variant="danger"
            disabled={pending}
            onClick={() =>
              run(async () => {
                const result = await removeAction();
                // This question leaves the page with its buttons: focus goes to the summary, which counts what is left.
                if (result.ok) requestAnimationFrame(() => document.getElementById(afterRemoveFocusId)?.focus());
                return result;
              })
            }
          >
            Yes, remove it
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => removeRef.current?.focus());
            }}
          >
            Cancel
          </Button>
        </div>
      ) : null}
      {error ? <p role="alert" className="text-sm text-danger">{error}</p> : null}
    </div>
  );
}

/** Takes a section or passage off a question. */
export function UnmapButton({ label, action }: { label: string; action: () => Promise<ActionState> }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="link"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action();
            setError(result.ok ? null : (result.error ?? 'That did not work. Try again.'));
          })
        }
      >
        {label}
      </Button>
      {error ? <span role="alert" className="text-sm text-danger"> {error}</span> : null}
    </>
  );
}
