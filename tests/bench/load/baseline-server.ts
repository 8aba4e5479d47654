/**
 * The bare limit for posting a comment: a plain Node `http` server with a `pg` pool (as
 * many connections as Chorus's Prisma pool) that does what Chorus must do at the least
 * for each request, in one transaction: insert the comment row and the audit row.
 *
 * No framework, no session or token lookup (the token is mapped to its person in memory),
 * no validation beyond JSON parsing: this is the ceiling Chorus is measured against.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { childMain } from '../support/child';

export type BaselineConfig = {
  databaseUrl: string;
  poolSize: number;
  /** SHA-256 hash of each token → the person's id. */
  tokenOwners: Record<string, string>;
  /** The audit action Chorus records for a new comment. */
  auditAction: string;
};

/** The audit row's data, as lib/comments/mutations.ts createComment records it for a new thread. */
function auditData(sectionId: string, anchor: unknown) {
  const exact = (anchor as { exact?: unknown } | undefined)?.exact;
  if (typeof exact !== 'string' || !exact) return { sectionId };
  return { sectionId, exact: exact.length > 200 ? `${exact.slice(0, 199)}…` : exact };
}

let counter = 0;
const newId = () => `c${randomBytes(8).toString('hex')}${(++counter).toString(36).padStart(8, '0')}`;

childMain<BaselineConfig, { served: number }>(async (config, events) => {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize });
  const owners = new Map(Object.entries(config.tokenOwners));
  let served = 0;

  const server = http.createServer((request, response) => {
    const match = /^\/api\/v1\/sections\/([^/]+)\/comments$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const authorId = owners.get(createHash('sha256').update(token).digest('hex'));
      if (!authorId) {
        response.writeHead(401).end();
        return;
      }
      let input: { body: string; anchor?: unknown; parentId?: string; clientKey?: string };
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400).end();
        return;
      }
      const id = newId();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query(
          `insert into "Comment" (id, "sectionId", "authorId", "parentId", body, anchor, "clientKey") values ($1, $2, $3, $4, $5, $6, $7)
           returning id, body, anchor, status, "createdAt"`,
          [id, match[1], authorId, input.parentId ?? null, input.body, input.anchor === undefined ? null : JSON.stringify(input.anchor), input.clientKey ?? null],
        );
        await client.query(
          `insert into "AuditEvent" (id, "actorId", action, "targetType", "targetId", data) values ($1, $2, $3, 'comment', $4, $5)`,
          [newId(), authorId, config.auditAction, id, JSON.stringify(auditData(match[1], input.anchor))],
        );
        await client.query('commit');
        served++;
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ comment: rows[0] }));
      } catch (error) {
        await client.query('rollback').catch(() => {});
        response.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message);
      } finally {
        client.release();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  events.send({ type: 'ready', port });
  await new Promise<void>((resolve) => events.on((message) => message.type === 'stop' && resolve()));
  server.close();
  await pool.end();
  return { served };
});
