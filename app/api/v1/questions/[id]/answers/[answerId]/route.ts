import { apiRoute } from '@/lib/api/respond';
import { unmapAnswer } from '@/lib/consultation-form/mutations';

/** Takes the section or passage off the question (marked removed, never deleted). */
export const DELETE = apiRoute<{ id: string; answerId: string }>(async ({ caller, params }) => unmapAnswer(caller, params.id, params.answerId));
