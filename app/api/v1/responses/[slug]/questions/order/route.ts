import { apiRoute, readJson } from '@/lib/api/respond';
import { reorderQuestions } from '@/lib/consultation-form/mutations';

/** `{"questionIds": [...]}`: every question of the form, in the new order. */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => reorderQuestions(caller, params.slug, await readJson(request)));
