import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import type { FeedbackData, FeedbackEvent, LaterPage } from '@/components/comments/feedback-model';
import { laterFeedbackUrl } from '@/lib/feedback/reading-order';

/**
 * The rest of a busy section's feedback: the page arrives with its first screen of threads
 * (lib/feedback/queries.ts) and names the address of the others in a preload hint, so the
 * browser fetches them while the scripts load; here the margin takes that answer (a plain
 * GET of the same address, which the preload satisfies) and adds it. `failed` when that did
 * not succeed; `retry` asks again, and `failed` stays until an answer comes, so the "Try
 * again" button keeps the keyboard's focus while it does.
 */
export function useLaterFeedback(sectionId: string, later: FeedbackData['later'], dispatch: Dispatch<FeedbackEvent>) {
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const after = later?.after ?? null;
  const url = after ? laterFeedbackUrl(sectionId, after) : null;
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!after || !url) return;
    let current = true;
    // Another first screen (a fresh read): nothing has failed for it yet.
    if (asked.current !== url) setFailed(false);
    asked.current = url;
    // No options: the request must match the preload's (same-origin credentials, CORS mode).
    fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`The server answered ${response.status}`);
        const page = (await response.json()) as LaterPage;
        if (!current) return;
        setFailed(false);
        dispatch({ type: 'later-loaded', after, page });
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
    // Once per first screen (its address, not the cursor object's identity) and per retry.
  }, [url, attempt, dispatch]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { failed, retry };
}
