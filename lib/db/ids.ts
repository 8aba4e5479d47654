/**
 * Row ids for the few rows Chorus writes with its own SQL rather than through Prisma
 * (the one-statement write paths in lib/contributions/submit-once.ts). They have the shape of the
 * cuids Prisma gives every other row (`@default(cuid())`): a "c", the time, a counter,
 * a per-process fingerprint and randomness, in base 36, 25 characters. Ids only need to
 * be unique and opaque; sharing the shape keeps them indistinguishable in URLs and exports.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const BASE = 36;
const pad = (text: string, size: number) => text.padStart(size, '0').slice(-size);

let counter = randomBytes(4).readUInt32BE() % BASE ** 4;
const fingerprint = pad(
  (process.pid.toString(BASE) + [...hostname()].reduce((sum, char) => sum + char.charCodeAt(0), hostname().length + BASE).toString(BASE)),
  4,
);

function randomBlock(): string {
  return pad((randomBytes(4).readUInt32BE() % BASE ** 4).toString(BASE), 4);
}

/** A new id in the shape of Prisma's cuid(). */
export function newId(): string {
  counter = (counter + 1) % BASE ** 4;
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), 4)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
