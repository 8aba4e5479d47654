/**
 * HTTP load with autocannon, in its own process. Every request can carry a different
 * bearer token (rotating through `tokens`) and a unique body (`{{n}}` in the body template
 * becomes a running number), so rate limits and duplicate detection see distinct people
 * and distinct comments, as they would in real use.
 *
 * Latency percentiles are computed from every response's own time (autocannon's summary
 * has no p95).
 */
import autocannon from 'autocannon';
import { serveRuns } from '../support/child';
import { percentile } from '../support/stats';

export type HttpLoadConfig = {
  url: string;
  method?: string;
  path: string;
  connections: number;
  durationSeconds?: number;
  amount?: number;
  headers?: Record<string, string>;
  /** `{{n}}` is replaced by a number unique within this run. */
  bodyTemplate?: string;
  tokens?: string[];
  timeoutSeconds?: number;
};

export type HttpLoadResult = {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  seconds: number;
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
};

serveRuns<HttpLoadConfig, HttpLoadResult>(async (config) => {
  let counter = 0;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const started = performance.now();
  const instance = autocannon({
    url: config.url,
    connections: config.connections,
    ...(config.amount ? { amount: config.amount } : { duration: config.durationSeconds ?? 10 }),
    timeout: config.timeoutSeconds ?? 30,
    requests: [
      {
        method: (config.method ?? 'GET') as 'GET',
        path: config.path,
        headers: config.headers,
        setupRequest: (request: Record<string, unknown>) => {
          const n = counter++;
          const headers: Record<string, string> = { ...(config.headers ?? {}) };
          if (config.tokens?.length) headers.authorization = `Bearer ${config.tokens[n % config.tokens.length]}`;
          return { ...request, headers, ...(config.bodyTemplate ? { body: config.bodyTemplate.replaceAll('{{n}}', String(n)) } : {}) };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = Object.entries(statusCounts).filter(([code]) => code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
  return {
    requests: latencies.length + result.errors,
    ok,
    non2xx: latencies.length - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    seconds,
    throughput: ok / (result.duration || seconds),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    meanMs: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
  };
});
