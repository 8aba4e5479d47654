/**
 * Maps between the rendered section (any DOM: the read-only view or the live editor) and
 * offsets into the section's plain text as the server computes it (textFromDoc: each
 * paragraph, heading and list item is a block, blocks joined by a blank line, a hard
 * line break is "\n").
 *
 * Reading the DOM this way, instead of relying on markup that one renderer adds, keeps
 * anchoring working when the read-only view is replaced by the collaborative editor.
 * Editor decorations (remote carets with name labels) are contenteditable="false" and are
 * skipped, as is anything marked data-feedback-ignore.
 */

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, pre';
const SEPARATOR = 2; // "\n\n"

type Segment = { node: Node; start: number; length: number; lineBreak: boolean };

export type TextIndex = {
  text: string;
  segments: Segment[];
  blocks: { element: Element; start: number; end: number }[];
  /** The element holding the text (see bodyOf). */
  body: Element;
};

function skipped(element: Element): boolean {
  return (
    // Widgets inside an editor (remote carets and their name labels); not a read-only editor's own root.
    (element.getAttribute('contenteditable') === 'false' && !element.classList.contains('ProseMirror')) ||
    element.hasAttribute('data-feedback-ignore') ||
    element.tagName === 'IMG' ||
    (element.tagName === 'BR' && element.classList.contains('ProseMirror-trailingBreak'))
  );
}

/**
 * The element holding the section's own text: the editor, or the read-only view's
 * `.prose-section`, so that status messages or toolbars around them never count as text.
 */
function bodyOf(root: Element): Element {
  return root.querySelector('.ProseMirror') ?? root.querySelector('.prose-section, [data-section-body]') ?? root;
}

/**
 * Whether the text `index` was built on has left the page (the live editor took the
 * server-rendered text's place), not merely been edited: its ranges then measure nothing.
 */
export function isDetached(index: TextIndex): boolean {
  return !index.body.isConnected;
}

export function indexText(root: Element): TextIndex {
  const segments: Segment[] = [];
  const blocks: TextIndex['blocks'] = [];
  const parts: string[] = [];
  let offset = 0;
  const body = bodyOf(root);
  const elements = Array.from(body.querySelectorAll(BLOCKS)).filter((element) => !element.parentElement?.closest(BLOCKS) && !element.closest('[data-feedback-ignore]'));
  for (const [i, element] of elements.entries()) {
    if (i > 0) {
      parts.push('\n\n');
      offset += SEPARATOR;
    }
    const start = offset;
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const value = node.nodeValue ?? '';
        if (!value) return;
        segments.push({ node, start: offset, length: value.length, lineBreak: false });
        parts.push(value);
        offset += value.length;
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        if (skipped(el)) return;
        if (el.tagName === 'BR') {
          segments.push({ node: el, start: offset, length: 1, lineBreak: true });
          parts.push('\n');
          offset += 1;
          return;
        }
        el.childNodes.forEach(walk);
      }
    };
    element.childNodes.forEach(walk);
    blocks.push({ element, start, end: offset });
  }
  return { text: parts.join(''), segments, blocks, body };
}

/** The text offset of a DOM point (e.g. one end of the selection). */
export function offsetOfPoint(index: TextIndex, node: Node, offset: number): number {
  const exact = index.segments.find((segment) => segment.node === node && !segment.lineBreak);
  if (exact) return exact.start + Math.min(offset, exact.length);
  // A point between elements: the first character at or after it.
  const range = document.createRange();
  try {
    range.setStart(node, offset);
  } catch {
    return 0;
  }
  for (const segment of index.segments) {
    if (range.comparePoint(segment.node, 0) >= 0) {
      // Between the end of one block and the start of the next: the end of the previous block.
      const block = index.blocks.find((b) => b.start <= segment.start && segment.start <= b.end);
      const previous = index.blocks[index.blocks.indexOf(block!) - 1];
      if (block && segment.start === block.start && previous && !block.element.contains(node) && node !== block.element) return previous.end;
      return segment.start;
    }
  }
  return index.text.length;
}

/** Finds the segment holding `offset` (binary search). */
function segmentAt(index: TextIndex, offset: number, preferEnd: boolean): Segment | undefined {
  const { segments } = index;
  let low = 0;
  let high = segments.length - 1;
  let found: Segment | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = segments[mid];
    if (offset < segment.start) high = mid - 1;
    else if (offset > segment.start + segment.length) low = mid + 1;
    else {
      found = segment;
      // At a boundary between two segments, the end of one equals the start of the next.
      if (preferEnd) high = mid - 1;
      else low = mid + 1;
    }
  }
  return found;
}

function pointOf(index: TextIndex, offset: number, preferEnd: boolean): { node: Node; offset: number } | null {
  const segment = segmentAt(index, offset, preferEnd) ?? segmentAt(index, offset, !preferEnd);
  if (!segment) {
    // Inside a blank line between blocks, or an empty block: the nearest block edge.
    const block = index.blocks.find((b) => offset <= b.end) ?? index.blocks[index.blocks.length - 1];
    if (!block) return null;
    return { node: block.element, offset: offset <= block.start ? 0 : block.element.childNodes.length };
  }
  if (segment.lineBreak) {
    const parent = segment.node.parentNode!;
    const position = Array.prototype.indexOf.call(parent.childNodes, segment.node);
    return { node: parent, offset: offset > segment.start ? position + 1 : position };
  }
  return { node: segment.node, offset: offset - segment.start };
}

/**
 * A DOM Range over text[start, end), or null if the index has no such text.
 * A Range is live: the browser updates every one it still holds on each change to the
 * document, until it is garbage-collected. Code that measures many passages passes one
 * range to reuse (`into`) rather than leaving a thousand behind.
 */
export function rangeOf(index: TextIndex, start: number, end: number, into?: Range): Range | null {
  const from = pointOf(index, start, false);
  const to = pointOf(index, end, true);
  if (!from || !to) return null;
  const range = into ?? document.createRange();
  try {
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
  } catch {
    return null;
  }
  return range;
}

/** The current selection as text offsets, when it lies (at least partly) within `root`. */
export function selectionIn(root: Element, index: TextIndex): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const inside = (node: Node) => root.contains(node);
  const start = inside(range.startContainer) ? offsetOfPoint(index, range.startContainer, range.startOffset) : 0;
  const end = inside(range.endContainer) ? offsetOfPoint(index, range.endContainer, range.endOffset) : index.text.length;
  if (!inside(range.startContainer) && !inside(range.endContainer)) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** The text offset under a screen point (for clicks on highlighted passages). */
export function offsetAtPoint(index: TextIndex, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? offsetOfPoint(index, position.offsetNode, position.offset) : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? offsetOfPoint(index, range.startContainer, range.startOffset) : null;
}
