import { apiRoute, readJson } from '@/lib/api/respond';
import { removeQuestion, updateQuestion } from '@/lib/consultation-form/mutations';
import { getQuestion } from '@/lib/consultation-form/queries';

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ question: await getQuestion(caller, params.id) }));

/** Changes `number`, `text` and/or `wordLimit` (null removes the limit). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({ question: await updateQuestion(caller, params.id, await readJson(request)) }));

/** Removes the question from the form: it is marked removed, never deleted. */
export const DELETE = apiRoute<{ id: string }>(async ({ caller, params }) => removeQuestion(caller, params.id));
