/**
 * The append-only audit log: who did what, when. Every write in Chorus records one event,
 * inside the same transaction as the write, so the log never claims what did not happen.
 */
import 'server-only';
import type { Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

export type AuditInput = {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
};

export async function recordAudit(tx: Pick<Tx, 'auditEvent'>, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      data: event.data,
    },
  });
}

/** Records several events in one statement (bulk writes such as inviting a pasted list). */
export async function recordAudits(tx: Pick<Tx, 'auditEvent'>, events: AuditInput[]): Promise<void> {
  if (!events.length) return;
  await tx.auditEvent.createMany({
    data: events.map((event) => ({ actorId: event.actorId, action: event.action, targetType: event.targetType, targetId: event.targetId, data: event.data })),
  });
}
