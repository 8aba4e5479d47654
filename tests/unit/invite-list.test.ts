import { describe, expect, it } from 'vitest';
import { inviteSchema, parseInviteList } from '@/lib/people/schemas';

describe('[PEOPLE] parseInviteList', () => {
  it('reads one bare address', () => {
    expect(parseInviteList('  ada@example.org ')).toEqual({ entries: [{ email: 'ada@example.org', name: undefined }], invalid: [] });
  });

  it('reads a pasted list separated by commas, semicolons, new lines and spaces', () => {
    const { entries, invalid } = parseInviteList('a@example.org, b@example.org;c@example.org\nd@example.org e@example.org\r\n\n');
    expect(entries.map((e) => e.email)).toEqual(['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'e@example.org']);
    expect(invalid).toEqual([]);
  });

  it('takes names from "Name <address>" entries, with or without quotes, as mail programs copy them', () => {
    const { entries } = parseInviteList('Ada Lovelace <ada@example.org>; "Hopper, Grace" <grace@example.org>\n<alan@example.org>');
    expect(entries).toEqual([
      { email: 'ada@example.org', name: 'Ada Lovelace' },
      { email: 'grace@example.org', name: 'Hopper, Grace' },
      { email: 'alan@example.org', name: undefined },
    ]);
  });

  it('lower-cases addresses and drops duplicates', () => {
    const { entries } = parseInviteList('Ada@Example.org\nada@example.org, ADA@EXAMPLE.ORG');
    expect(entries).toEqual([{ email: 'ada@example.org', name: undefined }]);
  });

  it('reports every item that is not an address, keeping the valid ones apart', () => {
    const { entries, invalid } = parseInviteList('good@example.org, not-an-address\nalso@bad, Someone <broken>');
    expect(entries.map((e) => e.email)).toEqual(['good@example.org']);
    expect(invalid).toEqual(['not-an-address', 'also@bad', 'broken']);
  });

  it('does not let a stray quote swallow the following lines', () => {
    const { entries, invalid } = parseInviteList('"Unclosed <a@example.org>\nb@example.org');
    expect(entries.map((e) => e.email)).toContain('b@example.org');
    expect(invalid).toEqual([]);
  });

  it('finds nothing in an empty or blank list', () => {
    expect(parseInviteList(' \n ,; ')).toEqual({ entries: [], invalid: [] });
  });
});

describe('[PEOPLE] inviteSchema', () => {
  it('defaults the role to member and refuses an unknown role with a clear message', () => {
    expect(inviteSchema.parse({ emails: 'a@example.org' }).role).toBe('MEMBER');
    const result = inviteSchema.safeParse({ emails: 'a@example.org', role: 'ADMIN' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('Role must be member, drafter or coordinator');
  });
});
