import type { PMDoc } from '@/lib/sections/content';
import { nodesHtml } from '@/lib/sections/content-html';

/**
 * Read-only view of a section's ProseMirror document: the server's HTML of it
 * (lib/sections/content-html.ts, which escapes every text and keeps only safe links), so a
 * long section is one element to React rather than thousands.
 */
export function SectionContent({ doc }: { doc: PMDoc | null }) {
  if (!doc?.content?.length) return <p className="text-muted">This section has no text yet.</p>;
  return <div className="prose-section" dangerouslySetInnerHTML={{ __html: nodesHtml(doc.content) }} />;
}
