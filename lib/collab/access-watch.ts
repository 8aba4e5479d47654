/**
 * Open live connections follow the person's access as it is now, not as it was when they
 * connected. When a person is removed, changes role or loses a token, or a response's phase
 * changes (lib/auth/access-changes.ts announces each), every connection concerned on this
 * process is checked again within moments:
 * - credentials no longer valid (person removed, token revoked) → the connection is closed;
 * - no longer allowed to edit (demoted to member, response final) → read-only from now on,
 *   and the editor is told so.
 * A sweep re-checks every connection periodically and after the notification connection was
 * lost, so a missed announcement is caught up with.
 */
import 'server-only';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import type { AccessChange } from '@/lib/auth/access-changes';
import { reauthenticateCollabToken } from '@/lib/collab/tokens';
import type { LiveSections } from '@/lib/collab/live-sections';
import { db } from '@/lib/db';
import { isTextFrozen } from '@/lib/responses/phase';
import { sectionIdFromDocumentName } from '@/lib/sections/collab-info';
import { mayEditSectionText } from '@/lib/sections/policy';

/** What the collaboration server keeps about each connection (see lib/collab/hocuspocus.ts). */
export type CollabContext = {
  user?: { id: string; name: string; role: string };
  /** The credential the connection authenticated with, to check it again later. */
  token?: string;
  readOnly?: boolean;
};

export function sendNotice(connection: Connection, code: string, message: string, extra: Record<string, unknown> = {}) {
  connection.sendStateless(JSON.stringify({ type: 'chorus:notice', code, message, ...extra }));
}

export class AccessWatch {
  constructor(private readonly instance: () => Hocuspocus, private readonly live: LiveSections) {}

  private connections(filter: (connection: Connection, sectionId: string) => boolean): { connection: Connection; sectionId: string }[] {
    const found: { connection: Connection; sectionId: string }[] = [];
    for (const [name, document] of this.instance().documents) {
      const sectionId = sectionIdFromDocumentName(name);
      if (!sectionId) continue;
      for (const connection of document.getConnections()) if (filter(connection, sectionId)) found.push({ connection, sectionId });
    }
    return found;
  }

  /** An announcement from lib/auth/access-changes.ts. */
  async notified(payload: string): Promise<void> {
    let change: AccessChange;
    try {
      change = JSON.parse(payload) as AccessChange;
    } catch {
      return;
    }
    try {
      if ('userId' in change) await this.recheck(this.connections((connection) => (connection.context as CollabContext).user?.id === change.userId));
      else if ('responseId' in change) await this.responseChanged(change.responseId);
    } catch (error) {
      console.error('[collab] could not apply an access change', error);
    }
  }

  /** Checks every open connection again. */
  async sweep(): Promise<void> {
    try {
      await this.recheck(this.connections(() => true));
    } catch (error) {
      console.error('[collab] access sweep failed', error);
    }
  }

  private async responseChanged(responseId: string) {
    const sections = await db().section.findMany({ where: { responseId }, select: { id: true, response: { select: { phase: true } } } });
    for (const section of sections) {
      if (!isTextFrozen(section.response.phase)) continue;
      const name = `section:${section.id}`;
      const document = this.instance().documents.get(name);
      if (document) await this.live.freeze(name, document, 'This response is final: its text can no longer be changed.');
    }
  }

  private async recheck(targets: { connection: Connection; sectionId: string }[]) {
    if (!targets.length) return;
    const sectionIds = [...new Set(targets.map((target) => target.sectionId))];
    const phases = new Map(
      (await db().section.findMany({ where: { id: { in: sectionIds } }, select: { id: true, response: { select: { phase: true } } } })).map((s) => [s.id, s.response.phase]),
    );
    const callers = new Map<string, Awaited<ReturnType<typeof reauthenticateCollabToken>>>();
    for (const { connection, sectionId } of targets) {
      const context = connection.context as CollabContext;
      const token = context.token ?? '';
      if (!callers.has(token)) callers.set(token, await reauthenticateCollabToken(token));
      const caller = callers.get(token);
      if (!caller) {
        sendNotice(connection, 'access-ended', 'Your access to this response has ended, so you were disconnected.', { readOnly: true });
        connection.readOnly = true;
        connection.close({ code: 4401, reason: 'Access ended' } as CloseEvent);
        (connection as unknown as { webSocket?: { close?: (code: number, reason: string) => void } }).webSocket?.close?.(4401, 'Access ended');
        continue;
      }
      const phase = phases.get(sectionId);
      const writable = !!phase && mayEditSectionText(caller, phase);
      if (context.user) context.user.role = caller.role;
      if (!writable && !connection.readOnly) {
        connection.readOnly = true;
        context.readOnly = true;
        sendNotice(connection, 'read-only', 'You can no longer edit this section: you can still read it, and your role decides what else you can do.', { readOnly: true });
      }
    }
  }
}
