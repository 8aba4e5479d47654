'use client';

import './editor.css';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { CollabSession } from '@/components/editor/collab-session';
import { EditorFrame, TextFrame } from '@/components/editor/editor-frame';
import { EditorStatus, type ConnectionState } from '@/components/editor/editor-status';
import { contentExtensions } from '@/lib/editor/extensions';
import { LinkShortcut } from '@/lib/editor/extensions/link-shortcut';
import { LinkForm } from '@/components/editor/link-form';
import { EditorToolbar } from '@/components/editor/toolbar';
import { colourFor, dedupePresence, type PresentPerson } from '@/lib/collab/presence';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';

export type LiveEditorProps = {
  session: CollabSession;
  collab: { url: string; document: string };
  user: { id: string; name: string };
  canEdit: boolean;
  label: string;
  /** The server-rendered text, shown until the editor has been created. */
  children: ReactNode;
};

/**
 * The Tiptap editor on a section's synced Yjs document, with its toolbar, presence and
 * saving status. Its own module (with Tiptap, ProseMirror, Yjs and the provider, the
 * page's largest scripts): SectionEditor loads it after the page has hydrated.
 */
export function LiveEditor({ session, user, canEdit: mayEdit, label, children, collab }: LiveEditorProps) {
  const editorId = useId();
  const { provider, ydoc } = session;
  const [linkOpen, setLinkOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const canEdit = mayEdit && !revoked;
  const [connection, setConnection] = useState<ConnectionState>('online');
  const colour = useMemo(() => colourFor(user.id), [user.id]);
  // Until the live document's awareness names anyone, this person (as the page showed before the editor came).
  const [people, setPeople] = useState<Omit<PresentPerson, 'id'>[]>(() => [{ name: user.name, colour, mode: 'viewing' }]);

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
      if (next.length) setPeople((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
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
    <EditorFrame
      collab={collab}
      status={<SavingStatus provider={provider} connection={connection} canEdit={canEdit} />}
      canEdit={canEdit}
      people={people}
      notices={
        notice ? (
          <div role="alert" className="mb-2 flex items-start justify-between gap-3 rounded-md border border-danger bg-red-50 px-3 py-2 text-sm text-danger" data-feedback-ignore>
            <span>{notice}</span>
            <button type="button" className="underline" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        ) : null
      }
      toolbar={
        canEdit && editor ? (
          <div data-feedback-ignore>
            <EditorToolbar editor={editor} editorId={editorId} onLink={() => setLinkOpen(true)} />
            {linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
            <p className="sr-only">The text can hold at most {MAX_SECTION_CHARACTERS.toLocaleString('en-GB')} characters.</p>
          </div>
        ) : undefined
      }
    >
      {editor ? <EditorContent editor={editor} /> : <TextFrame canEdit={canEdit}>{children}</TextFrame>}
    </EditorFrame>
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
