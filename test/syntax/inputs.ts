/**
 * Inputs shared by the syntax tests that compare two ways of doing one thing (the hand-written
 * lexer against Chevrotain's, the parser's shortcuts against its DSL): the fixture files, and
 * property runs over generated scripts and random text.
 */
import fc from 'fast-check';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mutated, tclScript } from '../oracle/generators.js';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.irule` and `.tcl` file under `dir` (default: fixtures/), as absolute paths in sorted order. */
export function fixtureFiles(dir = join(repoRoot, 'fixtures')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtureFiles(full));
    else if (/\.(irule|tcl)$/.test(name)) out.push(full);
  }
  return out;
}

/** Runs `check` on generated Tcl scripts and damaged copies of them. */
export function onGeneratedScripts(check: (text: string) => void): void {
  fc.assert(fc.property(fc.oneof(tclScript(2), mutated(tclScript(2))), check), { numRuns: 300 });
}

/** Runs `check` on random strings of up to 40 characters from `alphabet`. */
export function onRandomText(alphabet: string, check: (text: string) => void): void {
  const chars = fc.constantFrom(...alphabet.split(''));
  fc.assert(fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), check), { numRuns: 1000 });
}
