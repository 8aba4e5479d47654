/**
 * Who is in each section, published to the database (CollabPresence) by every
 * collaboration process for the documents it holds, so the web app can show it whichever
 * process — or machine — a person is connected to. Each process rewrites a section's rows
 * shortly after people join, leave or start and stop editing, and keeps its rows alive with
 * a heartbeat; rows of a process that died expire on their own.
 */
import 'server-only';
import type { Document, Hocuspocus } from '@hocuspocus/server';
import type { CollabContext } from '@/lib/collab/access-watch';
import { colourFor, dedupePresence, displayName, type PresentPerson } from '@/lib/collab/presence';
import { db } from '@/lib/db';
import { sectionIdFromDocumentName } from '@/lib/sections/collab-info';

const WRITE_DELAY_MS = 200;
const HEARTBEAT_MS = 10_000;
const EXPIRY_MS = 30_000;

/** Everyone connected to `document` on this process, once each. */
export function presenceOf(document: Document): PresentPerson[] {
  const people: PresentPerson[] = [];
  for (const connection of document.getConnections()) {
    const context = connection.context as CollabContext;
    if (!context.user) continue;
    // A writer counts as editing while their editor says so (awareness); readers always view.
    const states = [...document.getClients(connection)].map((clientId) => document.awareness.getStates().get(clientId) as { user?: { mode?: string } } | undefined);
    const editing = !connection.readOnly && states.some((state) => state?.user?.mode === 'editing');
    people.push({ id: context.user.id, name: displayName(context.user.name), colour: colourFor(context.user.id), mode: editing ? 'editing' : 'viewing' });
  }
  return dedupePresence(people);
}

export class PresenceBoard {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly nodeId: string, private readonly instance: () => Hocuspocus) {
    this.heartbeat = setInterval(() => void this.refresh(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Someone joined, left or changed mode in this document. */
  touched(documentName: string) {
    this.dirty.add(documentName);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }, WRITE_DELAY_MS);
  }

  private async write() {
    const names = [...this.dirty];
    this.dirty.clear();
    const expiresAt = new Date(Date.now() + EXPIRY_MS);
    try {
      for (const name of names) {
        const sectionId = sectionIdFromDocumentName(name);
        if (!sectionId) continue;
        const document = this.instance().documents.get(name);
        const people = document ? presenceOf(document) : [];
        await db().$transaction([
          db().collabPresence.deleteMany({ where: { nodeId: this.nodeId, sectionId } }),
          db().collabPresence.createMany({ data: people.map((person) => ({ nodeId: this.nodeId, sectionId, userId: person.id, name: person.name, mode: person.mode, expiresAt })) }),
        ]);
      }
    } catch (error) {
      console.error('[collab] could not publish presence', error instanceof Error ? error.message : error);
    }
  }

  private async refresh() {
    try {
      await db().collabPresence.updateMany({ where: { nodeId: this.nodeId }, data: { expiresAt: new Date(Date.now() + EXPIRY_MS) } });
    } catch {
      // The next heartbeat tries again; rows expire meanwhile, which only hides presence.
    }
  }

  /** Removes this process's rows (on shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    clearTimeout(this.timer);
    await this.writing;
    await db().collabPresence.deleteMany({ where: { nodeId: this.nodeId } }).catch(() => undefined);
  }
}
