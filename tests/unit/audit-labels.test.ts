import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetails } from '@/lib/audit-labels';

describe('[AUDIT] human-readable actions', () => {
  it('names the actions Chorus records for people, tokens and sign-ins', () => {
    expect(auditActionLabel('person.invite')).toBe('Invited a person');
    expect(auditActionLabel('person.role-change')).toBe('Changed a role');
    expect(auditActionLabel('person.remove')).toBe('Removed a person');
    expect(auditActionLabel('token.revoke')).toBe('Revoked an API token');
    expect(auditActionLabel('auth.sign-in')).toBe('Signed in');
  });

  it('reads sensibly for an action without its own label', () => {
    expect(auditActionLabel('comment.withdraw')).toBe('Comment: withdraw');
    expect(auditActionLabel('case-study.quote-insert')).toBe('Case study: quote insert');
    expect(auditActionLabel('namedVersion.create')).toBe('Named version: create');
    expect(auditActionLabel('export')).toBe('Export');
  });

  it('summarises role changes and simple values, ignoring nested data', () => {
    expect(auditDetails({ from: 'MEMBER', to: 'COORDINATOR' })).toBe('Member → Coordinator');
    expect(auditDetails({ email: 'a@example.org', role: 'DRAFTER' })).toBe('email: a@example.org · role: Drafter');
    expect(auditDetails({ role: 'MEMBER', sessionsEnded: 2, tokensRevoked: 1 })).toBe('role: Member · sessions ended: 2 · tokens revoked: 1');
    expect(auditDetails({ nested: { secret: 'x' }, list: [1, 2] })).toBe('');
    // Ids read as the names of what they point to, or not at all.
    expect(auditDetails({ sectionId: 'clx1', threadId: 'clx2', exact: 'the cost' }, { clx1: '1. Funding' })).toBe('section: 1. Funding · exact: the cost');
    expect(auditDetails(null)).toBe('');
    expect(auditDetails({ text: 'x'.repeat(300) })).toHaveLength(160);
  });
});
