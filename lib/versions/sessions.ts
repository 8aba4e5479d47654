/**
 * Groups a section's versions into editing sessions, for the history page: versions less
 * than SESSION_GAP_MS apart belong to the same session. Pure.
 */

export const SESSION_GAP_MS = 30 * 60_000;

export type Sessionable = { createdAt: string; authors: { name: string }[] };

export type EditingSession<V extends Sessionable> = {
  /** Newest version's time first, like the list. */
  endedAt: string;
  startedAt: string;
  authors: string[];
  versions: V[];
};

/** `versions` newest first; sessions come out newest first, each with its versions newest first. */
export function groupIntoSessions<V extends Sessionable>(versions: V[], gapMs = SESSION_GAP_MS): EditingSession<V>[] {
  const sessions: EditingSession<V>[] = [];
  let current: EditingSession<V> | null = null;
  let previousTime = Number.POSITIVE_INFINITY;
  for (const version of versions) {
    const time = Date.parse(version.createdAt);
    if (!current || previousTime - time > gapMs) {
      current = { endedAt: version.createdAt, startedAt: version.createdAt, authors: [], versions: [] };
      sessions.push(current);
    }
    current.versions.push(version);
    current.startedAt = version.createdAt;
    for (const author of version.authors) if (!current.authors.includes(author.name)) current.authors.push(author.name);
    previousTime = time;
  }
  return sessions;
}
