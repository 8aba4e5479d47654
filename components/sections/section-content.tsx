import type { Mark, PMDoc, PMNode } from '@/lib/sections/content';

/** Server-rendered, read-only view of a section's ProseMirror document. */
export function SectionContent({ doc }: { doc: PMDoc | null }) {
  if (!doc?.content?.length) return <p className="text-muted">This section has no text yet.</p>;
  return <div className="prose-section">{doc.content.map((node, i) => renderNode(node, i))}</div>;
}

function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  return /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

function renderMarks(text: string, marks: Mark[] | undefined, key: number): React.ReactNode {
  let node: React.ReactNode = text;
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') node = <strong>{node}</strong>;
    else if (mark.type === 'italic') node = <em>{node}</em>;
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      node = href ? <a href={href} rel="noopener noreferrer nofollow">{node}</a> : node;
    }
  }
  return <span key={key}>{node}</span>;
}

function renderNode(node: PMNode, key: number): React.ReactNode {
  const children = (node.content ?? []).map((child, i) => renderNode(child, i));
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading': {
      const level = Number(node.attrs?.level ?? 3);
      return level <= 2 ? <h2 key={key}>{children}</h2> : <h3 key={key}>{children}</h3>;
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={Number(node.attrs?.start ?? 1)} type={typeof node.attrs?.type === 'string' && /^[1aAiI]$/.test(node.attrs.type) ? (node.attrs.type as '1' | 'a' | 'A' | 'i' | 'I') : undefined}>
          {children}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'hardBreak':
      return <br key={key} />;
    case 'text':
      return renderMarks(node.text ?? '', node.marks, key);
    default:
      return <div key={key}>{children}</div>;
  }
}
