import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { createComment } from '@/lib/comments/mutations';
import { listComments } from '@/lib/comments/queries';
import { withClientKey } from '@/lib/feedback/http';

/** The section's threads, each with its replies. */
export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => ({ comments: await listComments(caller, params.id) }));

/** Posts a comment: `{body, anchor?, parentId?, clientKey?}` (or an Idempotency-Key header). */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) => {
  const { comment, created } = await createComment(caller, params.id, withClientKey(await readJson(request), request));
  return NextResponse.json({ comment }, { status: created ? 201 : 200 });
});
