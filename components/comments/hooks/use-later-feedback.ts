import { useCallback, useLayoutEffect, useRef, useState, type Dispatch } from 'react';
import type { FeedbackData, FeedbackEvent, LaterPage } from '@/components/comments/feedback-model';
import { laterFeedbackUrl } from '@/lib/feedback/reading-order';

/**
 * Answers asked for and not yet taken, by address. The page's first render in the browser
 * (its hydration) asks, so the answer is read (a megabyte of JSON on a busy section) while
 * the rest of the page hydrates, not after; the margin takes it once the page is in place.
 * An answer is taken once: asking again later is a fresh request. A render that never
 * reaches the page (a navigation overtook it) leaves its answer behind: it is forgotten
 * after FORGET_MS, so a later visit reads afresh.
 */
const asked = new Map<string, Promise<LaterPage>>();
const FORGET_MS = 10_000;

function ask(url: string): Promise<LaterPage> {
  const known = asked.get(url);
  if (known) return known;
  // No options: the request must match the preload's (same-origin credentials, CORS mode).
  const answer = fetch(url).then((response) => {
    if (!response.ok) throw new Error(`The server answered ${response.status}`);
    return response.json() as Promise<LaterPage>;
  });
  // A failure is reported to whoever takes the answer; unhandled until then.
  answer.catch(() => {});
  asked.set(url, answer);
  setTimeout(() => asked.get(url) === answer && asked.delete(url), FORGET_MS);
  return answer;
}

function take(url: string): Promise<LaterPage> {
  const answer = ask(url);
  asked.delete(url);
  return answer;
}

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
  // The answer taken, for which first screen and which attempt: each fresh read from the server
  // is a new first screen (even with the same cursor), each retry a new request. Kept so that
  // the effect running again for the same ones (React's development checks) does not ask twice.
  const taken = useRef<{ later: FeedbackData['later']; attempt: number; answer: Promise<LaterPage> } | null>(null);
  // Asked for during the render, in the browser only, once per first screen: see `asked`.
  if (url && typeof window !== 'undefined' && taken.current?.later !== later) void ask(url);
  // Taken as soon as the margin is in the page (a layout effect, not after the first paint).
  useLayoutEffect(() => {
    if (!after || !url) return;
    let current = true;
    if (taken.current?.later !== later || taken.current.attempt !== attempt) {
      // Another first screen: nothing has failed for it yet.
      if (taken.current?.later !== later) setFailed(false);
      taken.current = { later, attempt, answer: take(url) };
    }
    taken.current.answer
      .then((page) => {
        if (!current) return;
        setFailed(false);
        dispatch({ type: 'later-loaded', after, page });
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [later, url, attempt, dispatch]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { failed, retry };
}
