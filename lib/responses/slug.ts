/** Readable, unique addresses for responses: /responses/civil-society-covenant. */
import 'server-only';
import type { Tx } from '@/lib/db';

/** Addresses used by pages under /responses/ that a response must not take. */
const RESERVED = new Set(['new', 'import']);

export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'response';
}

/** `slugify(title)`, with "-2", "-3"... when it is taken or reserved. */
export async function uniqueSlug(tx: Pick<Tx, 'response'>, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set((await tx.response.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((row) => row.slug));
  if (!taken.has(base) && !RESERVED.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
