/**
 * The SARIF, GitHub and compact formatters on one shared set of findings. The SARIF log is
 * validated against the official SARIF 2.1.0 JSON schema (draft-04, shipped in an npm package),
 * and the whole output is compared with a golden file with the version and paths redacted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../src/diagnostics.js';
import { allRules } from '../../src/lint/rules/index.js';
import { formatCompact } from '../../src/report/compact.js';
import { formatGithub } from '../../src/report/github.js';
import { toReportMessages, type FileReport } from '../../src/report/messages.js';
import { formatSarif, toSarif, type SarifOptions } from '../../src/report/sarif.js';

const require = createRequire(import.meta.url);
/** Ajv for JSON Schema draft-04 (the SARIF schema's dialect), loaded as CommonJS. */
const AjvDraft04 = require('ajv-draft-04') as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

const diag = (start: number, end: number, severity: Severity, ruleId: string, message: string): Diagnostic => ({ ruleId, severity, message, range: { start, end } });

/** Findings in three inputs: a relative path, an absolute path and standard input. */
function sample(): FileReport[] {
  const text = 'when HTTP_REQUEST {\n  log local0. $::x\n}\n';
  return [
    {
      filePath: '/work/rules/a b.irule',
      displayPath: 'rules/a b.irule',
      messages: toReportMessages(text, [
        diag(34, 38, 'warning', 'cmp-global-variable', 'global variable "::x", 100% demoted'),
        diag(0, 4, 'error', 'syntax-error', 'line one\nline two: a, b'),
      ]),
    },
    { filePath: '/elsewhere/b.irule', displayPath: '/elsewhere/b.irule', messages: toReportMessages(text, [diag(2, 3, 'info', 'undefined-variable', 'note')]) },
    { filePath: '<stdin>', displayPath: '<stdin>', messages: [] },
  ];
}

const options: SarifOptions = {
  rules: allRules.map((r) => ({ id: r.id, description: r.meta.description, helpUri: r.docsUrl, defaultSeverity: r.meta.defaultSeverity, category: r.meta.category })),
  version: '1.2.3',
  cwd: '/work',
};

describe('formatSarif', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatSarif(sample(), options));
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // An empty run is valid too, and the schema does catch mistakes.
    expect(validate(JSON.parse(formatSarif([], options)))).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('lists every rule with its description, default level and help link', () => {
    const driver = toSarif([], options).runs[0].tool.driver;
    expect(driver.name).toBe('irule-lint');
    expect(driver.rules?.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    const dg = driver.rules?.find((r) => r.id === 'datagroup-global-reference');
    expect(dg).toMatchObject({
      shortDescription: { text: 'Data group referenced as a global variable ($::name or ::name)' },
      helpUri: expect.stringMatching(/\/docs\/rules\/datagroup-global-reference\.md$/),
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['correctness'] },
    });
  });

  it('points results at %SRCROOT%-relative URIs, file: URIs for absolute paths, with 1-based regions', () => {
    const run = toSarif(sample(), options).runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/' } });
    expect(run.results?.map((r) => [r.ruleId, r.level, r.locations?.[0].physicalLocation?.artifactLocation, r.locations?.[0].physicalLocation?.region])).toEqual([
      ['syntax-error', 'error', { uri: 'rules/a%20b.irule', uriBaseId: '%SRCROOT%' }, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 }],
      ['cmp-global-variable', 'warning', { uri: 'rules/a%20b.irule', uriBaseId: '%SRCROOT%' }, { startLine: 2, startColumn: 15, endLine: 2, endColumn: 19 }],
      ['undefined-variable', 'note', { uri: 'file:///elsewhere/b.irule' }, { startLine: 1, startColumn: 3, endLine: 1, endColumn: 4 }],
    ]);
    const index = run.results![0].ruleIndex!;
    expect(run.tool.driver.rules![index].id).toBe('syntax-error');
  });
});

describe('formatGithub', () => {
  it('prints one escaped workflow command per finding', () => {
    expect(formatGithub(sample())).toBe(
      [
        '::error file=rules/a b.irule,line=1,endLine=1,col=1,endColumn=5,title=irule-lint syntax-error::line one%0Aline two: a, b (syntax-error)',
        '::warning file=rules/a b.irule,line=2,endLine=2,col=15,endColumn=19,title=irule-lint cmp-global-variable::global variable "::x", 100%25 demoted (cmp-global-variable)',
        '::notice file=/elsewhere/b.irule,line=1,endLine=1,col=3,endColumn=4,title=irule-lint undefined-variable::note (undefined-variable)',
        '',
      ].join('\n'),
    );
  });
});

describe('formatCompact', () => {
  it('prints file:line:col: severity: message [rule] lines and nothing for a clean run', () => {
    expect(formatCompact(sample())).toBe(
      [
        'rules/a b.irule:1:1: error: line one\nline two: a, b [syntax-error]',
        'rules/a b.irule:2:15: warning: global variable "::x", 100% demoted [cmp-global-variable]',
        '/elsewhere/b.irule:1:3: info: note [undefined-variable]',
        '',
      ].join('\n'),
    );
    expect(formatCompact([sample()[2]])).toBe('');
  });
});
