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
  /** Messages between the toolbar and the text (a refused change, live editing unavailable). */
  notices?: ReactNode;
  busy?: boolean;
  /** The text: the live editor, or the server-rendered text in the editor's frame. */
  children: ReactNode;
};

/**
 * What stands around a section's text: the status line, who is here, and (for the drafting
 * group) the formatting toolbar. The same before the live editor has loaded and after, one
 * line each whatever they say, so the text does not move down when the editor arrives (a
 * reader about to press a card's button beside it would press the wrong thing).
 */
export function EditorFrame({ collab, status, canEdit, people, toolbar, notices, busy, children }: Props) {
  return (
    <div className="chorus-editor" aria-busy={busy ? 'true' : undefined} data-collab-url={collab.url} data-collab-document={collab.document}>
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
export function TextFrame({ canEdit, children }: { canEdit: boolean; children: ReactNode }) {
  return <div className={canEdit ? 'chorus-text-frame' : 'chorus-text-frame chorus-text-frame-read'}>{children}</div>;
}
