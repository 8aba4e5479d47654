'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { PresenceList } from '@/components/editor/presence-list';
import type { PresentPerson } from '@/lib/collab/presence';

type Presence = Record<string, Omit<PresentPerson, 'id'>[]>;

const PresenceContext = createContext<Presence>({});

/** How often the contents page asks who is where: presence is a glance, not a live feed. */
const POLL_MS = 15_000;

/**
 * Who is in each section right now, for the contents page: one small request to
 * /api/v1/responses/{slug}/presence (answered from the collaboration server's connections)
 * every 15 seconds while the page is visible, instead of a live connection per section.
 */
export function ContentsPresence({ slug, children }: { slug: string; children: ReactNode }) {
  const [presence, setPresence] = useState<Presence>({});
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      clearTimeout(timer);
      if (document.visibilityState === 'visible') {
        try {
          const response = await fetch(`/api/v1/responses/${encodeURIComponent(slug)}/presence`, { cache: 'no-store' });
          if (response.ok && !stopped) setPresence(((await response.json()) as { sections: Presence }).sections);
        } catch {
          // Presence is a nicety: try again at the next tick.
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    const onVisible = () => document.visibilityState === 'visible' && void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [slug]);
  return <PresenceContext.Provider value={presence}>{children}</PresenceContext.Provider>;
}

/** The people in one section, under its entry in the contents. */
export function SectionPresence({ sectionId }: { sectionId: string }) {
  const people = useContext(PresenceContext)[sectionId] ?? [];
  if (!people.length) return null;
  return (
    <div className="mt-2">
      <PresenceList people={people} />
    </div>
  );
}
