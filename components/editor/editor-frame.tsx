'use client';

import type { ReactNode } from 'react';
import { PresenceList } from '@/components/editor/presence-list';
import { ToolbarView, tools } from '@/components/editor/toolbar-view';
import type { PresentPerson } from '@/lib/collab/presence';

type Props = {
  collab: { url: string; document: string };
  /** The status line (EditorStatus). */
  status: ReactNode;
  canEdit: boolean;
  people: Omit<PresentPerson, 'id'>[];
  /** The live editor's toolbar; without it a drafter sees the same toolbar, disabled. */
  toolbar?: ReactNode;
  /** Messages above the toolbar (a change the editor refused). */
  notices?: ReactNode;
  /** The text: the live editor, or the server-rendered text in the editor's frame. */
  children: ReactNode;
};

/**
 * What stands around a section's text: the status line, who is here, and (for the drafting
 * group) the formatting toolbar. The same before the live editor has loaded and after (the
 * status and who is here on a line each, so a longer status does not wrap them onto two), so
 * the text does not move down when the editor arrives (a reader about to press a card's
 * button beside it would press the wrong thing).
 */
export function EditorFrame({ collab, status, canEdit, people, toolbar, notices, children }: Props) {
  return (
    <div className="chorus-editor" data-collab-url={collab.url} data-collab-document={collab.document}>
      <div className="mb-2 flex flex-col gap-2" data-feedback-ignore>
        {status}
        <div className="min-h-5">
          <PresenceList people={people} />
        </div>
      </div>
      {notices}
      {canEdit ? (toolbar ?? <div data-feedback-ignore><ToolbarView list={tools(() => {})} states={null} /></div>) : null}
      {children}
    </div>
  );
}

/**
 * The server-rendered text inside the frame the live editor's text has (the same padding and
 * border: see editor.css, `.chorus-text-frame`), so it stands where the editor's will.
 */
export function TextFrame({ canEdit, busy, children }: { canEdit: boolean; busy?: boolean; children: ReactNode }) {
  return (
    <div className={canEdit ? 'chorus-text-frame' : 'chorus-text-frame chorus-text-frame-read'} aria-busy={busy ? 'true' : undefined}>
      {children}
    </div>
  );
}
