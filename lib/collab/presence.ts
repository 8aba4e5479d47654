/**
 * Presence: who is looking at or editing a section right now. Pure helpers shared by the
 * collaboration server (which reports connections) and the editor (which shows carets).
 */

export type PresenceMode = 'editing' | 'viewing';

/** What the collaboration server reports for one person in one section. */
export type PresentPerson = { id: string; name: string; colour: string; mode: PresenceMode };

/**
 * Caret colours, all dark enough for white label text (contrast ≥ 4.5:1), and distinct
 * enough to tell a handful of people apart.
 */
const COLOURS = ['#b42318', '#1d4ed8', '#047857', '#7e22ce', '#b45309', '#be185d', '#0e7490', '#4d7c0f', '#9a3412', '#4338ca'];

/** The same colour for a person everywhere, derived from their id. */
export function colourFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length];
}

export function displayName(name: string | null | undefined): string {
  return name?.trim() || 'Someone';
}

/** One entry per person: a person in two tabs, one editing, shows once, as editing. */
export function dedupePresence(people: PresentPerson[]): PresentPerson[] {
  const byId = new Map<string, PresentPerson>();
  for (const person of people) {
    const existing = byId.get(person.id);
    if (!existing || (existing.mode === 'viewing' && person.mode === 'editing')) byId.set(person.id, person);
  }
  return [...byId.values()].sort((a, b) => (a.mode === b.mode ? a.name.localeCompare(b.name) : a.mode === 'editing' ? -1 : 1));
}
