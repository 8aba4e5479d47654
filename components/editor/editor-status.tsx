'use client';

import { useEffect, useState } from 'react';

/** `unavailable`: the live document could not be reached before the page gave up waiting (its scripts or its server). */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'unavailable';

function describe(connection: ConnectionState, saving: boolean, canEdit: boolean): { text: string; tone: 'ok' | 'busy' | 'warn' } {
  if (connection === 'offline') {
    return canEdit
      ? { text: 'Offline: your changes are kept in this browser and saved when the connection returns', tone: 'warn' }
      : { text: 'Offline: showing the text as it was when the connection dropped', tone: 'warn' };
  }
  if (connection === 'unavailable') return { text: 'Live editing is not available right now; this is the last saved text. It will update when the connection returns.', tone: 'warn' };
  if (connection === 'connecting') return { text: 'Connecting…', tone: 'busy' };
  if (!canEdit) return { text: 'Live: changes by the drafting group appear as they type', tone: 'ok' };
  return saving ? { text: 'Saving…', tone: 'busy' } : { text: 'All changes saved', tone: 'ok' };
}

/**
 * Connection and saving status. The visible text follows every change; the announcement
 * to screen readers waits for things to settle, so typing does not set off "Saving…" on
 * every keystroke.
 */
export function EditorStatus({ connection, saving, canEdit }: { connection: ConnectionState; saving: boolean; canEdit: boolean }) {
  const { text, tone } = describe(connection, saving, canEdit);
  const [announced, setAnnounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(text), connection === 'offline' || connection === 'unavailable' ? 0 : 1200);
    return () => clearTimeout(timer);
  }, [text, connection]);
  const dot = { ok: 'bg-ok', busy: 'bg-amber-600', warn: 'bg-danger' }[tone];
  return (
    <p className="flex items-center gap-2 text-sm text-muted" data-connection={connection}>
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${dot}`} />
      <span aria-hidden="true">{text}</span>
      <span className="sr-only" role="status" aria-live="polite">
        {announced}
      </span>
    </p>
  );
}
