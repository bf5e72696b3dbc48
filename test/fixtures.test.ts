/**
 * The fixture files against the parser: correct iRules and Tcl scripts parse without a syntax
 * error, broken ones report one on the line named in their `# expect-syntax-error: line N`
 * header and still yield a tree for the rest of the file. Also pins the BIG-IP quirk the seed
 * rule depends on (`if { ... }` with its `{` on the next line) and checks that the bench
 * generator produces valid iRules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus, generateLargeFile, type Template } from '../bench/corpus.js';
import type { BracedWord, Command, Dialect, Proc, Script, When, Word } from '../src/syntax/ast.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { parse } from '../src/syntax/index.js';
import { LineIndex } from '../src/syntax/line-index.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Names of the files in a fixture folder with the given extension, sorted. */
function filesIn(dir: string, ext: string): string[] {
  return readdirSync(new URL(dir, FIXTURES))
    .filter((name) => name.endsWith(ext))
    .sort()
    .map((name) => `${dir}${name}`);
}

/** A fixture's text. */
function read(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** The syntax errors among diagnostics. */
function syntaxErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId === 'syntax-error');
}

/** `line N: message` for each diagnostic, so a failing assertion shows what went wrong. */
function located(text: string, diagnostics: Diagnostic[]): string[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => `line ${index.position(d.range.start).line + 1}: ${d.message}`);
}

/** A word's value when it is literal text (bare or quoted without substitutions, or braced). */
function literal(word: Word | undefined): string | undefined {
  if (!word) return undefined;
  if (word.type === 'BracedWord') return word.text;
  if (word.type === 'BareWord' || word.type === 'QuotedWord') {
    if (!word.parts.every((p) => p.type === 'Text' || p.type === 'Escape')) return undefined;
    return word.parts.map((p) => (p.type === 'Text' || p.type === 'Escape' ? p.value : '')).join('');
  }
  return undefined;
}

/** Every object with a `type` field anywhere below `node` (the AST has no cycles). */
function allNodes(node: unknown, out: { type: string }[] = []): { type: string }[] {
  if (Array.isArray(node)) {
    for (const item of node) allNodes(item, out);
  } else if (node !== null && typeof node === 'object') {
    if (typeof (node as { type?: unknown }).type === 'string') out.push(node as { type: string });
    for (const value of Object.values(node)) {
      if (value !== null && typeof value === 'object') allNodes(value, out);
    }
  }
  return out;
}

/**
 * The `when` events and `proc` names the tree knows about, lifted or not: a `when` swallowed by
 * an unclosed brace may survive only as a plain command inside another body.
 */
function handlersIn(ast: Script): Set<string> {
  const found = new Set<string>();
  for (const node of allNodes(ast)) {
    if (node.type === 'When') found.add(`when ${(node as When).event}`);
    if (node.type === 'Proc') found.add(`proc ${(node as Proc).name}`);
    if (node.type === 'Command') {
      const [head, name] = (node as Command).words;
      const kw = literal(head);
      if ((kw === 'when' || kw === 'proc') && literal(name)) found.add(`${kw} ${literal(name)}`);
    }
  }
  return found;
}

/** The commands (not comments) of a script. */
function commandsOf(script: Script): Command[] {
  return script.body.filter((s): s is Command => s.type === 'Command');
}

const irules = [...filesIn('seed/', '.irule'), ...filesIn('parser/', '.irule')];
const tclScripts = filesIn('parser/tcl/', '.tcl');
const broken = [...filesIn('parser/broken/', '.irule'), ...filesIn('parser/broken/', '.tcl')];

describe('correct fixtures', () => {
  it('finds the fixture files', () => {
    expect(irules.length).toBeGreaterThanOrEqual(18);
    expect(tclScripts.length).toBeGreaterThanOrEqual(3);
    expect(broken.length).toBeGreaterThanOrEqual(4);
  });

  it.each(irules)('%s parses without a syntax error in the irule dialect', (path) => {
    const text = read(path);
    const { ast, diagnostics } = parse(text, { dialect: 'irule' });
    expect(located(text, syntaxErrors(diagnostics))).toEqual([]);
    expect(ast.type).toBe('Script');
    expect(ast.body.some((s) => s.type === 'When')).toBe(true);
  });

  it.each(tclScripts)('%s parses without a syntax error in the tcl dialect', (path) => {
    const text = read(path);
    const { ast, diagnostics } = parse(text, { dialect: 'tcl' });
    expect(located(text, syntaxErrors(diagnostics))).toEqual([]);
    expect(ast.body.filter((s) => s.type !== 'Comment').length).toBeGreaterThan(3);
  });
});

/**
 * Broken fixtures the parser does not yet diagnose as expected, with the reason. These run as
 * expected failures (`it.fails`): once the parser is fixed the test fails, and the entry goes.
 */
const KNOWN_PARSER_BUGS: Record<string, string> = {};

describe('broken fixtures', () => {
  for (const path of broken) {
    const test = KNOWN_PARSER_BUGS[path] ? it.fails : it;
    test(`${path} reports a syntax error on the expected line and keeps the rest`, () => {
      const text = read(path);
      const header = /^# expect-syntax-error: line (\d+)$/m.exec(text);
      expect(header, `${path} needs a "# expect-syntax-error: line N" header`).not.toBeNull();
      const expectedLine = Number(header![1]);
      const dialect: Dialect = path.endsWith('.tcl') ? 'tcl' : 'irule';

      const { ast, diagnostics } = parse(text, { dialect });
      const errors = located(text, syntaxErrors(diagnostics));
      expect(errors.some((e) => e.startsWith(`line ${expectedLine}:`)), errors.join('\n')).toBe(true);

      // The tree still covers the whole file, and every handler written in it is in the tree.
      expect(ast.range.start).toBe(0);
      expect(ast.range.end).toBeGreaterThanOrEqual(text.trimEnd().length);
      const written = [...text.matchAll(/^(when|proc)\s+([A-Za-z_:0-9]+)/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect(written.length).toBeGreaterThanOrEqual(2);
      const found = handlersIn(ast);
      for (const handler of written) expect([...found], handler).toContain(handler);
    });
  }
});

describe('seed rule: "if { ... }" with its "{" on the next line', () => {
  const v10 = read('seed/smtp_irule_v10.irule');

  it('is one if command with the body as a word in the irule dialect', () => {
    const { ast } = parse(v10, { dialect: 'irule' });
    const when = ast.body.find((s): s is When => s.type === 'When');
    expect(when?.event).toBe('CLIENT_ACCEPTED');
    expect(when?.body).toBeDefined();

    const outer = commandsOf(when!.body!);
    expect(outer.map((c) => literal(c.words[0]))).toEqual(['set', 'if']);
    const outerIf = outer[1];
    expect(outerIf.words.map((w) => w.type)).toEqual([
      'BareWord', 'BracedWord', 'BracedWord', 'BareWord', 'BracedWord',
    ]);
    expect(literal(outerIf.words[3])).toBe('else');

    // The then-body starts with the "{" alone on line 5 and holds the inner if, shaped alike.
    const index = new LineIndex(v10);
    const thenWord = outerIf.words[2] as BracedWord;
    expect(index.position(thenWord.range.start).line + 1).toBe(5);
    expect(thenWord.parsed?.type).toBe('Script');
    const inner = commandsOf(thenWord.parsed as Script);
    expect(inner).toHaveLength(1);
    expect(literal(inner[0].words[0])).toBe('if');
    expect(inner[0].words).toHaveLength(5);
    expect(index.position(inner[0].words[2].range.start).line + 1).toBe(7);
  });

  it('splits into two commands in the tcl dialect, as Tcl does', () => {
    const open = v10.indexOf('{');
    const body = v10.slice(open + 1, v10.lastIndexOf('}'));
    const { ast } = parse(body, { dialect: 'tcl' });
    const commands = commandsOf(ast);
    expect(literal(commands[1].words[0])).toBe('if');
    expect(commands[1].words).toHaveLength(2);
    expect(commands[2].words[0].type).toBe('BracedWord');
  });
});

describe('bench corpus generator', () => {
  const templates: Template[] = irules.map((name) => ({ name, text: read(name) }));

  it('produces corpus files without syntax errors', () => {
    const files = generateCorpus(7, templates, 150_000);
    expect(files.length).toBeGreaterThan(20);
    const failing = files
      .map((text, i) => ({ i, errors: located(text, syntaxErrors(parse(text, { dialect: 'irule' }).diagnostics)) }))
      .filter((f) => f.errors.length > 0);
    expect(failing).toEqual([]);
  });

  it('produces a 5,000-line file without syntax errors', () => {
    const text = generateLargeFile(11, 5000);
    expect(text.split('\n')).toHaveLength(5001);
    expect(located(text, syntaxErrors(parse(text, { dialect: 'irule' }).diagnostics))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(generateCorpus(3, templates, 20_000)).toEqual(generateCorpus(3, templates, 20_000));
  });
});
