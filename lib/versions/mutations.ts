/**
 * Restoring a section's earlier version, and naming the current state of a whole response.
 * Nothing is ever deleted: a restore is a new version (source RESTORE, restoredFromId), and
 * a named version points at existing immutable versions.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { can, type Caller } from '@/lib/auth/policy';
import { db } from '@/lib/db';
import { AppError, forbidden, isUniqueViolation, notFound, parseInput } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { applySectionEdit, commitPendingLiveText } from '@/lib/sections/mutations';
import { nameVersionSchema, restoreVersionSchema } from '@/lib/versions/schemas';
import { readVersionBody } from '@/lib/versions/storage';

/**
 * Makes an earlier version the section's text again, as a new RESTORE version credited to
 * the person restoring. Goes through applySectionEdit, so people editing live get the
 * change (only what differs moves; their typing elsewhere survives).
 */
export async function restoreVersion(caller: Caller, sectionId: string, input: unknown) {
  if (!can(caller, 'version:restore')) throw forbidden('Only drafters and coordinators can restore a version');
  const { versionId } = parseInput(restoreVersionSchema, input);
  const source = await db().sectionVersion.findFirst({ where: { id: versionId, sectionId }, select: { id: true } });
  const body = source && (await readVersionBody(db(), source.id));
  if (!source || !body) {
    const section = await db().section.findUnique({ where: { id: sectionId }, select: { id: true } });
    throw notFound(section ? 'That version' : 'That section');
  }
  const version = await applySectionEdit({
    sectionId,
    edit: () => body.content,
    authorIds: [caller.id],
    source: 'RESTORE',
    actorId: caller.id,
    restoredFromId: source.id,
  });
  return { id: version.id, createdAt: version.createdAt.toISOString(), restoredFromId: source.id, text: version.text };
}

/**
 * Labels the current state of every section of a response. Typing not yet stored as a
 * version (the last couple of seconds in a live session) is stored first, so the named
 * version holds what people see.
 */
export async function nameCurrentVersion(caller: Caller, responseSlug: string, input: unknown) {
  if (!can(caller, 'version:name')) throw forbidden('Only drafters and coordinators can name a version');
  const { label } = parseInput(nameVersionSchema, input);
  const response = await db().response.findUnique({ where: { slug: responseSlug }, select: { id: true, sections: { select: { id: true } } } });
  if (!response) throw notFound(`The response "${responseSlug}"`);
  await commitPendingLiveText(response.sections.map((section) => section.id));
  try {
    return await db().$transaction(async (tx) => {
      const sections = await tx.section.findMany({
        where: { responseId: response.id, currentVersionId: { not: null } },
        orderBy: { position: 'asc' },
        select: { id: true, position: true, number: true, heading: true, currentVersionId: true },
      });
      const named = await tx.namedVersion.create({
        data: {
          responseId: response.id,
          label,
          createdById: caller.id,
          sections: {
            create: sections.map((section) => ({ sectionId: section.id, versionId: section.currentVersionId!, position: section.position, number: section.number, heading: section.heading })),
          },
        },
        select: { id: true, label: true, createdAt: true },
      });
      await recordAudit(tx, { actorId: caller.id, action: 'version.name', targetType: 'response', targetId: response.id, data: { namedVersionId: named.id, label } });
      return { id: named.id, label: named.label, createdAt: named.createdAt.toISOString(), sectionCount: sections.length };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `This response already has a version called "${label}"; choose another name`, { fields: { label: 'That name is taken' } });
    }
    throw error;
  }
}
