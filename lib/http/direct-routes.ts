/**
 * The busiest writes, answered by a web process without going through Next.js's router.
 *
 * In the last hours before a deadline everyone posts at once, and on a comment Next.js's
 * request machinery costs more CPU than Chorus's own work (lib/cli/web.ts has the figures).
 * These routes are the very same route handlers Next.js serves (the `POST` exports of the
 * files under app/api/v1), called with a standard Request: the same authentication, checks,
 * errors, audit rows and headers, one door. Only the way the request reaches them is shorter.
 * Any other request, and any request these cannot take, goes on to Next.js unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { POST as agree } from '@/app/api/v1/comments/[id]/agree/route';
import { POST as postComment } from '@/app/api/v1/sections/[id]/comments/route';
import { POST as postSuggestion } from '@/app/api/v1/sections/[id]/suggestions/route';
import { errorResponse, withApiHeaders } from '@/lib/api/respond';
import { AppError } from '@/lib/errors';
import { withWorkAfterResponse } from '@/lib/http/after-response';

type RouteHandler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** Every direct route is a POST. */
const ROUTES: { path: RegExp; handler: RouteHandler }[] = [
  { path: /^\/api\/v1\/sections\/([^/?#]+)\/comments$/, handler: postComment },
  { path: /^\/api\/v1\/sections\/([^/?#]+)\/suggestions$/, handler: postSuggestion },
  { path: /^\/api\/v1\/comments\/([^/?#]+)\/agree$/, handler: agree },
];

/** The route handlers' own limit (lib/api/respond.ts readJson): a larger body is refused before it is read whole. */
const MAX_BODY_BYTES = 1_000_000;

function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve('too_large');
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function send(response: ServerResponse, answer: Response) {
  const body = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  headers['content-length'] = String(body.length);
  response.writeHead(answer.status, headers);
  response.end(body);
}

/**
 * Answers `request` when it is one of the direct routes and returns true; returns false
 * (having read nothing) for every other request.
 */
export async function serveDirect(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'POST' || !request.url) return false;
  const pathname = request.url.split('?', 1)[0];
  const route = ROUTES.find((candidate) => candidate.path.test(pathname));
  if (!route) return false;
  const id = decodeURIComponentSafe(route.path.exec(pathname)![1]);
  if (id === null) return false; // Next.js answers a malformed address as it always has

  const body = await readBody(request);
  if (body === 'too_large') {
    await send(response, withApiHeaders(errorResponse(new AppError('payload_too_large', 'The request body is larger than 1 MB'))));
    return true;
  }
  const headers = new Headers();
  for (let i = 0; i < request.rawHeaders.length; i += 2) headers.append(request.rawHeaders[i], request.rawHeaders[i + 1]);
  const url = `http://${request.headers.host ?? 'localhost'}${request.url}`;
  const { result: answer, after } = await withWorkAfterResponse(() =>
    route.handler(new Request(url, { method: request.method, headers, body: body.length ? new Uint8Array(body) : undefined }), { params: Promise.resolve({ id }) }),
  );
  await send(response, answer);
  for (const task of after) await task().catch((error) => console.error('[web] work after an answer failed', error));
  return true;
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
