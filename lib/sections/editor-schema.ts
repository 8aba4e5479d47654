/**
 * The editor's ProseMirror schema on the server, and the one gate every stored section
 * content passes: sanitizeContent. It rebuilds a document node by node against the schema,
 * so whatever arrives (an import, an accepted suggestion, a Yjs document edited by a
 * misbehaving client) is stored only as content the editor itself could have produced:
 * - unknown node types are unwrapped (their text kept), unknown marks dropped;
 * - children that do not fit their parent are wrapped or lifted where ProseMirror can, or dropped;
 * - headings are clamped to the section's levels; links keep only http, https and mailto
 *   targets (others lose the link, keep the text) and carry nothing but the address.
 */
import { getSchema } from '@tiptap/core';
import { Fragment, Mark as PMMark, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { contentExtensions, HEADING_LEVELS } from '@/lib/editor/extensions';
import type { PMDoc, PMNode } from '@/lib/sections/content';
import { isAllowedHref } from '@/lib/sections/links';

let cached: Schema | undefined;

export function editorSchema(): Schema {
  cached ??= getSchema(contentExtensions());
  return cached;
}

function cleanMarks(schema: Schema, marks: PMNode['marks']): readonly PMMark[] {
  const result: PMMark[] = [];
  for (const mark of marks ?? []) {
    const type = schema.marks[mark?.type];
    if (!type) continue;
    if (type.name === 'link') {
      const href = mark.attrs?.href;
      if (!isAllowedHref(href)) continue;
      result.push(type.create({ href }));
    } else {
      result.push(type.create());
    }
  }
  return PMMark.setFrom(result);
}

function cleanAttrs(type: string, attrs: Record<string, unknown> | undefined): Record<string, unknown> {
  if (type === 'heading') {
    const level = Number(attrs?.level);
    const levels: readonly number[] = HEADING_LEVELS;
    return { level: levels.includes(level) ? level : level < levels[0] ? levels[0] : levels[levels.length - 1] };
  }
  if (type === 'orderedList') {
    const start = Number(attrs?.start ?? 1);
    return { start: Number.isInteger(start) && start >= 0 && start < 100_000 ? start : 1, type: typeof attrs?.type === 'string' && /^[1aAiI]$/.test(attrs.type) ? attrs.type : null };
  }
  return {};
}

/** Builds the nodes for one JSON node: itself if its type exists, else its children (unwrapped). */
function buildNodes(schema: Schema, json: PMNode | undefined, depth: number): ProseMirrorNode[] {
  if (!json || typeof json !== 'object' || depth > 50) return [];
  if (json.type === 'text') {
    const text = typeof json.text === 'string' ? json.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '') : '';
    return text ? [schema.text(text, cleanMarks(schema, json.marks))] : [];
  }
  const children = Array.isArray(json.content) ? json.content.flatMap((child) => buildNodes(schema, child, depth + 1)) : [];
  const type = schema.nodes[json.type];
  if (!type || type === schema.topNodeType) return children;
  if (type.isLeaf) return [type.create(cleanAttrs(type.name, json.attrs))];
  return [fit(type, cleanAttrs(type.name, json.attrs), children)].filter((node): node is ProseMirrorNode => node !== null);
}

/**
 * Creates a node of `type` from `children`, keeping every child that can be made to fit:
 * as it is, wrapped (text inside a list → list item → paragraph), or — for a textblock
 * given blocks — by taking the blocks' inline content.
 */
function fit(type: ProseMirrorNode['type'], attrs: Record<string, unknown>, children: ProseMirrorNode[]): ProseMirrorNode | null {
  const schema = type.schema;
  const kept: ProseMirrorNode[] = [];
  let match = type.contentMatch;
  const add = (node: ProseMirrorNode): boolean => {
    const next = match.matchType(node.type);
    if (next) {
      kept.push(node);
      match = next;
      return true;
    }
    return false;
  };
  let pendingInline: ProseMirrorNode[] = [];
  const flushInline = () => {
    if (!pendingInline.length) return;
    const paragraph = schema.nodes.paragraph.create(null, pendingInline);
    pendingInline = [];
    place(paragraph);
  };
  const place = (node: ProseMirrorNode) => {
    if (add(node)) return;
    const wrapping = match.findWrapping(node.type);
    if (wrapping) {
      let wrapped = node;
      for (let i = wrapping.length - 1; i >= 0; i--) wrapped = wrapping[i].create(null, wrapped);
      if (add(wrapped)) return;
    }
    if (type.inlineContent && node.isBlock) {
      // A block inside a textblock: keep its text inline.
      node.descendants((inner) => {
        if (inner.isInline) add(inner);
        return !inner.isInline;
      });
    }
    // Otherwise the node cannot live here: dropped.
  };
  for (const child of children) {
    if (child.isInline && !type.inlineContent) pendingInline.push(child);
    else {
      flushInline();
      place(child);
    }
  }
  flushInline();
  const fill = match.fillBefore(Fragment.empty, true);
  if (!fill) return null;
  try {
    return type.createChecked(attrs, Fragment.fromArray(kept).append(fill));
  } catch {
    return type.createAndFill(attrs) ?? null;
  }
}

/**
 * Rebuilds `input` as a valid document of the editor's schema. Never throws: anything
 * unusable becomes an empty paragraph.
 */
export function sanitizeContent(input: unknown): PMDoc {
  const schema = editorSchema();
  const json = (input && typeof input === 'object' ? input : { type: 'doc', content: [] }) as PMNode;
  const children = Array.isArray(json.content) ? json.content.flatMap((child) => buildNodes(schema, child, 1)) : [];
  const doc = fit(schema.topNodeType, {}, children) ?? schema.topNodeType.createAndFill()!;
  doc.check();
  return doc.toJSON() as PMDoc;
}

/** The ProseMirror node for stored (already sanitized) content. */
export function nodeFromContent(content: PMDoc): ProseMirrorNode {
  return editorSchema().nodeFromJSON(content);
}

/** True when two contents are the same document (attribute order and defaults do not matter). */
export function sameContent(a: PMDoc, b: PMDoc): boolean {
  try {
    return nodeFromContent(a).eq(nodeFromContent(b));
  } catch {
    return false;
  }
}
