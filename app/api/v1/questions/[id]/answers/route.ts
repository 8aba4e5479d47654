import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { mapAnswer } from '@/lib/consultation-form/mutations';

/** `{"sectionId", "passage"?}`: the section, or the quoted passage of it, answers the question. */
export const POST = apiRoute<{ id: string }>(async ({ request, caller, params }) =>
  NextResponse.json({ answer: await mapAnswer(caller, params.id, await readJson(request)) }, { status: 201 }),
);
