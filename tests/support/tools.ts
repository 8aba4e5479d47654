/**
 * Programs some checks need besides Node (LibreOffice to open an exported .docx as Word
 * users will). A check whose program is missing fails, saying what to install: a skipped
 * check reads as a pass in a green run, and would let what it guards break unseen.
 */
import { spawnSync } from 'node:child_process';

/** The path of the first of `candidates` found on PATH, or null. */
export function findTool(candidates: string[]): string | null {
  for (const candidate of candidates) {
    const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', candidate], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** `found`, or an error naming the program and how to install it. */
export function requireTool(found: string | null, what: string, install: string): string {
  if (!found) throw new Error(`${what} is not installed, so this check cannot run. ${install}`);
  return found;
}
