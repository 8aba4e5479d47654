/**
 * The schema drafts are read into: the editor's own (lib/editor/extensions), reading every
 * heading level, since a draft's "Heading 1" is what finds its outline. Sections are then
 * stored through sanitizeContent with the editor's levels (2 and 3).
 */
import type { AnyExtension } from '@tiptap/core';
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { contentExtensions } from '@/lib/editor/extensions';

let extensions: AnyExtension[] | undefined;
let schema: Schema | undefined;

export function importExtensions(): AnyExtension[] {
  extensions ??= contentExtensions({ headingLevels: [1, 2, 3, 4, 5, 6] });
  return extensions;
}

export function importSchema(): Schema {
  schema ??= getSchema(importExtensions());
  return schema;
}
