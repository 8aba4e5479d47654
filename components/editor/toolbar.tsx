'use client';

import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { ToolbarView, tools } from '@/components/editor/toolbar-view';

/** The formatting toolbar of the live editor, following the state at its selection. */
export function EditorToolbar({ editor, editorId, onLink }: { editor: Editor; editorId: string; onLink: () => void }) {
  const list = tools(onLink);
  const states = useEditorState({
    editor,
    selector: ({ editor: e }) => list.map((tool) => ({ active: tool.active?.(e) ?? null, enabled: tool.enabled?.(e) ?? true })),
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  return <ToolbarView list={list} states={states} editorId={editorId} onRun={(tool) => tool.run(editor)} />;
}
