import { z } from 'zod';

export const roleSchema = z.enum(['MEMBER', 'DRAFTER', 'COORDINATOR'], { error: 'Role must be member, drafter or coordinator' });

const email = z.string().trim().toLowerCase().email('Not a valid email address').max(254, 'Email addresses are at most 254 characters');

export const inviteSchema = z.object({
  /** One address, or a pasted list separated by commas, semicolons, spaces or new lines. */
  emails: z.string().trim().min(1, 'Enter at least one email address').max(100_000, 'That list is too long'),
  /** Name for a single invitation; a pasted list may use "Name <email>" entries. */
  name: z.string().trim().max(100, 'Names are at most 100 characters').optional(),
  role: roleSchema.default('MEMBER'),
});

export const changeRoleSchema = z.object({ userId: z.string().min(1, 'Choose a person'), role: roleSchema });

export const removePersonSchema = z.object({ userId: z.string().min(1, 'Choose a person') });

export const profileSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Names are at most 100 characters'),
  notifyByEmail: z.boolean().optional(),
});

/**
 * Splits a pasted list into {email, name} entries. Accepts "Name <email>", bare addresses,
 * and any mix of commas, semicolons and new lines. Returns the entries that are not valid
 * addresses separately, so nothing is invited until every line is right.
 */
export function parseInviteList(text: string): { entries: { email: string; name?: string }[]; invalid: string[] } {
  const entries: { email: string; name?: string }[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,;]+/)) {
    const item = raw.trim();
    if (!item) continue;
    const named = /^(.*?)\s*<([^>]+)>$/.exec(item);
    const candidates = named ? [{ email: named[2], name: named[1].replace(/^"|"$/g, '').trim() || undefined }] : item.split(/\s+/).map((part) => ({ email: part, name: undefined }));
    for (const candidate of candidates) {
      const parsed = email.safeParse(candidate.email);
      if (!parsed.success) invalid.push(candidate.email);
      else if (!seen.has(parsed.data)) {
        seen.add(parsed.data);
        entries.push({ email: parsed.data, name: candidate.name });
      }
    }
  }
  return { entries, invalid };
}
