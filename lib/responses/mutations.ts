/**
 * Moving a response through its phases. Every move is a PhaseChange row and an audit
 * event; marking it final also stores the named version "Final submission" (every
 * section's current version), in the same transaction.
 */
import 'server-only';
import { recordAudit } from '@/lib/audit';
import { announceAccessChange } from '@/lib/auth/access-changes';
import { can, type Caller } from '@/lib/auth/policy';
import { db, type Tx } from '@/lib/db';
import { commitPendingLiveText } from '@/lib/sections/mutations';
import { AppError, forbidden, notFound, parseInput } from '@/lib/errors';
import type { Phase } from '@/lib/generated/prisma/enums';
import { phaseLabels } from '@/lib/format';
import { FINAL_VERSION_LABEL, needsDeadline, phaseMoves } from '@/lib/responses/phase';
import { changePhaseSchema, type ChangePhaseInput } from '@/lib/responses/schemas';

export type PhaseChangeResult = { phase: Phase; deadline: string | null; namedVersion: { id: string; label: string } | null };

/**
 * Moves the response `slug` to `input.to`. Coordinators only. Opening needs a deadline in
 * the future; marking final needs every section to have text and the label
 * "Final submission" to be free. The response row is locked, so two coordinators
 * pressing at once make one move, not two.
 */
export async function changePhase(caller: Caller, slug: string, input: ChangePhaseInput | unknown): Promise<PhaseChangeResult> {
  if (!can(caller, 'response:change-phase')) throw forbidden('Only coordinators can change the phase of a response');
  const { to, deadline } = parseInput(changePhaseSchema, input);
  if (needsDeadline(to)) {
    if (!deadline) throw new AppError('bad_request', 'Set a deadline to open the response for comment', { fields: { deadline: 'Give the deadline' } });
    if (deadline.getTime() <= Date.now()) throw new AppError('bad_request', 'The deadline must be in the future', { fields: { deadline: 'The deadline must be in the future' } });
  }
  if (to === 'FINAL') {
    // Store the last seconds of live typing as versions first, so "Final submission" holds
    // exactly what the drafters saw when the coordinator pressed the button.
    const sections = await db().section.findMany({ where: { response: { slug } }, select: { id: true } });
    await commitPendingLiveText(sections.map((section) => section.id));
  }

  return db().$transaction(
    async (tx) => {
      const [response] = await tx.$queryRaw<{ id: string; phase: Phase; deadline: Date | null }[]>`
        select id, phase::text as phase, deadline from "Response" where slug = ${slug} for update`;
      if (!response) throw notFound(`The response "${slug}"`);
      if (!phaseMoves[response.phase].includes(to)) {
        const allowed = phaseMoves[response.phase].map((phase) => phaseLabels[phase].toLowerCase());
        throw new AppError(
          'conflict',
          `The response is ${phaseLabels[response.phase].toLowerCase()}; it cannot move to ${phaseLabels[to].toLowerCase()}${allowed.length ? ` (it can move to: ${allowed.join(', ')})` : ' (a final response stays final)'}.`,
          { fields: { to: 'Not a move from the current phase' } },
        );
      }
      const nextDeadline = needsDeadline(to) ? deadline! : response.deadline;
      let namedVersion: PhaseChangeResult['namedVersion'] = null;
      if (to === 'FINAL') namedVersion = await snapshotFinal(tx, caller, response.id);
      await tx.response.update({ where: { id: response.id }, data: { phase: to, deadline: nextDeadline } });
      await announceAccessChange(tx, { responseId: response.id });
      const change = await tx.phaseChange.create({
        data: { responseId: response.id, from: response.phase, to, deadline: nextDeadline, actorId: caller.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: caller.id,
        action: 'response.phase',
        targetType: 'response',
        targetId: response.id,
        data: { from: response.phase, to, deadline: nextDeadline?.toISOString() ?? null, phaseChangeId: change.id, namedVersionId: namedVersion?.id ?? null },
      });
      return { phase: to, deadline: nextDeadline?.toISOString() ?? null, namedVersion };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function snapshotFinal(tx: Tx, caller: Caller, responseId: string) {
  const taken = await tx.namedVersion.findUnique({ where: { responseId_label: { responseId, label: FINAL_VERSION_LABEL } }, select: { id: true } });
  if (taken) {
    throw new AppError('conflict', `A named version called "${FINAL_VERSION_LABEL}" already exists; rename it before marking the response final.`);
  }
  const sections = await tx.section.findMany({
    where: { responseId },
    orderBy: { position: 'asc' },
    select: { id: true, position: true, number: true, heading: true, currentVersionId: true },
  });
  const missing = sections.filter((section) => !section.currentVersionId);
  if (missing.length) throw new AppError('conflict', `Section "${missing[0].heading}" has no text yet; it cannot be part of the final submission.`);
  const named = await tx.namedVersion.create({
    data: {
      responseId,
      label: FINAL_VERSION_LABEL,
      createdById: caller.id,
      sections: {
        create: sections.map((section) => ({
          sectionId: section.id,
          versionId: section.currentVersionId!,
          position: section.position,
          number: section.number,
          heading: section.heading,
        })),
      },
    },
    select: { id: true, label: true },
  });
  await recordAudit(tx, { actorId: caller.id, action: 'version.name', targetType: 'response', targetId: responseId, data: { namedVersionId: named.id, label: named.label } });
  return named;
}

/** Moves the deadline of a response that is open for comment (a PhaseChange from open to open). */
export async function changeDeadline(caller: Caller, slug: string, input: { deadline?: string } | unknown): Promise<PhaseChangeResult> {
  if (!can(caller, 'response:change-phase')) throw forbidden('Only coordinators can change the deadline');
  const { deadline } = parseInput(changePhaseSchema.pick({ deadline: true }), input);
  if (!deadline) throw new AppError('bad_request', 'Give the new deadline', { fields: { deadline: 'Give the deadline' } });
  if (deadline.getTime() <= Date.now()) throw new AppError('bad_request', 'The deadline must be in the future', { fields: { deadline: 'The deadline must be in the future' } });
  return db().$transaction(async (tx) => {
    const [response] = await tx.$queryRaw<{ id: string; phase: Phase }[]>`select id, phase::text as phase from "Response" where slug = ${slug} for update`;
    if (!response) throw notFound(`The response "${slug}"`);
    if (response.phase !== 'OPEN') throw new AppError('conflict', 'The deadline can be moved only while the response is open for comment; reopen it to set a new one.');
    await tx.response.update({ where: { id: response.id }, data: { deadline } });
    await tx.phaseChange.create({ data: { responseId: response.id, from: 'OPEN', to: 'OPEN', deadline, actorId: caller.id } });
    await recordAudit(tx, { actorId: caller.id, action: 'response.deadline', targetType: 'response', targetId: response.id, data: { deadline: deadline.toISOString() } });
    return { phase: 'OPEN', deadline: deadline.toISOString(), namedVersion: null };
  });
}
