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
import { MAX_CONFIG_PROBLEMS, configProblems } from '../../src/bigip/diagnostic.js';
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

/** Record keys and pool member names, good and bad, for confs whose every object must be accounted for. */
const RECORD_KEYS = ['10.0.0.1', '10.0.0.1/32', '10.0.0.0/8', '10.0.0.7/8', '2001:db8::/32', '1.2.3.4%2', 'not-an-ip', '300.1.1.1', '"quoted key"', '42', '-7', 'x'.repeat(300), '10.0.0.1/33', '::1'];
const MEMBERS = ['/Common/10.1.1.1:80', '/Common/web1:80', '/Common/2001:db8::1.443', '/Common/10.1.1.1:http', 'bad', '/Common/10.1.1.1:99999', '/Common/n:80 { address 10.1.1.300 }', '/Common/n2:80 { address 10.2.2.2 }'];

/** A conf with data groups and pools made of those pieces, and the offsets where each record key and member is written. */
const objectsConf: fc.Arbitrary<{ text: string; records: number[]; members: number[] }> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('ip', 'string', 'integer', 'colour'), fc.array(fc.constantFrom(...RECORD_KEYS), { maxLength: 12 })), { maxLength: 3 }),
    fc.array(fc.array(fc.constantFrom(...MEMBERS), { maxLength: 6 }), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([groups, pools, node]) => {
    let text = node ? 'ltm node /Common/web1 {\n    address 10.9.9.9\n}\n' : '';
    const records: number[] = [];
    const members: number[] = [];
    groups.forEach(([type, keys], g) => {
      text += `ltm data-group internal /Common/dg${g} {\n    records {\n`;
      for (const k of keys) {
        text += '        ';
        records.push(text.length);
        text += `${k} {\n            data v\n        }\n`;
      }
      text += `    }\n    type ${type}\n}\n`;
    });
    pools.forEach((list, p) => {
      text += `ltm pool /Common/p${p} {\n    members {\n`;
      for (const m of list) {
        text += '        ';
        if (m !== 'bad') members.push(text.length);
        text += m.includes('{') ? `${m}\n` : `${m} { }\n`;
      }
      text += '    }\n}\n';
    });
    return { text, records, members };
  });

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
    for (const d of diagnostics) {
      expect(d.message.startsWith('internal'), d.message).toBe(false);
      expect(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length).toBe(true);
      // Messages quote offending text as an excerpt only, so each stays short whatever the input.
      expect(d.message.length, d.message.slice(0, 120)).toBeLessThanOrEqual(MAX_MESSAGE);
    }
    // What the CLIs report: every problem but the syntax errors (which refuse the file), capped with a count.
    const reported = diagnostics.filter((d) => d.severity !== 'error' || d.ruleId !== 'config-syntax');
    const { listed, omitted } = configProblems(diagnostics);
    expect(listed.length + omitted).toBe(reported.length);
    expect(listed.length).toBe(Math.min(reported.length, MAX_CONFIG_PROBLEMS));
    expect(listed.every((d) => d.severity === 'warning')).toBe(true);
  }),
  bigipConfObjects: fc.property(objectsConf, ({ text, records, members }) => {
    count('bigipConfObjects');
    const { config, diagnostics } = parseBigipConf(text);
    const reportedAt = new Set(diagnostics.map((d) => d.range.start));
    // Nothing is dropped silently: each record and pool member is in the model, or reported where it is written.
    const kept = new Set(Object.values(config.dataGroups).flatMap((dg) => dg.records.map((r) => r.range?.start)));
    for (const at of records) expect(kept.has(at) || reportedAt.has(at), `record at ${at} in\n${text}`).toBe(true);
    const usable = new Set(Object.values(config.pools).flatMap((p) => p.members.filter((m) => m.address !== undefined).map((m) => m.range?.start)));
    for (const at of members) expect(usable.has(at) || [...reportedAt].some((r) => r >= at && r < at + 80), `member at ${at} in\n${text}`).toBe(true);
  }),
};

/** Share of the long run's inputs per target: the cheap targets take more of them. */
export const LONG_RUN_SHARE: Record<string, number> = { parser: 0.3, bigipConf: 0.25, bigipConfObjects: 0.05, linter: 0.15, formatters: 0.1, fixer: 0.15 };
