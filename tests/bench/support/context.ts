/** What every scenario gets from the harness. */
import type { HttpLoadConfig, HttpLoadResult } from '../load/http';
import type { TtfbConfig, TtfbResult } from '../load/ttfb';
import type { RunningApp } from './app';
import type { LoadService } from './child';
import type { BenchCluster } from './cluster';
import type { BenchData } from './seed';

export type BenchContext = {
  quick: boolean;
  cluster: BenchCluster;
  data: BenchData;
  app: RunningApp;
  /** autocannon, in one process kept for the whole run. */
  http: LoadService<HttpLoadConfig, HttpLoadResult>;
  /** The time-to-first-byte client, likewise. */
  ttfb: LoadService<TtfbConfig, TtfbResult>;
  /** Progress output (stderr, so the table on stdout stays clean). */
  log(message: string): void;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the running app has a route: Next answers an unknown /api path with its 404 page
 * (HTML), while Chorus's own route handlers always answer JSON.
 */
export async function routeExists(response: Response): Promise<boolean> {
  if (response.status !== 404 && response.status !== 405) return true;
  const type = response.headers.get('content-type') ?? '';
  await response.arrayBuffer().catch(() => {});
  return type.includes('application/json');
}
