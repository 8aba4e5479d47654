'use client';

import { useActionState, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { ActionState } from '@/lib/api/action';

type Props = {
  versionId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
};

/** Restores a version (a new version is created; nothing is deleted) and says so. */
export function RestoreButton({ versionId, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [state]);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="versionId" value={versionId} />
      <Button variant="secondary" busy={pending} onClick={() => setConfirming(true)}>
        {pending ? 'Restoring…' : 'Restore this version…'}
      </Button>
      <ConfirmDialog open={confirming} title="Restore this version?" confirmLabel="Yes, restore it" confirmType="submit" busy={pending} onCancel={() => setConfirming(false)}>
        <p>Its text becomes the current text of the section, as a new version. Nothing is deleted: the text now stays in the history.</p>
      </ConfirmDialog>
      <span role="status" className="text-sm">
        {state.ok ? 'Restored: it is now the current text, as a new version.' : state.error ?? ''}
      </span>
    </form>
  );
}
