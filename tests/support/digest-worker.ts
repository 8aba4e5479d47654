/**
 * A digest worker in a process of its own, for tests that kill it: the real queue
 * (lib/digests/queue.ts) with short timings, so a job whose worker died is retried within
 * seconds. Prints "ready" once it takes jobs.
 */
import { startDigestQueue } from '@/lib/digests/queue';

await startDigestQueue({ schedule: false, expireInSeconds: 3, maintenanceIntervalSeconds: 1, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
console.info('ready');
