/**
 * What every text export renders: a title and ProseMirror blocks. Section headings are
 * level-1 headings; headings inside a section keep their levels (2, 3). The response
 * export and the "you said, we did" report both build one, so txt, md and docx are each
 * written once.
 */
import { sectionTitle } from '@/lib/format';
import type { PMDoc, PMNode } from '@/lib/sections/content';

export type ExportDocument = {
  title: string;
  /** A line under the title (the consultation, the version); omitted when null. */
  subtitle: string | null;
  blocks: PMNode[];
  /** When the content was last changed: stamped into the docx so repeated exports are identical. */
  asOf: Date;
};

export type SnapshotSection = { number: string | null; heading: string; content: PMDoc | null };

export type Snapshot = {
  title: string;
  consultationName: string;
  /** The named version's label, or null for the current text. */
  label: string | null;
  asOf: Date;
  sections: SnapshotSection[];
};

export function headingNode(level: number, text: string): PMNode {
  return { type: 'heading', attrs: { level }, content: text ? [{ type: 'text', text }] : [] };
}

/** The submission: each section's heading (numbered), then its text. An untitled introduction has no heading. */
export function responseDocument(snapshot: Snapshot): ExportDocument {
  const blocks: PMNode[] = [];
  for (const section of snapshot.sections) {
    const title = section.heading.trim() ? sectionTitle(section) : '';
    if (title) blocks.push(headingNode(1, title));
    for (const node of section.content?.content ?? []) {
      if (node.type === 'paragraph' && !node.content?.length) continue;
      blocks.push(node.type === 'heading' ? { ...node, attrs: { ...node.attrs, level: Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2))) } } : node);
    }
  }
  return { title: snapshot.title, subtitle: null, blocks, asOf: snapshot.asOf };
}
