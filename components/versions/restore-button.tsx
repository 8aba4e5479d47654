'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';

type Props = {
  versionId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

/** Restores a version (a new version is created; nothing is deleted) and says so. */
export function RestoreButton({ versionId, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="versionId" value={versionId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Restoring…' : 'Restore this version'}
      </Button>
      <span role="status" className="text-sm">
        {state.ok ? 'Restored: it is now the current text, as a new version.' : state.error ?? ''}
      </span>
    </form>
  );
}
