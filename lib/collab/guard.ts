/**
 * Checks every document update a writable connection sends before the collaboration
 * server accepts it, and repairs the live document in the same Yjs transaction, so no
 * other client ever receives content the editor's schema cannot hold:
 * - shared types other than the "default" XML fragment, element names, attributes or marks
 *   the schema does not know, embeds → those parts are removed again and the connection
 *   is closed ("malformed"; bytes that are not a Yjs update never get this far);
 * - links whose target is not http, https or mailto → the link is removed, the text kept;
 * - a change that would make the section longer than MAX_SECTION_CHARACTERS → undone,
 *   and the sender is told why.
 *
 * The check is incremental: it looks only at the shared types the update touched (Yjs
 * records them in transaction.changed) and at elements created by the update, so a
 * keystroke costs a look at one paragraph, not the whole document.
 */
import * as Y from 'yjs';
import { COLLAB_FIELD, applyContentToYDoc, contentFromYDoc } from '@/lib/sections/ydoc';
import { textFromDoc, type PMDoc } from '@/lib/sections/content';
import { editorSchema } from '@/lib/sections/editor-schema';
import { MAX_SECTION_CHARACTERS } from '@/lib/sections/limits';
import { isAllowedHref } from '@/lib/sections/links';

export type GuardResult = {
  malformed: string | null;
  linksRemoved: number;
  /** Marks whose attributes other than the schema's own were removed. */
  attributesRemoved: number;
  /** Set when the change was undone because the section would have been too long. */
  tooLong: number | null;
};

/** Characters an update may add at most (strings plus two per new block), read without applying it. */
export function upperBoundOfAddedCharacters(update: Uint8Array): number {
  const { structs } = Y.decodeUpdate(update);
  let added = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentString) added += content.str.length;
    else if (content instanceof Y.ContentType) added += 2;
    else if (!(content instanceof Y.ContentFormat) && !(content instanceof Y.ContentDeleted)) added += content.getLength();
  }
  return added;
}

type Schema = ReturnType<typeof editorSchema>;

function isNew(transaction: Y.Transaction, type: Y.AbstractType<any>): boolean {
  const item = type._item;
  return !!item && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
}

function attributeAllowed(schema: Schema, nodeName: string, key: string, value: unknown): boolean {
  const spec = schema.nodes[nodeName]?.spec.attrs ?? {};
  return Object.hasOwn(spec, key) && (value === null || ['string', 'number', 'boolean'].includes(typeof value));
}

function isPlainValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** True when a mark's value (Yjs stores a mark's attributes as the formatting value) has only attributes its schema defines. */
function marksAttributesAllowed(mark: Schema['marks'][string], value: unknown): boolean {
  if (value === true) return true;
  if (typeof value !== 'object') return false;
  const spec = mark.spec.attrs ?? {};
  return Object.entries(value as Record<string, unknown>).every(([name, attr]) => Object.hasOwn(spec, name) && isPlainValue(attr));
}

function markKey(key: string): string {
  return key.split('--')[0];
}

class Checker {
  malformed: string | null = null;
  linksRemoved = 0;
  attributesRemoved = 0;
  /** Repairs to run after the update's own transaction (see applyGuardedUpdate). */
  readonly repairs: (() => void)[] = [];
  private readonly schema = editorSchema();
  private readonly seen = new Set<Y.AbstractType<any>>();

  constructor(private readonly transaction: Y.Transaction, private readonly fragment: Y.XmlFragment) {}

  private fail(reason: string) {
    this.malformed ??= reason;
  }

  private rootOf(type: Y.AbstractType<any>): Y.AbstractType<any> {
    let current = type;
    while (current._item?.parent) current = current._item.parent as Y.AbstractType<any>;
    return current;
  }

  checkChanged(type: Y.AbstractType<any>, keys: Set<string | null>) {
    if (this.rootOf(type) !== this.fragment) {
      this.fail('Only the "default" XML fragment may be changed');
      this.repairs.push(() => this.clear(type));
      return;
    }
    this.check(type, keys);
  }

  /** Deletes everything in a shared type of any kind (a root the update created is a bare AbstractType). */
  private clear(type: Y.AbstractType<any>) {
    type.doc?.transact((transaction) => {
      type._map.forEach((item) => item.deleted || item.delete(transaction));
      for (let item = type._start; item; item = item.right) if (!item.deleted) item.delete(transaction);
    });
  }

  private check(type: Y.AbstractType<any>, keys: Set<string | null> | null) {
    if (this.seen.has(type)) return;
    this.seen.add(type);
    if (type instanceof Y.XmlText) this.checkText(type);
    else if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) this.checkElement(type, keys);
  }

  private checkElement(element: Y.XmlElement | Y.XmlFragment, keys: Set<string | null> | null) {
    const nodeName = element instanceof Y.XmlElement ? element.nodeName : 'doc';
    const nodeType = this.schema.nodes[nodeName];
    if (element instanceof Y.XmlElement) {
      const attributes = element.getAttributes() as Record<string, unknown>;
      const names = keys ? [...keys].filter((key): key is string => key !== null) : Object.keys(attributes);
      for (const name of names) {
        if (attributes[name] === undefined) continue;
        if (!attributeAllowed(this.schema, nodeName, name, attributes[name])) {
          this.fail(`The attribute "${name}" is not allowed on ${nodeName}`);
          this.repairs.push(() => element.removeAttribute(name));
        }
      }
    }
    const children = element.toArray();
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index] as unknown;
      if (child instanceof Y.XmlText) {
        if (!nodeType?.isTextblock) {
          this.fail(`Text cannot sit directly inside ${nodeName}`);
          this.repairs.push(() => element.delete(index, 1));
        } else if (isNew(this.transaction, child)) this.check(child, null);
      } else if (child instanceof Y.XmlElement) {
        const childType = this.schema.nodes[child.nodeName];
        if (!childType || childType === this.schema.topNodeType || childType.isText) {
          this.fail(`"${child.nodeName}" is not something a section can contain`);
          this.repairs.push(() => element.delete(index, 1));
        } else if (isNew(this.transaction, child)) this.check(child, null);
      } else {
        this.fail('Only XML elements and text may be inserted');
        this.repairs.push(() => element.delete(index, 1));
      }
    }
  }

  private checkText(text: Y.XmlText) {
    const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
    let position = 0;
    const removals: (() => void)[] = [];
    for (const op of delta) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      const at = position;
      if (typeof op.insert !== 'string') {
        this.fail('Embedded objects are not allowed in text');
        removals.push(() => text.delete(at, 1));
      }
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        const mark = this.schema.marks[markKey(key)];
        if (!mark) {
          this.fail(`The mark "${key}" is not allowed`);
          removals.push(() => text.format(at, length, { [key]: null }));
        } else if (mark.name === 'link' && !isAllowedHref((value as { href?: unknown } | null)?.href)) {
          this.linksRemoved += 1;
          removals.push(() => text.format(at, length, { [key]: null }));
        } else if (value !== null && !marksAttributesAllowed(mark, value)) {
          // Only the schema's own attributes (a link: its href): nothing a writer could use
          // to restyle or retarget every reader's page (class, style, target...).
          const cleaned = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([name, attr]) => Object.hasOwn(mark.spec.attrs ?? {}, name) && isPlainValue(attr)));
          this.attributesRemoved += 1;
          removals.push(() => text.format(at, length, { [key]: cleaned }));
        }
      }
      position += length;
    }
    // Apply from the end so earlier positions stay valid.
    this.repairs.push(...removals.reverse());
  }
}

/**
 * Applies `update` to `doc` with `origin`, checking what it changed, then repairs in a
 * second transaction (a transaction that integrates a remote update must not also write
 * as the local client). Both happen synchronously, so the collaboration server broadcasts
 * them together. `mightBeTooLong` asks for the exact length check (it costs a full
 * conversion of the document, so the caller only asks near the limit).
 */
export function applyGuardedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown, mightBeTooLong: boolean): GuardResult & { length: number | null } {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  const before: PMDoc | null = mightBeTooLong ? contentFromYDoc(doc) : null;
  let checker: Checker | undefined;
  doc.transact((transaction) => {
    Y.applyUpdate(doc, update);
    checker = new Checker(transaction, fragment);
    for (const [type, keys] of [...transaction.changed.entries()]) checker.checkChanged(type, keys);
  }, origin);
  const { repairs, malformed, linksRemoved, attributesRemoved } = checker!;
  if (repairs.length) doc.transact(() => repairs.forEach((repair) => repair()), origin);
  let tooLong: number | null = null;
  let length: number | null = null;
  if (before) {
    length = textFromDoc(contentFromYDoc(doc)).length;
    if (length > MAX_SECTION_CHARACTERS) {
      tooLong = length;
      applyContentToYDoc(doc, before, origin);
      length = textFromDoc(before).length;
    }
  }
  return { malformed, linksRemoved, attributesRemoved, tooLong, length };
}
