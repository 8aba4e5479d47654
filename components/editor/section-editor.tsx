'use client';

import './editor.css';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { CollabSession, CollabTokenInfo } from '@/components/editor/collab-session';
import { EditorFrame, TextFrame } from '@/components/editor/editor-frame';
import { EditorStatus } from '@/components/editor/editor-status';
import type { LiveEditorProps } from '@/components/editor/live-editor';
import { colourFor } from '@/lib/collab/presence';

type Props = {
  /** Where the live document is (lib/sections/collab-info.ts). */
  collab: { url: string; document: string };
  token: CollabTokenInfo;
  user: { id: string; name: string };
  /** Drafters and coordinators edit; members read the same live text. */
  canEdit: boolean;
  /** Accessible name of the text ("Text of 3. Funding"). */
  label: string;
  /** The server-rendered text, shown until the live document has loaded (and if it cannot). */
  children: ReactNode;
};

/** How long to wait for the live document before saying it is unavailable. */
const CONNECT_PATIENCE_MS = 8000;
/** The longest the editor's scripts wait for the browser to be idle. */
const IDLE_PATIENCE_MS = 1500;

/** Runs `task` when the browser is idle (at the latest after `patienceMs`); Safari has no requestIdleCallback. */
function whenBrowserIdle(task: () => void, patienceMs: number): { cancel(): void } {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: patienceMs });
    return { cancel: () => window.cancelIdleCallback(handle) };
  }
  const handle = setTimeout(task, 0);
  return { cancel: () => clearTimeout(handle) };
}

/**
 * A section's text, live: the Tiptap editor on the section's Yjs document. Until the first
 * sync the server-rendered text stays in place (readable without JavaScript, and never an
 * empty editor that could write an empty paragraph into the shared document).
 */
export function SectionEditor(props: Props) {
  const [live, setLive] = useState<{ session: CollabSession; Editor: ComponentType<LiveEditorProps> } | null>(null);
  const [synced, setSynced] = useState(false);
  const [slow, setSlow] = useState(false);
  const { url, document } = props.collab;

  useEffect(() => {
    // The editor and the live document's client are the page's largest scripts: they load
    // once the page has hydrated and the browser has a moment (the server-rendered text is
    // readable meanwhile), so the rest of the page (a busy margin's cards) is drawn first.
    let created: CollabSession | null = null;
    let gone = false;
    const onSynced = () => setSynced(true);
    const timer = setTimeout(() => setSlow(true), CONNECT_PATIENCE_MS);
    const load = () =>
      Promise.all([import('@/components/editor/collab-session'), import('@/components/editor/live-editor')])
        .then(([{ createCollabSession }, { LiveEditor }]) => {
          if (gone) return;
          created = createCollabSession({ url, document, token: props.token });
          created.provider.on('synced', onSynced);
          setLive({ session: created, Editor: LiveEditor });
        })
        // The scripts could not be loaded (offline, a new deployment): the saved text stays,
        // and the patience timer says live editing is not available.
        .catch(() => setSlow(true));
    const whenIdle = whenBrowserIdle(load, IDLE_PATIENCE_MS);
    return () => {
      gone = true;
      whenIdle.cancel();
      clearTimeout(timer);
      if (created) {
        created.provider.off('synced', onSynced);
        created.destroy();
      }
      setLive(null);
      setSynced(false);
    };
    // The token only seeds the session; a new one must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, document]);

  if (!live || !synced) {
    // Everything around the text as the live editor will have it, so nothing moves when it comes.
    return (
      <EditorFrame
        collab={props.collab}
        status={<EditorStatus connection={slow ? 'unavailable' : 'connecting'} saving={false} canEdit={props.canEdit} />}
        canEdit={props.canEdit}
        people={[{ name: props.user.name, colour: colourFor(props.user.id), mode: 'viewing' }]}
      >
        <TextFrame canEdit={props.canEdit} busy={live !== null}>
          {props.children}
        </TextFrame>
      </EditorFrame>
    );
  }
  const { Editor, session } = live;
  return <Editor session={session} collab={props.collab} user={props.user} canEdit={props.canEdit} label={props.label}>{props.children}</Editor>;
}
