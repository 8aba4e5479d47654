/**
 * Ctrl/Cmd+K opens the editor's link form (the same one the toolbar's Link button opens),
 * so adding a link never needs the mouse.
 */
import { Extension } from '@tiptap/core';

export type LinkShortcutOptions = { onOpen: () => void };

export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: 'linkShortcut',

  addOptions() {
    return { onOpen: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!this.editor.isEditable) return false;
        this.options.onOpen();
        return true;
      },
    };
  },
});
