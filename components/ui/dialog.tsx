'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

type ConfirmProps = {
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two; read out when the dialog opens. */
  children: ReactNode;
  confirmLabel: string;
  /** Danger for what cannot be undone. */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  /**
   * `submit`: the confirm button submits the form the dialog sits in (server actions with
   * useActionState); otherwise onConfirm runs.
   */
  confirmType?: 'submit' | 'button';
  onConfirm?: () => void;
  onCancel: () => void;
};

/**
 * A modal confirmation on the native <dialog>: the rest of the page is inert while it is
 * open (focus stays inside), Escape cancels, the safe choice is focused first, and focus
 * goes back to the control that opened it when it closes.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, tone = 'primary', busy = false, confirmType = 'button', onConfirm, onCancel }: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-cancel]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={() => {
        if (open) onCancel();
        const back = opener.current;
        opener.current = null;
        if (back?.isConnected) back.focus();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-line bg-white p-0 text-ink shadow-xl backdrop:bg-black/40"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        <div id={`${id}-body`} className="text-sm">{children}</div>
        <div className="flex flex-wrap gap-3">
          <Button type={confirmType} variant={tone} busy={busy} onClick={confirmType === 'button' ? onConfirm : undefined}>{confirmLabel}</Button>
          <Button variant="secondary" data-cancel onClick={onCancel}>Cancel</Button>
        </div>
      </div>
    </dialog>
  );
}
