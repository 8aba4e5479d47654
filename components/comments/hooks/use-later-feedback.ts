import { useCallback, useEffect, useState, type Dispatch } from 'react';
import type { FeedbackData, FeedbackEvent } from '@/components/comments/feedback-model';
import type { FeedbackActions } from '@/components/comments/types';

/**
 * The rest of a busy section's feedback: the page arrives with its first screen of threads
 * (lib/feedback/queries.ts) and asks for the others as soon as it is in the browser, so a
 * section with a thousand comments opens as fast as a quiet one and then shows them all.
 * `failed` when that request did not succeed; `retry` asks again.
 */
export function useLaterFeedback(sectionId: string, later: FeedbackData['later'], load: FeedbackActions['laterFeedbackAction'], dispatch: Dispatch<FeedbackEvent>) {
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const after = later?.after ?? null;
  const cursor = after ? JSON.stringify(after) : null;
  useEffect(() => {
    if (!after) return;
    let current = true;
    setFailed(false);
    load(sectionId, after).then(
      (result) => {
        if (!current) return;
        if (result.ok && result.data) dispatch({ type: 'later-loaded', after, page: result.data });
        else setFailed(true);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
    // Once per first screen (the cursor's value, not its identity) and per retry.
  }, [sectionId, cursor, attempt, load, dispatch]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { failed, retry };
}
