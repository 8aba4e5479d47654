'use client';

import { useCallback, useRef, useState } from 'react';
import type { ActionState } from '@/lib/api/action';

/**
 * Runs one server action at a time for a control: `pending` disables the control so a
 * double click cannot send twice; the error and per-field messages are kept for display.
 */
export function usePending() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const running = useRef(false);
  const run = useCallback(async <T,>(action: () => Promise<ActionState<T>>): Promise<ActionState<T> | null> => {
    if (running.current) return null;
    running.current = true;
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await action();
      if (!result.ok) {
        setError(result.error ?? 'Something went wrong. Please try again.');
        setFieldErrors(result.fieldErrors ?? {});
      }
      return result;
    } catch {
      setError('Chorus could not be reached. Check your connection and try again.');
      return null;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);
  return { pending, error, fieldErrors, run, reset };
}
