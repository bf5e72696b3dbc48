/**
 * Language server benchmark section: how long after an edit of a 5,000-line iRule its fresh
 * analysis (and so its diagnostics) is ready, debounce left out. One timed run applies an
 * incremental change to the open document exactly as `TextDocuments` does (insert or remove one
 * space of indentation in the middle of the file) and analyses the new version with the
 * server's default settings. Target: 50 ms. Nothing here reads files.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultVersion } from '../src/lint/version.js';
import { analyzeDocument, type DocumentSettings } from '../src/lsp/document.js';
import { publishedDiagnostics } from '../src/lsp/features/diagnostics.js';
import { chooseDialect } from '../src/syntax/dialect.js';
import { fmt, median, timeRuns } from './stats.js';

/** Target for fresh diagnostics after an edit, in ms. */
export const TARGET_EDIT_MS = 50;

/** One line of the report. */
export interface LspBenchRow {
  label: string;
  value: string;
  detail: string;
}

/** Runs the measurement on `large` (the 5,000-line file) and returns report rows. */
export function lspSection(input: { large: string; lines: number; runs: number }): LspBenchRow[] {
  const { large, lines, runs } = input;
  const uri = 'file:///bench/large.irule';
  let doc = TextDocument.create(uri, 'irule', 1, large);
  const settings: DocumentSettings = { dialect: chooseDialect('large.irule', large), version: defaultVersion(), rules: [], problems: [] };
  const line = Math.floor(doc.lineCount / 2);
  let findings = 0;
  const editAndAnalyse = (): void => {
    const indented = doc.getText({ start: { line, character: 0 }, end: { line, character: 1 } }) === ' ';
    const change = indented
      ? { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' }
      : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    const a = analyzeDocument(doc, settings);
    findings = publishedDiagnostics(a).length;
  };
  for (let i = 0; i < 10; i++) editAndAnalyse();
  // CPU time too: on a shared machine the wall time also counts the waits for a free core.
  const cpu: number[] = [];
  const times = timeRuns(Math.max(runs * 4, 10), () => {
    const c0 = process.cpuUsage();
    editAndAnalyse();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  });
  const ms = median(times);
  return [
    {
      label: `fresh diagnostics after an edit of a ${lines.toLocaleString('en-US')}-line iRule`,
      value: `${fmt(ms, 1)} ms`,
      detail: `median of ${times.length} runs (min ${fmt(Math.min(...times), 1)}, max ${fmt(Math.max(...times), 1)}; CPU time ${fmt(median(cpu), 1)} ms); ${findings} diagnostics; debounce not included; target ${TARGET_EDIT_MS} ms: ${ms <= TARGET_EDIT_MS ? 'met' : 'MISSED'}`,
    },
  ];
}
