/**
 * Vitest global setup: bundle dist/ once before any test runs, so subprocess tests never exercise
 * a stale build when vitest is run directly instead of through `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
