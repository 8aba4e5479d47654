import { apiRoute, readJson } from '@/lib/api/respond';
import { updateComment, withdrawComment } from '@/lib/comments/mutations';
import { getComment } from '@/lib/comments/queries';

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ comment: await getComment(caller, params.id) }));

/** Edits the text (`body`, author only) and/or resolves or reopens the thread (`status`). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, caller, params }) => ({
  comment: await updateComment(caller, params.id, await readJson(request)),
}));

/** Withdraws the comment (author only); nothing is deleted. */
export const DELETE = apiRoute<{ id: string }>(async ({ caller, params }) => ({ comment: await withdrawComment(caller, params.id) }));
