'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { Phase } from '@/lib/generated/prisma/enums';

const POLL_MS = 15_000;

const whatItMeans: Record<Phase, string> = {
  DRAFTING: 'The response has gone back to drafting: comments are paused.',
  OPEN: 'The response is now open for comment: you can comment and suggest edits.',
  CLOSED: 'The response is now closed for comments: new comments and suggestions are no longer taken.',
  FINAL: 'The response is now final: its text is frozen and no new feedback is taken.',
};

/**
 * Tells people with a page open that the coordinator changed the response's phase, so a
 * member does not learn it only when their comment is refused. Asks for the phase alone
 * (a small request) every 15 seconds while the page is visible, and again whenever the
 * person comes back to the tab or window.
 */
export function PhaseNotice({ slug, phase }: { slug: string; phase: Phase }) {
  const [now, setNow] = useState<Phase>(phase);
  const known = useRef(phase);
  useEffect(() => {
    known.current = phase;
    setNow(phase);
  }, [phase]);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const answer = await fetch(`/api/v1/responses/${encodeURIComponent(slug)}/phase`, { headers: { accept: 'application/json' }, cache: 'no-store' });
        if (!answer.ok || stopped) return;
        const body = (await answer.json()) as { phase?: { phase?: Phase } };
        if (body.phase?.phase) setNow(body.phase.phase);
      } catch {
        // Offline for a moment: the next check will tell.
      }
    };
    const timer = setInterval(check, POLL_MS);
    const onVisible = () => void check();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [slug]);
  const changed = now !== known.current;
  // The live region is always in the page, so screen readers announce the text when it appears.
  return (
    <div role="status" aria-live="polite">
      {changed ? (
        <Notice tone="warning" className="mb-4">
          <p>{whatItMeans[now]}</p>
          <Button variant="secondary" className="mt-2" onClick={() => window.location.reload()}>Reload the page</Button>
        </Notice>
      ) : null}
    </div>
  );
}
