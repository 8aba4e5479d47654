/**
 * Reading an upload sent to the API as JSON ({fileName, data: base64, ...}). The body may
 * be up to 15 MB (a 10 MB file grows by a third in base64), more than readJson allows.
 */
import 'server-only';
import { refuseNulCharacters } from '@/lib/api/respond';
import { AppError } from '@/lib/errors';

const MAX_UPLOAD_BODY = 15_000_000;

export async function readUploadJson(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the file as JSON ({"fileName": "...", "data": "<base64>"}) with Content-Type: application/json');
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BODY) {
    throw new AppError('payload_too_large', 'The file is larger than 10 MB; Chorus imports files up to 10 MB.', { fields: { file: 'The file is larger than 10 MB' } });
  }
  const text = await request.text();
  if (text.length > MAX_UPLOAD_BODY) {
    throw new AppError('payload_too_large', 'The file is larger than 10 MB; Chorus imports files up to 10 MB.', { fields: { file: 'The file is larger than 10 MB' } });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // answered below
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad_request', 'The request body is not a JSON object');
  refuseNulCharacters(body);
  return body as Record<string, unknown>;
}
