'use client';

import './editor.css';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { createCollabSession, type CollabSession, type CollabTokenInfo } from '@/components/editor/collab-session';
import { EditorStatus, type ConnectionState } from '@/components/editor/editor-status';
import { contentExtensions } from '@/lib/editor/extensions';
import { LinkShortcut } from '@/lib/editor/extensions/link-shortcut';
import { LinkForm } from '@/components/editor/link-form';
import { PresenceList } from '@/components/editor/presence-list';
import { EditorToolbar } from '@/components/editor/toolbar';
import { colourFor, dedupePresence, type PresentPerson } from '@/lib/collab/presence';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';

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

/**
 * A section's text, live: the Tiptap editor on the section's Yjs document. Until the first
 * sync the server-rendered text stays in place (readable without JavaScript, and never an
 * empty editor that could write an empty paragraph into the shared document).
 */
export function SectionEditor(props: Props) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [synced, setSynced] = useState(false);
  const [slow, setSlow] = useState(false);
  const { url, document } = props.collab;

  useEffect(() => {
    const created = createCollabSession({ url, document, token: props.token });
    const onSynced = () => setSynced(true);
    created.provider.on('synced', onSynced);
    setSession(created);
    const timer = setTimeout(() => setSlow(true), CONNECT_PATIENCE_MS);
    return () => {
      clearTimeout(timer);
      created.provider.off('synced', onSynced);
      created.destroy();
      setSession(null);
      setSynced(false);
    };
    // The token only seeds the session; a new one must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, document]);

  if (!session || !synced) {
    return (
      <div className="chorus-editor" aria-busy={session ? 'true' : undefined} data-collab-url={url} data-collab-document={document}>
        {slow ? (
          <p role="status" className="mb-3 rounded-md border border-line bg-stone-50 px-3 py-2 text-sm text-muted">
            Live editing is not available right now; this is the last saved text. It will update when the connection returns.
          </p>
        ) : null}
        {props.children}
      </div>
    );
  }
  return <LiveEditor {...props} session={session} />;
}

function LiveEditor({ session, user, canEdit: mayEdit, label, children, collab }: Props & { session: CollabSession }) {
  const editorId = useId();
  const { provider, ydoc } = session;
  const [linkOpen, setLinkOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const canEdit = mayEdit && !revoked;
  const [connection, setConnection] = useState<ConnectionState>('online');
  const [people, setPeople] = useState<Omit<PresentPerson, 'id'>[]>([]);
  const colour = useMemo(() => colourFor(user.id), [user.id]);

  const onLimit = useCallback((length: number, limit: number) => {
    setNotice(`That change would make the section ${length.toLocaleString('en-GB')} characters long; a section can hold at most ${limit.toLocaleString('en-GB')}. Nothing was added.`);
  }, []);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions: [
        ...contentExtensions({ onLimit }),
        LinkShortcut.configure({ onOpen: () => setLinkOpen(true) }),
        Collaboration.configure({ document: ydoc }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: colour, mode: 'viewing' } }),
      ],
      editorProps: {
        // Writers get a labelled multi-line text box; readers get plain text, like the
        // server-rendered view (the page heading names it).
        attributes: canEdit ? { id: editorId, class: 'prose-section', role: 'textbox', 'aria-multiline': 'true', 'aria-label': label } : { id: editorId, class: 'prose-section' },
      },
      onFocus: ({ editor: e }) => e.commands.updateUser({ name: user.name, color: colour, mode: canEdit ? 'editing' : 'viewing' }),
      onBlur: ({ editor: e }) => e.commands.updateUser({ name: user.name, color: colour, mode: 'viewing' }),
    },
    [provider, ydoc, canEdit],
  );

  useEffect(() => {
    const onStatus = ({ status }: { status: string }) => setConnection(status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline');
    const onDisconnect = () => setConnection('offline');
    const onStateless = ({ payload }: { payload: string }) => {
      try {
        const message = JSON.parse(payload) as { type?: string; message?: string; readOnly?: boolean };
        if (message.type === 'chorus:notice' && message.message) setNotice(message.message);
        // The server no longer accepts this person's changes (role changed, response final).
        if (message.type === 'chorus:notice' && message.readOnly) setRevoked(true);
      } catch {
        // not one of ours
      }
    };
    const onAwareness = () => {
      const states = [...(provider.awareness?.getStates().values() ?? [])] as { user?: { id?: string; name?: string; color?: string; mode?: 'editing' | 'viewing' } }[];
      const present = states
        .filter((state) => state.user?.name)
        .map((state) => ({ id: state.user!.id ?? state.user!.name!, name: state.user!.name!, colour: state.user!.color ?? '#4d5666', mode: state.user!.mode === 'editing' ? 'editing' : 'viewing' }) as PresentPerson);
      const next = dedupePresence(present).map(({ name, colour: c, mode }) => ({ name, colour: c, mode }));
      // Awareness changes with every move of anyone's caret; the editor re-renders only when the people do.
      setPeople((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
    };
    provider.on('status', onStatus);
    provider.on('disconnect', onDisconnect);
    provider.on('stateless', onStateless);
    provider.on('awarenessChange', onAwareness);
    onAwareness();
    return () => {
      provider.off('status', onStatus);
      provider.off('disconnect', onDisconnect);
      provider.off('stateless', onStateless);
      provider.off('awarenessChange', onAwareness);
    };
  }, [provider]);

  return (
    <div className="chorus-editor" data-collab-url={collab.url} data-collab-document={collab.document}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2" data-feedback-ignore>
        <SavingStatus provider={provider} connection={connection} canEdit={canEdit} />
        <PresenceList people={people} />
      </div>
      {notice ? (
        <div role="alert" className="mb-2 flex items-start justify-between gap-3 rounded-md border border-danger bg-red-50 px-3 py-2 text-sm text-danger" data-feedback-ignore>
          <span>{notice}</span>
          <button type="button" className="underline" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {canEdit && editor ? (
        <div data-feedback-ignore>
          <EditorToolbar editor={editor} editorId={editorId} onLink={() => setLinkOpen(true)} />
          {linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
          <p className="sr-only">The text can hold at most {MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters.</p>
        </div>
      ) : null}
      {editor ? <EditorContent editor={editor} /> : children}
    </div>
  );
}

/**
 * The status line, following whether this browser has changes the server has not yet
 * confirmed. Its own component: that flips twice with every keystroke, and a re-render of
 * the editor around it would hand its options to ProseMirror again each time.
 */
function SavingStatus({ provider, connection, canEdit }: { provider: CollabSession['provider']; connection: ConnectionState; canEdit: boolean }) {
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const onUnsynced = ({ number }: { number: number }) => setSaving(number > 0);
    provider.on('unsyncedChanges', onUnsynced);
    return () => {
      provider.off('unsyncedChanges', onUnsynced);
    };
  }, [provider]);
  return <EditorStatus connection={connection} saving={canEdit && saving} canEdit={canEdit} />;
}
