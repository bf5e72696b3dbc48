/**
 * Fuzz targets of issue 14, shared by the CI suite (fuzz.test.ts, a bounded number of inputs) and
 * the long run (`npm run fuzz`, the same properties with IRULE_FUZZ_RUNS inputs per target).
 *
 * Inputs: random text built from Tcl and iRule syntax pieces, mutations of every fixture, hostile
 * shapes (one piece repeated thousands of times, deep nesting, huge words), and the same for
 * bigip.conf. Properties: no uncaught exception and no internal error; a fix never breaks a file
 * that parsed and fixing twice changes nothing more; output proportional to the input or findings.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { fixText } from '../../src/lint/fix.js';
import { allRules } from '../../src/lint/rules/index.js';
import { lint, type LintOptions } from '../../src/lint/run.js';
import { parseVersion } from '../../src/lint/version.js';
import { toReportMessages, type FileReport } from '../../src/report/messages.js';
import { parse } from '../../src/syntax/index.js';
import { printAst } from '../../src/syntax/print.js';
import { FORMATS } from '../report/all-formats.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** Every fixture file with one of the extensions, recursively. */
function fixtureTexts(ext: RegExp, dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const url = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) out.push(...fixtureTexts(ext, url));
    else if (ext.test(e.name)) out.push(readFileSync(url, 'utf8'));
  }
  return out;
}

const rules = fixtureTexts(/\.(irule|tcl)$/);
const confs = fixtureTexts(/\.conf$/);
const seedConf = parseBigipConf(readFileSync(new URL('seed/bigip.conf', FIXTURES), 'utf8')).config;

/** Every rule on, with the seed configuration for the cross-checks. */
export const everyRule: LintOptions = {
  rules: [Object.fromEntries(allRules.map((r) => [r.id, 'warn' as const]))],
  bigip: seedConf,
  version: parseVersion('11.5')!,
};

const TCL_PIECES = [
  'when ', 'HTTP_REQUEST ', 'CLIENT_ACCEPTED ', 'RULE_INIT ', 'priority 10 ', 'proc ', 'call ', 'if ', 'elseif ', 'else ', 'switch ', '-glob ', '-regexp ', '-- ',
  'foreach ', 'while ', 'for ', 'catch ', 'expr ', 'set ', 'unset ', 'append ', 'lappend ', 'incr ', 'return', 'drop', 'reject', 'pool ', 'snat ', 'snatpool ',
  'class match ', 'class lookup ', 'matchclass ', 'findclass ', 'equals ', 'starts_with ', 'contains ', 'eq ', 'ne ', '== ', '&& ', '|| ', '! ', '+ ', '* ', '( ', ') ',
  'HTTP::header ', 'HTTP::uri', 'HTTP::host', 'HTTP::respond 200 content ', 'HTTP::redirect ', 'HTTP::collect', 'HTTP::release', 'IP::client_addr', 'TCP::payload',
  'log local0. ', 'table set ', 'after 100 ', 'regexp ', 'regsub ', 'string tolower ', 'lindex ', 'llength ', 'upvar ', 'global ', 'info exists ', 'static::x ',
  '$', '${', '$::', '::', '$x', '$::dg', '${::a;reject}', '$static::y', '[', ']', '{', '}', '"', '\\', '\\\n', '\n', '\r\n', ';', '#', ';#', ' ', '\t',
  'x ', 'dg ', '/Common/dg ', '10.0.0.1 ', '0x1f ', '1e3 ', '"a b" ', '{a b} ', '*', '?', '%', 'é', '😀', '\u0000', '\u00a0',
  '# irule-lint-disable-next-line unknown-command -- why\n', ';# irule-lint-disable-line undefined-variable -- ok', '# irule-lint-disable unbraced-expression\n',
  '# irule-lint-enable unbraced-expression\n', '# irule-lint-disable-line nope\n',
];

const CONF_PIECES = [
  'ltm ', 'data-group ', 'internal ', 'external ', 'pool ', 'snatpool ', 'virtual ', 'net self ', 'sys ', 'rule ', '/Common/', 'dg ', 'p1 ', 'members ', 'records ',
  'type ', 'ip ', 'string ', 'integer ', 'data ', 'address ', 'external-file-name ', 'partition ', 'rules ', 'destination ', '{', '}', '{ }', '"', '\\', '\n', ' ', '#',
  '10.0.0.0/8 ', '10.1.2.3:80 ', '2001:db8::1.443 ', '1.2.3.4%2 ', 'none ', 'key ', 'value ', 'when HTTP_REQUEST { drop }', '"quoted value" ', 'ÿ', '\r',
];

/** Random text made of pieces. */
const fromPieces = (pieces: string[], max: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { maxLength: max }).map((p) => p.join(''));

/** A source with a slice deleted, replaced or duplicated. */
const mutation = (sources: string[], pieces: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat(sources.length - 1), fc.nat(), fc.nat(60), fc.constantFrom('delete', 'insert', 'duplicate'), fc.constantFrom(...pieces))
    .map(([which, at, len, how, piece]) => {
      const src = sources[which];
      const start = at % (src.length + 1);
      if (how === 'delete') return src.slice(0, start) + src.slice(start + len);
      if (how === 'insert') return src.slice(0, start) + piece + src.slice(start);
      return src.slice(0, start) + src.slice(start, start + len).repeat(2 + (len % 5)) + src.slice(start);
    });

/** Hostile shapes: one piece (or a pair wrapping it) repeated up to thousands of times. */
const hostile = (pieces: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...pieces), fc.constantFrom(...pieces), fc.integer({ min: 1, max: 3_000 }), fc.constantFrom('flat', 'nested'))
    .map(([a, b, n, shape]) => (shape === 'flat' ? a.repeat(n) : a.repeat(n) + b + a.split('').reverse().join('').repeat(n)).slice(0, 30_000));

/** iRule and Tcl inputs. */
export const ruleInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fromPieces(TCL_PIECES, 80) },
  { weight: 4, arbitrary: mutation(rules, TCL_PIECES) },
  { weight: 1, arbitrary: hostile(TCL_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** bigip.conf inputs. */
export const confInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fromPieces(CONF_PIECES, 80) },
  { weight: 4, arbitrary: mutation(confs, CONF_PIECES) },
  { weight: 1, arbitrary: hostile(CONF_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** Longest message a finding may carry, whatever the input. */
const MAX_MESSAGE = 600;

/** No internal error, and every finding lies within the text and has a short message. */
function checkFindings(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.message.startsWith('internal'), d.message).toBe(false);
    expect(d.message.length, d.message.slice(0, 120)).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length, `${d.ruleId} ${d.range.start}-${d.range.end} in ${text.length}`).toBe(true);
  }
}

/** Syntax errors of a text. */
const parseErrors = (text: string): number => parse(text).diagnostics.filter((d) => d.severity === 'error').length;

/** Inputs tried per target in this process; the long run logs them as it goes. */
export const tried: Record<string, number> = {};
const progressLog = process.env.IRULE_FUZZ_LOG;

/** Counts an input of a target, and every 10,000 inputs appends a progress line to IRULE_FUZZ_LOG. */
function count(target: string): void {
  const n = (tried[target] = (tried[target] ?? 0) + 1);
  if (progressLog && n % 10_000 === 0) appendFileSync(progressLog, `${new Date().toISOString()} ${target}: ${n} inputs\n`);
}

/** The properties, one per target. */
export const properties: Record<string, fc.IProperty<unknown[]>> = {
  parser: fc.property(ruleInput, (text) => {
    count('parser');
    const { ast, diagnostics } = parse(text);
    checkFindings(text, diagnostics);
    // The dump is linear: each node has one line, and no line grows with the depth.
    const dump = printAst(ast, { ranges: true });
    expect(dump.length).toBeLessThanOrEqual(200 + 400 * (text.length + 1));
  }),
  linter: fc.property(ruleInput, (text) => {
    count('linter');
    checkFindings(text, lint(text, everyRule).diagnostics);
  }),
  fixer: fc.property(ruleInput, (text) => {
    count('fixer');
    const once = fixText(text, everyRule);
    checkFindings(once.text, once.diagnostics);
    if (!once.changed) return;
    if (parseErrors(text) === 0) expect(parseErrors(once.text)).toBe(0);
    const twice = fixText(once.text, everyRule);
    expect(twice.text).toBe(once.text);
  }),
  formatters: fc.property(ruleInput, fc.constantFrom('a.irule', 'dir with space/ü,%:.irule'), (text, name) => {
    count('formatters');
    const { diagnostics } = lint(text, everyRule);
    const report: FileReport = { filePath: `/work/${name}`, displayPath: name, messages: toReportMessages(text, diagnostics) };
    const empty: FileReport = { ...report, messages: [] };
    for (const [format, render] of Object.entries(FORMATS)) {
      const out = render([report]);
      // Per finding: its message (at most MAX_MESSAGE characters, up to 6 bytes each once JSON escapes
      // control characters as \u0000) and the format's fixed fields.
      expect(out.length, format).toBeLessThanOrEqual(render([empty]).length + 300 + (6 * MAX_MESSAGE + 1_500) * diagnostics.length);
      if (format === 'json' || format === 'sarif') JSON.parse(out);
      if (format === 'compact' || format === 'github') expect(out.split('\n').length - 1, format).toBe(diagnostics.length);
    }
  }),
  bigipConf: fc.property(confInput, (text) => {
    count('bigipConf');
    const { diagnostics } = parseBigipConf(text);
    let total = 0;
    for (const d of diagnostics) {
      expect(d.message.startsWith('internal'), d.message).toBe(false);
      expect(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length).toBe(true);
      total += d.message.length;
    }
    // Messages may name what they are about, but all of them together stay proportional to the text.
    expect(total).toBeLessThanOrEqual(MAX_MESSAGE * diagnostics.length + 4 * text.length);
  }),
};

/** Share of the long run's inputs per target: the cheap targets take more of them. */
export const LONG_RUN_SHARE: Record<string, number> = { parser: 0.3, bigipConf: 0.3, linter: 0.15, formatters: 0.1, fixer: 0.15 };
