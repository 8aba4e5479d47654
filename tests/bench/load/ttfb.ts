/**
 * Time to first byte of a page under load, in its own process: `connections` clients each
 * request the page again as soon as the previous answer has fully arrived, for
 * `durationSeconds`. The time to first byte is taken when the response's status line and
 * headers arrive (Node's 'response' event), the total when the body has ended.
 * (autocannon reports only whole-response times, hence this small client.)
 */
import http from 'node:http';
import { serveRuns } from '../support/child';
import { percentile } from '../support/stats';

export type TtfbConfig = { url: string; headers: Record<string, string>; connections: number; durationSeconds: number };
export type TtfbResult = { requests: number; errors: number; statusCounts: Record<string, number>; p50Ms: number; p95Ms: number; p95TotalMs: number; meanBytes: number; throughput: number };

serveRuns<TtfbConfig, TtfbResult>(async (config) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.connections });
  const firstByte: number[] = [];
  const total: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + config.durationSeconds * 1000;

  const once = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const request = http.get(config.url, { agent, headers: config.headers }, (response) => {
        const headersAt = performance.now();
        statusCounts[response.statusCode ?? 0] = (statusCounts[response.statusCode ?? 0] ?? 0) + 1;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => {
          firstByte.push(headersAt - sent);
          total.push(performance.now() - sent);
          resolve();
        });
        response.on('error', () => (errors++, resolve()));
      });
      request.on('error', () => (errors++, resolve()));
    });

  await Promise.all(
    Array.from({ length: config.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: firstByte.length,
    errors,
    statusCounts,
    p50Ms: percentile(firstByte, 50),
    p95Ms: percentile(firstByte, 95),
    p95TotalMs: percentile(total, 95),
    meanBytes: bytes / Math.max(1, firstByte.length),
    throughput: firstByte.length / seconds,
  };
});
