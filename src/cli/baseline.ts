/**
 * `--baseline <file>`: a record of accepted findings, so a run reports only new ones. A finding
 * is matched by file (relative to the baseline's folder), rule, message and the text of its
 * source line (trimmed), not by line number, so edits elsewhere in the file do not revive it.
 * Matching counts: two identical findings in the baseline accept two, not three.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../syntax/line-index.js';
import { describeFsError, UsageError } from './errors.js';

/** One accepted finding. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  message: string;
  /** The finding's source line, trimmed. */
  source: string;
  /** How many identical findings are accepted. */
  count: number;
}

/** The baseline file's contents. */
export interface BaselineFile {
  /** Format version. */
  version: 1;
  /** Accepted findings, sorted. */
  findings: BaselineEntry[];
}

/** A finding in one file, for the baseline. */
export interface FileFindings {
  /** Absolute path (or the stdin name). */
  filePath: string;
  /** The file's text. */
  text: string;
  /** Its findings. */
  diagnostics: Diagnostic[];
}

/** The key of a finding. */
function key(file: string, ruleId: string, message: string, source: string): string {
  return JSON.stringify([file, ruleId, message, source]);
}

/** The path recorded for a file: relative to the baseline's folder, with `/`. */
function recordedPath(baselineDir: string, filePath: string): string {
  return path.isAbsolute(filePath) ? path.relative(baselineDir, filePath).split(path.sep).join('/') : filePath;
}

/** The trimmed source line of a diagnostic. */
function sourceLine(lines: LineIndex, text: string, d: Diagnostic): string {
  const { line } = lines.position(d.range.start);
  const start = lines.lineStart(line);
  const next = text.indexOf('\n', start);
  return text.slice(start, next === -1 ? text.length : next).trim();
}

/** Builds the baseline of a set of findings. */
export function buildBaseline(baselineFile: string, files: readonly FileFindings[]): BaselineFile {
  const dir = path.dirname(baselineFile);
  const counts = new Map<string, BaselineEntry>();
  for (const f of files) {
    const lines = new LineIndex(f.text);
    const file = recordedPath(dir, f.filePath);
    for (const d of f.diagnostics) {
      const source = sourceLine(lines, f.text, d);
      const k = key(file, d.ruleId, d.message, source);
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { file, ruleId: d.ruleId, message: d.message, source, count: 1 });
    }
  }
  const findings = [...counts.values()].sort((a, b) => (key(a.file, a.ruleId, a.message, a.source) < key(b.file, b.ruleId, b.message, b.source) ? -1 : 1));
  return { version: 1, findings };
}

/** Removes the findings a baseline accepts; returns the rest per file, in the same order. */
export function filterByBaseline(baselineFile: string, baseline: BaselineFile, files: readonly FileFindings[]): Diagnostic[][] {
  const dir = path.dirname(baselineFile);
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(key(e.file, e.ruleId, e.message, e.source), e.count);
  return files.map((f) => {
    const lines = new LineIndex(f.text);
    const file = recordedPath(dir, f.filePath);
    return f.diagnostics.filter((d) => {
      const k = key(file, d.ruleId, d.message, sourceLine(lines, f.text, d));
      const n = left.get(k) ?? 0;
      if (n === 0) return true;
      left.set(k, n - 1);
      return false;
    });
  });
}

/** Reads a baseline file; undefined when it does not exist yet. */
export async function readBaseline(abs: string, shown: string): Promise<BaselineFile | undefined> {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read baseline '${shown}': ${describeFsError(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${shown}: not a baseline file (invalid JSON)`);
  }
  const b = data as BaselineFile;
  if (b === null || typeof b !== 'object' || b.version !== 1 || !Array.isArray(b.findings)) {
    throw new UsageError(`${shown}: not a baseline file (expected {"version": 1, "findings": [...]})`);
  }
  return b;
}

/** Writes a baseline file atomically. */
export async function writeBaseline(abs: string, shown: string, baseline: BaselineFile): Promise<void> {
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(baseline, null, 2)}\n`);
    renameSync(tmp, abs);
  } catch (err) {
    throw new UsageError(`cannot write baseline '${shown}': ${describeFsError(err)}`);
  }
}
