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
  /** Each notice by email at once, or gathered into a daily or weekly digest. */
  emailFrequency: z.enum(['IMMEDIATE', 'DAILY', 'WEEKLY'], { error: 'Choose how often: at once, daily or weekly' }).optional(),
});

/**
 * Splits a pasted list at commas, semicolons and line breaks, except inside "quoted names"
 * or <addresses>, so `"Doe, Jane" <jane@example.org>` (as mail programs copy it) stays whole.
 */
function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let bracketed = false;
  for (const char of text) {
    if (char === '"' && !bracketed) quoted = !quoted;
    else if (char === '<' && !quoted) bracketed = true;
    else if (char === '>' && !quoted) bracketed = false;
    // A line break always ends an item, so one stray quote cannot swallow the rest.
    const lineBreak = char === '\n' || char === '\r';
    if (lineBreak || (!quoted && !bracketed && (char === ',' || char === ';'))) {
      items.push(current);
      current = '';
      if (lineBreak) quoted = bracketed = false;
    } else current += char;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter(Boolean);
}

/**
 * Splits a pasted list into {email, name} entries. Accepts "Name <email>", bare addresses
 * (several on a line, separated by spaces), and any mix of commas, semicolons and new
 * lines. Addresses are lower-cased and duplicates dropped. Returns the items that are not
 * valid addresses separately, so nothing is invited until every line is right.
 */
export function parseInviteList(text: string): { entries: { email: string; name?: string }[]; invalid: string[] } {
  const entries: { email: string; name?: string }[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const item of splitList(text)) {
    const named = /^(.*?)\s*<([^>]*)>$/.exec(item);
    const candidates = named
      ? [{ email: named[2].trim(), name: named[1].trim().replace(/^"(.*)"$/, '$1').trim() || undefined }]
      : item.split(/\s+/).map((part) => ({ email: part, name: undefined }));
    for (const candidate of candidates) {
      const parsed = email.safeParse(candidate.email);
      if (!parsed.success) invalid.push(candidate.email || item);
      else if (!seen.has(parsed.data)) {
        seen.add(parsed.data);
        entries.push({ email: parsed.data, name: candidate.name?.slice(0, 100) });
      }
    }
  }
  return { entries, invalid };
}
