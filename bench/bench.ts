/**
 * Benchmarks. `npm run bench` bundles this file to dist/bench/bench.js and runs it.
 *
 *   node dist/bench/bench.js [--runs N] [--only parser,...] [--size MB] [--quick]
 *   node dist/bench/bench.js --dump corpus:<n> | --dump large   (print a generated file and exit)
 *   node dist/bench/bench.js --dump folder:<dir>   (write the whole-process section's folder and exit)
 *
 * The corpus is generated in memory from the fixture iRules (bench/corpus.ts) with a fixed
 * seed, so every run on every machine measures the same text. Each measurement is one
 * `Section`; to add one (lint throughput, simulator clients/s ...) write a function returning
 * rows and append it to `SECTIONS`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tuneHeap } from '../src/cli/heap.js';
import { parse } from '../src/syntax/index.js';
import { generateCorpus, generateFolder, generateLargeFile, type Template } from './corpus.js';
import { lintSection } from './lint-bench.js';
import { lspSection } from './lsp-bench.js';
import { processSection } from './process-bench.js';
import { simSection } from './sim-bench.js';
import { explainSection } from './explain-bench.js';
import { simTestSection } from './sim-test-bench.js';
import { fmt, median, timeRuns } from './stats.js';

/** Seed of the corpus generator; change it only together with published numbers. */
const CORPUS_SEED = 0x5eed2011;
/** Seed of the large single file. */
const LARGE_SEED = 0x1a4e5000;
/** Lines in the large single file. */
const LARGE_LINES = 5000;

/** Command-line settings. */
interface Options {
  /** Timed repetitions per measurement (the median is reported). */
  runs: number;
  /** Minimum corpus size in bytes. */
  corpusBytes: number;
  /** Section ids to run; empty = all. */
  only: string[];
  /** `corpus:<n>` or `large`: print that generated file and exit. */
  dump?: string;
  /** The whole-process section also counts instructions (valgrind) and page faults (GNU time). */
  counts?: boolean;
}

/** Shared inputs, built once for all sections. */
interface Context {
  options: Options;
  /** Generated corpus files. */
  corpus: string[];
  /** Total corpus size in bytes (the text is ASCII, so characters = bytes). */
  corpusBytes: number;
  /** The large single file. */
  large: string;
}

/** One line of a section's report. */
interface Row {
  label: string;
  value: string;
  detail: string;
}

/** One group of measurements. */
interface Section {
  id: string;
  title: string;
  run(ctx: Context): Row[] | Promise<Row[]>;
}

/** All sections, in report order. */
const SECTIONS: Section[] = [
  { id: 'parser', title: 'parser (irule dialect, one thread)', run: parserSection },
  {
    id: 'lint',
    title: 'lint (every rule on, one thread)',
    run: (c) => lintSection({ corpus: c.corpus, corpusBytes: c.corpusBytes, large: c.large, runs: c.options.runs }),
  },
  { id: 'lsp', title: 'LSP (default settings, one thread)', run: (c) => lspSection({ large: c.large, lines: LARGE_LINES, runs: c.options.runs }) },
  { id: 'sim', title: 'simulator (seed iRule on SMTP_VS, one thread)', run: simBenchSection },
  { id: 'explain', title: 'irule-sim --explain (every client address, one thread)', run: explainBenchSection },
  { id: 'process', title: 'whole process (cold irule-lint --format json, alternating with node -e 0)', run: processBenchSection },
  { id: 'simtest', title: 'scenario tests (irule-sim test, 1,000 tests over the seed iRule)', run: (c) => simTestSection({ root: findRepoRoot(), runs: c.options.runs }) },
];

/** Seed and size of the generated rule folder of the whole-process section. */
const FOLDER_SEED = 0xf01de2;
const FOLDER_FILES = 1000;

/** Writes the whole-process section's folder of rules to `folder` (created). */
function writeFolder(templates: Template[], folder: string): { files: number; bytes: number } {
  mkdirSync(folder, { recursive: true });
  let bytes = 0;
  const files = generateFolder(FOLDER_SEED, templates, FOLDER_FILES);
  for (const f of files) {
    writeFileSync(join(folder, f.name), f.text);
    bytes += Buffer.byteLength(f.text, 'utf8');
  }
  return { files: files.length, bytes };
}

/** Writes the generated folder to a temporary directory, times the CLI on it, removes it. */
function processBenchSection(ctx: Context): Row[] {
  const root = findRepoRoot();
  const cli = join(root, 'dist', 'cli', 'irule-lint.js');
  const dir = mkdtempSync(join(tmpdir(), 'irule-bench-'));
  try {
    const folder = join(dir, 'rules');
    const { files, bytes } = writeFolder(loadTemplates(root), folder);
    const small = join(dir, 'small.irule');
    writeFileSync(small, 'when HTTP_REQUEST {\n    if { [HTTP::host] eq "example.com" } {\n        HTTP::redirect "https://www.example.com[HTTP::uri]"\n    }\n}\n');
    return processSection({ cli, folder, files, bytes, small, runs: Math.max(ctx.options.runs * 2, 5), counts: ctx.options.counts === true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Simulated clients per second (bench/sim-bench.ts) on the seed fixtures. */
function simBenchSection(ctx: Context): Row[] {
  const seed = join(findRepoRoot(), 'fixtures', 'seed');
  const read = (name: string): string => readFileSync(join(seed, name), 'utf8');
  return simSection({
    conf: read('bigip.conf'),
    ruleV11: read('smtp_irule_v11.irule'),
    ruleV10: read('smtp_irule_v10.irule'),
    runs: ctx.options.runs,
  });
}

/** `--explain` times (bench/explain-bench.ts) on the seed fixtures and a 10,000-record data group. */
function explainBenchSection(ctx: Context): Row[] {
  const seed = join(findRepoRoot(), 'fixtures', 'seed');
  const read = (name: string): string => readFileSync(join(seed, name), 'utf8');
  return explainSection({ conf: read('bigip.conf'), ruleV11: read('smtp_irule_v11.irule'), runs: ctx.options.runs });
}

/** Parse throughput over the corpus, and the time for one large file. */
function parserSection(ctx: Context): Row[] {
  const { corpus, corpusBytes, large, options } = ctx;
  const parseAll = (): number => {
    let errors = 0;
    for (const text of corpus) {
      const { diagnostics } = parse(text, { dialect: 'irule' });
      if (diagnostics.some((d) => d.ruleId === 'syntax-error')) errors += 1;
    }
    return errors;
  };

  // The single file first, while the heap is small (after corpus passes GC pauses dominate).
  for (let i = 0; i < 10; i++) parse(large, { dialect: 'irule' });
  const largeTimes = timeRuns(Math.max(options.runs * 4, 10), () =>
    parse(large, { dialect: 'irule' }),
  );

  // Warm-up pass, which also checks the corpus is what we think it is: valid iRules.
  const filesWithErrors = parseAll();
  const corpusTimes = timeRuns(options.runs, () => parseAll());
  const mbPerSec = corpusTimes.map((ms) => corpusBytes / 1e6 / (ms / 1000));

  return [
    {
      label: 'corpus throughput',
      value: `${fmt(median(mbPerSec), 2)} MB/s`,
      detail: `median of ${options.runs} runs (min ${fmt(Math.min(...mbPerSec), 2)}, max ${fmt(Math.max(...mbPerSec), 2)}); ${fmt(median(corpusTimes) / 1000, 2)} s per pass`,
    },
    {
      label: `one ${LARGE_LINES.toLocaleString('en-US')}-line file`,
      value: `${fmt(median(largeTimes), 1)} ms`,
      detail: `median of ${largeTimes.length} runs (min ${fmt(Math.min(...largeTimes), 1)}); ${fmt(large.length / 1024, 0)} KiB`,
    },
    {
      label: 'corpus files with syntax errors',
      value: String(filesWithErrors),
      detail: filesWithErrors === 0 ? 'as expected' : 'UNEXPECTED: the generated corpus should be valid',
    },
  ];
}




/**
 * The repository root: the nearest folder holding package.json, looking upwards from the
 * running script (dist/bench/bench.js once bundled) and then from the working directory.
 */
function findRepoRoot(): string {
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : '', process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fixtures', 'parser'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('cannot find the irule-lint repository (package.json and fixtures/parser) above the bench script or the working directory');
}

/** The fixture iRules the corpus is built from, in a stable order. */
function loadTemplates(root: string): Template[] {
  const templates: Template[] = [];
  for (const dir of ['fixtures/parser', 'fixtures/seed']) {
    const full = join(root, dir);
    for (const name of readdirSync(full).filter((n) => n.endsWith('.irule')).sort()) {
      templates.push({ name: `${dir}/${name}`, text: readFileSync(join(full, name), 'utf8') });
    }
  }
  return templates;
}

/** Parse argv; exits with a usage message on nonsense. */
function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 5, corpusBytes: 21_000_000, only: [] };
  const usage = (): never => {
    process.stderr.write(
      'usage: bench [--runs N] [--only parser,...] [--size MB] [--quick] [--counts] [--dump corpus:<n>|large|folder:<dir>]\n',
    );
    process.exit(4);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => argv[++i] ?? usage();
    if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || usage());
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--size') options.corpusBytes = Math.round((Number.parseFloat(value()) || usage()) * 1e6);
    else if (arg === '--quick') {
      options.runs = 3;
      options.corpusBytes = 2_000_000;
    } else if (arg === '--dump') options.dump = value();
    else if (arg === '--counts') options.counts = true;
    else usage();
  }
  const unknown = options.only.filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.id).join(', ')}\n`);
    process.exit(4);
  }
  return options;
}

async function main(): Promise<void> {
  // The executables' V8 settings (src/cli/heap.ts), so the bench measures what users run.
  tuneHeap();
  const options = parseOptions(process.argv.slice(2));
  const templates = loadTemplates(findRepoRoot());

  const t0 = performance.now();
  const corpus = generateCorpus(CORPUS_SEED, templates, options.corpusBytes);
  const large = generateLargeFile(LARGE_SEED, LARGE_LINES);
  const genMs = performance.now() - t0;

  if (options.dump !== undefined) {
    const m = /^corpus:(\d+)$/.exec(options.dump);
    const folder = /^folder:(.+)$/.exec(options.dump);
    if (options.dump === 'large') process.stdout.write(large);
    else if (folder) writeFolder(templates, folder[1]);
    else if (m && Number(m[1]) < corpus.length) process.stdout.write(corpus[Number(m[1])]);
    else {
      process.stderr.write(`--dump wants large, folder:<new dir> or corpus:0..${corpus.length - 1}\n`);
      process.exit(4);
    }
    return;
  }

  const corpusBytes = corpus.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  const ctx: Context = { options, corpus, corpusBytes, large };
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const out: string[] = [];
  out.push(`irule-lint bench: node ${process.version}, ${process.platform}-${process.arch}, ${cpu}`);
  out.push(
    `corpus: ${corpus.length.toLocaleString('en-US')} files, ${fmt(corpusBytes / 1e6, 1)} MB from ${templates.length} templates (seed ${CORPUS_SEED.toString(16)}), generated in ${fmt(genMs / 1000, 2)} s`,
  );
  process.stdout.write(out.join('\n') + '\n');

  for (const section of SECTIONS) {
    if (options.only.length > 0 && !options.only.includes(section.id)) continue;
    const rows = await section.run(ctx);
    const width = Math.max(...rows.map((r) => r.label.length));
    const valueWidth = Math.max(...rows.map((r) => r.value.length));
    const lines = [``, section.title];
    for (const row of rows) {
      lines.push(`  ${row.label.padEnd(width)}  ${row.value.padStart(valueWidth)}  ${row.detail}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
}

await main();
