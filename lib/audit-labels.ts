/**
 * Human-readable names for audit-log actions, for the coordinators' audit log page.
 * Pure (no I/O). An action without an entry here still reads sensibly: "comment.withdraw"
 * becomes "Comment: withdraw". Add an entry when you add an action worth a better phrase.
 */
import { roleLabels } from '@/lib/auth/policy';
import type { Role } from '@/lib/generated/prisma/enums';

const actionLabels: Record<string, string> = {
  'auth.sign-in': 'Signed in',
  'auth.sign-out': 'Signed out',
  'auth.link-request': 'Asked for a sign-in link',
  'person.invite': 'Invited a person',
  'person.readmit': 'Re-admitted a removed person',
  'person.role-change': 'Changed a role',
  'person.remove': 'Removed a person',
  'person.profile-update': 'Updated their profile',
  'token.create': 'Created an API token',
  'token.revoke': 'Revoked an API token',
  'demo.load': 'Loaded the demo',
};

export function auditActionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const [subject, ...rest] = action.split('.');
  const words = (text: string) => text.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  const noun = words(subject);
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return rest.length ? `${capitalised}: ${words(rest.join(' '))}` : capitalised;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && value in roleLabels;

/** A key that holds an id ("sectionId", "sectionIds"): shown by name, never as the raw id. */
const isIdKey = (key: string) => /Ids?$/.test(key);
const idKeyWord = (key: string) => key.replace(/Ids?$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * A short line of detail from an event's data: role changes as "Member → Coordinator",
 * ids by the names in `names` (left out when Chorus cannot name them: a bare id tells a
 * reader nothing), otherwise simple values as "key: value", cut to a readable length.
 */
export function auditDetails(data: unknown, names: Record<string, string> = {}): string {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return '';
  const record = data as Record<string, unknown>;
  const parts: string[] = [];
  if (isRole(record.from) && isRole(record.to)) parts.push(`${roleLabels[record.from]} → ${roleLabels[record.to]}`);
  for (const [key, value] of Object.entries(record)) {
    if ((key === 'from' || key === 'to') && parts.length) continue;
    if (key === 'role' && isRole(value)) parts.push(`role: ${roleLabels[value]}`);
    else if (isIdKey(key)) {
      const named = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id in names).map((id) => names[id]);
      if (named.length) parts.push(`${idKeyWord(key)}: ${named.join(', ')}`);
    }
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${value}`);
  }
  const text = parts.join(' · ');
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
