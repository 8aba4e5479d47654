'use client';

import type { Editor } from '@tiptap/react';
import { useRef, type KeyboardEvent } from 'react';

export type Tool = {
  name: string;
  label: string;
  /** Shown in the tooltip and exposed as aria-keyshortcuts. */
  keys: string;
  run: (editor: Editor) => void;
  /** For toggles: whether it is on at the selection (aria-pressed). */
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
};

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = mac ? 'Meta' : 'Control';
const shown = (keys: string) => keys.replace(/Control/g, 'Ctrl').replace(/Meta/g, '⌘').replace(/\+/g, ' + ');

/** The formatting a section may use, nothing more (see lib/editor/extensions). */
export function tools(onLink: () => void): Tool[] {
  return [
    { name: 'bold', label: 'Bold', keys: `${mod}+B`, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
    { name: 'italic', label: 'Italic', keys: `${mod}+I`, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
    { name: 'h2', label: 'Heading', keys: `${mod}+Alt+2`, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
    { name: 'h3', label: 'Subheading', keys: `${mod}+Alt+3`, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    { name: 'bullets', label: 'Bulleted list', keys: `${mod}+Shift+8`, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    { name: 'numbers', label: 'Numbered list', keys: `${mod}+Shift+7`, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
    { name: 'link', label: 'Link', keys: `${mod}+K`, run: () => onLink(), active: (e) => e.isActive('link') },
    { name: 'undo', label: 'Undo', keys: `${mod}+Z`, run: (e) => e.chain().focus().undo().run(), enabled: (e) => e.can().undo() },
    { name: 'redo', label: 'Redo', keys: `${mod}+Shift+Z`, run: (e) => e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
  ];
}

/** Each tool's state at the selection: pressed (toggles) and enabled. */
export type ToolStates = { active: boolean | null; enabled: boolean }[];

/**
 * The formatting toolbar as drawn (WAI-ARIA toolbar pattern): one tab stop, arrow keys move
 * between buttons, toggles report aria-pressed, every button names its keyboard shortcut.
 * Without `states` (the live editor has not loaded yet) every button is disabled: the
 * toolbar already takes its place, so the text below it does not move when the editor comes.
 * No Tiptap at run time here: this is drawn with the page, before the editor's scripts load.
 */
export function ToolbarView({ list, states, editorId, onRun }: { list: Tool[]; states: ToolStates | null; editorId?: string; onRun?: (tool: Tool) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const focusIndex = useRef(0);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | null = null;
    if (event.key in keys) next = (focusIndex.current + keys[event.key] + list.length) % list.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = list.length - 1;
    if (next === null) return;
    event.preventDefault();
    focusIndex.current = next;
    buttons.current.forEach((button, i) => button?.setAttribute('tabindex', i === next ? '0' : '-1'));
    buttons.current[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label="Formatting" aria-controls={editorId} className="mb-2 flex flex-wrap gap-1" onKeyDown={onKeyDown}>
      {list.map((tool, i) => {
        const { active, enabled } = states?.[i] ?? { active: null, enabled: false };
        return (
          <button
            key={tool.name}
            ref={(element) => {
              buttons.current[i] = element;
            }}
            type="button"
            tabIndex={i === focusIndex.current ? 0 : -1}
            className="min-w-9 rounded-md border border-line bg-white px-2 py-1 text-sm hover:bg-stone-100 disabled:opacity-50 aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white"
            aria-pressed={active === null ? undefined : active}
            // Not while disabled, drawn with the page: the server cannot know a Mac's keys.
            aria-keyshortcuts={states ? tool.keys : undefined}
            title={states ? `${tool.label} (${shown(tool.keys)})` : undefined}
            disabled={!enabled}
            onMouseDown={(event) => event.preventDefault() /* keep the text selection */}
            onClick={() => onRun?.(tool)}
          >
            <ToolFace name={tool.name} label={tool.label} />
          </button>
        );
      })}
    </div>
  );
}

function ToolFace({ name, label }: { name: string; label: string }) {
  const faces: Record<string, React.ReactNode> = {
    bold: <b>B</b>,
    italic: <i className="font-serif">I</i>,
    h2: <span className="font-semibold">H2</span>,
    h3: <span className="font-semibold">H3</span>,
  };
  if (!faces[name]) return <>{label}</>;
  return (
    <>
      <span aria-hidden="true">{faces[name]}</span>
      <span className="sr-only">{label}</span>
    </>
  );
}
