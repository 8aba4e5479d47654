'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { selectClass } from '@/components/ui/select';
import type { ActionState } from '@/lib/api/action';

type Role = { value: string; label: string };

type Props = {
  person: { id: string; displayName: string; role: string; removed: boolean };
  roles: Role[];
  changeRoleAction: (state: ActionState, input: { userId: string; role: string }) => Promise<ActionState>;
  removeAction: (state: ActionState, input: { userId: string }) => Promise<ActionState>;
};

/**
 * A person's role select and removal, each behind a confirmation step. Focus moves to the
 * confirming button when a step opens, back to what opened it when it is cancelled, and to
 * the outcome when it is done; the outcome is announced.
 */
export function PersonActions({ person, roles, changeRoleAction, removeAction }: Props) {
  const [role, setRole] = useState(person.role);
  const [shownRole, setShownRole] = useState(person.role);
  const [confirming, setConfirming] = useState<'role' | 'remove' | null>(null);
  const [roleState, dispatchRole, changing] = useActionState(changeRoleAction, {});
  const [removeState, dispatchRemove, removing] = useActionState(removeAction, {});
  const confirmRef = useRef<HTMLButtonElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const removedRef = useRef<HTMLParagraphElement>(null);
  const selectId = `role-${person.id}`;
  const labelOf = (value: string) => (roles.find((r) => r.value === value)?.label ?? value).toLowerCase();

  // The page re-renders with the saved role after a change: follow it.
  if (person.role !== shownRole) {
    setShownRole(person.role);
    setRole(person.role);
  }

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!roleState.ok) return;
    setConfirming(null);
    selectRef.current?.focus();
  }, [roleState]);

  useEffect(() => {
    if (removeState.ok) removedRef.current?.focus();
  }, [removeState]);

  const cancel = () => {
    const opener = confirming === 'remove' ? removeRef : changeRef;
    if (confirming === 'role') setRole(person.role);
    setConfirming(null);
    requestAnimationFrame(() => (opener.current?.disabled ? selectRef.current : opener.current)?.focus());
  };

  if (person.removed) {
    return (
      <div className="flex flex-col gap-1">
        <p ref={removedRef} tabIndex={-1} role="status" className="text-sm">
          {removeState.ok ? `${person.displayName} has been removed. ` : ''}
          <span className="text-muted">Invite the address again to re-admit them.</span>
        </p>
      </div>
    );
  }

  const error = roleState.error ?? removeState.error;
  const busy = changing || removing;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">Role for {person.displayName}</label>
        <select
          ref={selectRef}
          id={selectId}
          className={selectClass}
          value={role}
          disabled={busy}
          onChange={(event) => {
            setRole(event.target.value);
            setConfirming(null);
          }}
        >
          {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
        <Button ref={changeRef} variant="secondary" disabled={role === person.role || busy} aria-label={`Change role of ${person.displayName}`} onClick={() => setConfirming('role')}>
          Change role
        </Button>
        <Button ref={removeRef} variant="danger" disabled={busy} aria-label={`Remove ${person.displayName}`} onClick={() => setConfirming('remove')}>
          Remove…
        </Button>
      </div>
      {confirming === 'role' ? (
        <div role="group" aria-labelledby={`confirm-role-${person.id}`} className="flex flex-wrap items-center gap-2 rounded-md border border-line bg-paper p-2 text-sm">
          <p id={`confirm-role-${person.id}`}>Make {person.displayName} a {labelOf(role)}?</p>
          <Button ref={confirmRef} disabled={changing} onClick={() => startTransition(() => dispatchRole({ userId: person.id, role }))}>
            {changing ? 'Changing…' : `Confirm: make ${labelOf(role)}`}
          </Button>
          <Button variant="secondary" onClick={cancel}>Cancel</Button>
        </div>
      ) : null}
      {confirming === 'remove' ? (
        <div role="group" aria-labelledby={`confirm-remove-${person.id}`} className="flex flex-col gap-2 rounded-md border border-danger bg-red-50 p-2 text-sm">
          <p id={`confirm-remove-${person.id}`}>
            Remove {person.displayName}? They are signed out at once and their API tokens stop working. What they wrote stays, credited to them. You can invite them again later.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button ref={confirmRef} variant="danger" disabled={removing} onClick={() => startTransition(() => dispatchRemove({ userId: person.id }))}>
              {removing ? 'Removing…' : `Remove ${person.displayName}`}
            </Button>
            <Button variant="secondary" onClick={cancel}>Cancel</Button>
          </div>
        </div>
      ) : null}
      <p role="status" className="text-sm">{roleState.ok && !confirming && role === person.role ? `${person.displayName} is now a ${labelOf(person.role)}.` : ''}</p>
      <p role="alert" className="text-sm text-danger">{error && !busy ? error : ''}</p>
    </div>
  );
}
