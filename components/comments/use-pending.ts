'use client';

import { useRef, useState } from 'react';
import type { ActionState } from '@/lib/api/action';

type PendingState = { pending: boolean; error: string | null; fieldErrors: Record<string, string> };
type Controls = {
  run: <T>(action: () => Promise<ActionState<T>>) => Promise<ActionState<T> | null>;
  reset: () => void;
};

const idle: PendingState = { pending: false, error: null, fieldErrors: {} };

/**
 * Runs one server action at a time for a control: `pending` disables the control so a
 * double click cannot send twice; the error and per-field messages are kept for display.
 *
 * Two hooks, not six: a busy section's margin holds a thousand cards with a few of these
 * each, and every hook is memory the browser allocates, and later collects, per card.
 */
export function usePending(): PendingState & Controls {
  const [state, setState] = useState(idle);
  const controls = useRef<Controls | null>(null);
  if (!controls.current) {
    let running = false;
    controls.current = {
      run: async (action) => {
        if (running) return null;
        running = true;
        setState({ pending: true, error: null, fieldErrors: {} });
        try {
          const result = await action();
          setState(result.ok ? idle : { pending: false, error: result.error ?? 'Something went wrong. Please try again.', fieldErrors: result.fieldErrors ?? {} });
          return result;
        } catch {
          setState({ pending: false, error: 'Chorus could not be reached. Check your connection and try again.', fieldErrors: {} });
          return null;
        } finally {
          running = false;
        }
      },
      reset: () => setState((current) => (current.error || Object.keys(current.fieldErrors).length ? { ...current, error: null, fieldErrors: {} } : current)),
    };
  }
  return { ...state, ...controls.current };
}
