/** In-process tests of the CLI core: `run(argv, io)` with captured output and temporary files. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, CLEAN, runCli, treesRemovedAfterEach } from './helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Cleanups of the temporary folders made by the current test. */
const tree = treesRemovedAfterEach();

/** The `path:line:col` locations of the stylish output lines. */
function locations(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+ /.test(l))
    .map((l) => l.split(/\s+/)[0]);
}

describe('exit codes', () => {
  it('exits 0 and prints nothing for a clean file', async () => {
    const dir = await tree({ 'ok.irule': CLEAN });
    expect(await runCli(['ok.irule'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and prints stylish findings for a file with a syntax error', async () => {
    const dir = await tree({ 'bad.irule': BROKEN, 'ok.irule': CLEAN });
    const { code, stdout, stderr } = await runCli(['ok.irule', 'bad.irule'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^bad\.irule:\d+:\d+ +error +\S.* +syntax-error$/);
    expect(stdout).toMatch(/\n\n✖ \d+ problems? \(\d+ errors?, 0 warnings\)\n$/);
  });

  it('exits 2 with one line naming a missing file, and prints no findings', async () => {
    const dir = await tree({ 'bad.irule': BROKEN });
    expect(await runCli(['bad.irule', 'nope.irule'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "irule-lint: cannot read 'nope.irule': no such file or directory\n",
    });
  });

  it('exits 2 with one line for an unknown option', async () => {
    const r = await runCli(['--bogus', 'x.irule'], '/');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "irule-lint: unknown option '--bogus' (see --help)\n" });
  });

  it.each([
    [['--format', 'xml', 'a.irule'], /^irule-lint: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are stylish, json, sarif, github, compact\. \(see --help\)\n$/],
    [['--dialect', 'perl', 'a.irule'], /^irule-lint: option '--dialect <dialect>' argument 'perl' is invalid\..*\n$/],
    [['--dialect'], /^irule-lint: option '--dialect <dialect>' argument missing \(see --help\)\n$/],
    [['--formt', 'json', 'a.irule'], /^irule-lint: unknown option '--formt' \(Did you mean --format\?\) \(see --help\)\n$/],
    [[], /^irule-lint: no files given \(pass files or folders, or '-' for standard input\)\n$/],
    [['--stdin-filename', 'x.irule', 'a.irule'], /^irule-lint: --stdin-filename needs --stdin or '-'\n$/],
  ])('exits 2 with one line for bad usage %j', async (argv, message) => {
    const r = await runCli(argv, '/');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('exits 2 for a folder without iRule or Tcl files', async () => {
    const dir = await tree({ 'notes.txt': 'x', 'node_modules/a.irule': BROKEN });
    expect(await runCli(['.'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "irule-lint: no *.irule, *.irul or *.tcl files found in '.'\n",
    });
  });
});

describe('file discovery', () => {
  it('searches folders recursively for .irule, .irul and .tcl, skipping node_modules and dot-folders', async () => {
    const dir = await tree({
      'top.irule': BROKEN,
      'a/one.irul': BROKEN,
      'a/b/two.tcl': 'set a {\n',
      'a/b/upper.IRULE': BROKEN,
      'a/readme.md': '{',
      'a/node_modules/dep.irule': BROKEN,
      'a/.git/hook.tcl': BROKEN,
      '.hidden/x.irule': BROKEN,
    });
    const { code, stdout } = await runCli(['--format', 'json', '.'], dir);
    expect(code).toBe(1);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual(['top.irule', path.join('a', 'one.irul'), path.join('a', 'b', 'two.tcl'), path.join('a', 'b', 'upper.IRULE')]);
  });

  it('lints an explicitly named file whatever its extension, once even if named twice', async () => {
    const dir = await tree({ 'rule.txt': BROKEN });
    const { code, stdout } = await runCli(['--format', 'json', 'rule.txt', './rule.txt', path.join(dir, 'rule.txt')], dir);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([path.join(dir, 'rule.txt')]);
  });

  it('shows paths relative to the working directory, and absolute ones outside it', async () => {
    const dir = await tree({ 'sub/bad.irule': BROKEN, '..odd.irule': BROKEN });
    expect(locations((await runCli(['sub'], dir)).stdout)[0]).toMatch(/^sub\/bad\.irule:/);
    expect(locations((await runCli(['..odd.irule'], dir)).stdout)[0]).toMatch(/^\.\.odd\.irule:/);
    const elsewhere = await tree({});
    const abs = path.join(dir, 'sub', 'bad.irule');
    expect(locations((await runCli([abs], elsewhere)).stdout)[0].startsWith(`${abs}:`)).toBe(true);
  });
});

describe('standard input', () => {
  it.each([[['-']], [['--stdin']]])('reads standard input with %j and names it <stdin>', async (argv) => {
    const r = await runCli([...argv, '--format', 'json'], '/', BROKEN);
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as { filePath: string; errorCount: number }[];
    expect(result.filePath).toBe('<stdin>');
    expect(result.errorCount).toBeGreaterThan(0);
  });

  it('uses --stdin-filename in the output', async () => {
    const r = await runCli(['--stdin', '--stdin-filename', 'rules/x.irule'], '/', BROKEN);
    expect(r.code).toBe(1);
    expect(locations(r.stdout)[0]).toMatch(/^rules\/x\.irule:\d+:\d+$/);
  });

  it('exits 0 for clean standard input', async () => {
    expect(await runCli(['-'], '/', CLEAN)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('lints standard input together with files, standard input first', async () => {
    const dir = await tree({ 'bad.irule': BROKEN });
    const r = await runCli(['bad.irule', '-', '--format', 'json'], dir, CLEAN);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual(['<stdin>', path.join(dir, 'bad.irule')]);
  });
});

describe('json format', () => {
  it('prints ESLint result objects with 1-based positions', async () => {
    const dir = await tree({ 'bad.irule': BROKEN, 'ok.irule': CLEAN });
    const r = await runCli(['-f', 'json', 'ok.irule', 'bad.irule'], dir);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ filePath: path.join(dir, 'ok.irule'), messages: [], errorCount: 0, warningCount: 0, infoCount: 0, dialect: 'irule' });
    const bad = results[1] as { filePath: string; messages: Record<string, unknown>[]; errorCount: number };
    expect(bad.filePath).toBe(path.join(dir, 'bad.irule'));
    expect(bad.errorCount).toBe(bad.messages.length);
    for (const m of bad.messages) {
      expect(Object.keys(m).sort()).toEqual(['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity']);
      expect(m).toMatchObject({ ruleId: 'syntax-error', severity: 2 });
      for (const k of ['line', 'column', 'endLine', 'endColumn']) expect(m[k]).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('text encodings and line ends', () => {
  /** The JSON messages for `bytes` read from a file. */
  async function messagesFor(bytes: string | Uint8Array, name = 'x.irule'): Promise<unknown[]> {
    const dir = await tree({ [name]: bytes });
    const r = await runCli(['-f', 'json', name], dir);
    expect(r.stderr).toBe('');
    // Only the parser's findings: these snippets are not meant as iRules.
    return (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[])[0].messages.filter((m) => m.ruleId === 'syntax-error');
  }

  it('reports the same positions for LF, CRLF and BOM-prefixed files', async () => {
    const lf = await messagesFor(BROKEN);
    expect(lf.length).toBeGreaterThan(0);
    expect(await messagesFor(BROKEN.replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(await messagesFor(`\uFEFF${BROKEN}`)).toEqual(lf);
    expect(await messagesFor(`\uFEFF${BROKEN.replace(/\n/g, '\r\n')}`)).toEqual(lf);
  });

  it('counts a tab as one column and CRLF as one line end', async () => {
    // The error is at the unclosed quote: line 2, column 8 (tab, "set b " is 7 units).
    const lf = 'set a 1\n\tset b "x\n';
    const expected = [{ ruleId: 'syntax-error', severity: 2, line: 2, column: 8, endLine: 2, endColumn: 9 }];
    for (const text of [lf, lf.replace(/\n/g, '\r\n'), `\uFEFF${lf}`]) {
      expect(await messagesFor(text)).toMatchObject(expected);
    }
  });

  it('counts columns after non-ASCII text in UTF-16 units', async () => {
    // "é" is one unit and "😀" two, so the quote opening "x is at column 13 (offset 12).
    expect(await messagesFor('set a "é😀" "x\n')).toMatchObject([{ line: 1, column: 13 }]);
  });

  it('strips the BOM before parsing, so the first command starts at offset 0', async () => {
    const dir = await tree({ 'x.irule': `\uFEFFset a b\r\n` });
    const r = await runCli(['--debug-ast', 'x.irule'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Command set [0,7)\n');
  });

  it('decodes invalid UTF-8 as U+FFFD instead of failing', async () => {
    const bytes = new Uint8Array([...Buffer.from('set a "'), 0xff, 0xc3, ...Buffer.from('"\nset b c\n')]);
    const dir = await tree({ 'x.irule': bytes });
    const ok = await runCli(['--rule', 'rule-structure=off', 'x.irule'], dir);
    expect(ok).toEqual({ code: 0, stdout: '', stderr: '' });
    const ast = await runCli(['--debug-ast', 'x.irule'], dir);
    expect(ast.stdout).toContain('"\uFFFD\uFFFD"');
    // Each bad byte becomes one UTF-16 unit, so the second command starts at offset 11.
    expect(ast.stdout).toContain('  Command set [11,18)\n');
  });
});

describe('dialect', () => {
  // `{*}` is argument expansion in Tcl but a plain braced word `*` on BIG-IP, so the tree shows
  // which dialect parsed the text.
  const EXPAND = 'list {*}$x\n';

  /** Whether the CLI parsed the input as Tcl (its tree has an ExpandWord). */
  async function parsedAsTcl(argv: string[], cwd: string, stdin = ''): Promise<boolean> {
    const r = await runCli(['--debug-ast', ...argv], cwd, stdin);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# dialect: (irule|tcl) \([^)\n]+\)\nScript /);
    const parsedTcl = r.stdout.includes('ExpandWord');
    // The header names the dialect the tree was parsed in.
    expect(r.stdout.startsWith(`# dialect: ${parsedTcl ? 'tcl' : 'irule'} `)).toBe(true);
    return parsedTcl;
  }

  it('parses .tcl files as Tcl and everything else as iRules', async () => {
    const dir = await tree({ 'a.tcl': EXPAND, 'b.TCL': EXPAND, 'a.irule': EXPAND, 'a.irul': EXPAND, 'a.txt': EXPAND });
    expect(await parsedAsTcl(['a.tcl'], dir)).toBe(true);
    expect(await parsedAsTcl(['b.TCL'], dir)).toBe(true);
    for (const name of ['a.irule', 'a.irul', 'a.txt']) expect(await parsedAsTcl([name], dir)).toBe(false);
  });

  it('lets --dialect override the extension', async () => {
    const dir = await tree({ 'a.tcl': EXPAND, 'a.irule': EXPAND });
    expect(await parsedAsTcl(['--dialect', 'tcl', 'a.irule'], dir)).toBe(true);
    expect(await parsedAsTcl(['--dialect', 'irule', 'a.tcl'], dir)).toBe(false);
  });

  it('treats standard input as an iRule unless --stdin-filename or --dialect says Tcl', async () => {
    expect(await parsedAsTcl(['-'], '/', EXPAND)).toBe(false);
    expect(await parsedAsTcl(['-', '--stdin-filename', 'x.tcl'], '/', EXPAND)).toBe(true);
    expect(await parsedAsTcl(['-', '--dialect', 'tcl'], '/', EXPAND)).toBe(true);
  });

  it('parses a .tcl file with top-level when blocks as an iRule, and says so in the JSON output', async () => {
    const rule = `# ${EXPAND}when HTTP_REQUEST {\n  list {*}$x\n}\n`;
    const dir = await tree({ 'redirect.tcl': rule, 'script.tcl': EXPAND });
    expect(await parsedAsTcl(['redirect.tcl'], dir)).toBe(false);
    const r = await runCli(['-f', 'json', '--rule', 'wrong-arguments=off', '--rule', 'undefined-variable=off', 'redirect.tcl', 'script.tcl'], dir);
    const results = JSON.parse(r.stdout) as { filePath: string; dialect: string }[];
    expect(results.map((x) => [path.basename(x.filePath), x.dialect])).toEqual([
      ['redirect.tcl', 'irule'],
      ['script.tcl', 'tcl'],
    ]);
  });

  it('takes the dialect from the configuration file, and --dialect over it', async () => {
    const dir = await tree({ 'irule-lint.config.json': '{ "dialect": "tcl" }', 'a.irule': EXPAND });
    const r = await runCli(['--debug-ast', 'a.irule'], dir);
    expect(r.stdout).toMatch(/^# dialect: tcl \("dialect" in irule-lint\.config\.json\)\n/);
    expect(await parsedAsTcl(['--dialect', 'irule', 'a.irule'], dir)).toBe(false);
    const bad = await tree({ 'irule-lint.config.json': '{ "dialect": "jim" }', 'a.irule': EXPAND });
    expect(await runCli(['a.irule'], bad)).toEqual({ code: 2, stdout: '', stderr: 'irule-lint: irule-lint.config.json: "dialect" must be "irule" or "tcl", not "jim"\n' });
  });

  it('gives a plain Tcl script no iRule findings: globals, open, gets and $argv are fine there', async () => {
    const script = '#!/usr/bin/env tclsh\nset ::count 0\nset f [open [lindex $argv 0]]\nwhile {[gets $f line] >= 0} { incr ::count }\nclose $f\nputs $::count\n';
    const dir = await tree({ 'count.tcl': script, 'count': script });
    expect(await runCli(['count.tcl', 'count'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    // The same text as an iRule is refused by BIG-IP in many ways.
    const asIrule = await runCli(['--dialect', 'irule', 'count.tcl'], dir);
    expect(asIrule.code).toBe(1);
    expect(asIrule.stdout).toMatch(/disabled-command/);
  });

  it('uses the dialect for findings too: text after a close-brace is an error in Tcl', async () => {
    const dir = await tree({ 'a.tcl': 'set a {x}y\n' });
    expect(await runCli(['a.tcl'], dir)).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^a\.tcl:1:10 +error +extra characters after close-brace +syntax-error\n/),
    });
  });
});

describe('--debug-ast', () => {
  it('prints the syntax tree with ranges instead of findings, and exits 0 even for broken input', async () => {
    const r = await runCli(['--debug-ast', '-'], '/', BROKEN);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# dialect: irule \(top-level when blocks\)\nScript \[0,\d+\)\n/);
    expect(r.stdout).not.toMatch(/syntax-error/);
  });

  it('labels each tree with its file when there are several inputs', async () => {
    const dir = await tree({ 'a.irule': CLEAN, 'b.tcl': 'set a b\n' });
    const r = await runCli(['--debug-ast', 'a.irule', 'b.tcl'], dir);
    expect(r.stdout).toMatch(/^== a\.irule\n# dialect: irule \(top-level when blocks\)\nScript \[0,\d+\)\n[^]*\n== b\.tcl\n# dialect: tcl \(\.tcl file without when blocks or iRule commands\)\nScript \[0,8\)\n/);
  });
});

describe('--help and --version', () => {
  it('prints usage and every option with --help, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([flag], '/');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: irule-lint \[options\] <files or folders\.\.\.>\n/);
      for (const opt of ['--format', '--dialect', '--stdin', '--stdin-filename', '--bigip-version', '--bigip-conf', '--config', '--rule', '--max-warnings', '--fix', '--fix-dry-run', '--baseline', '--update-baseline', '--debug-ast', '--version', '--help']) {
        expect(r.stdout).toContain(opt);
      }
      expect(r.stdout).toContain('Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or input problem.');
    }
  });

  it('prints the package version with --version and -v, exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await runCli([flag], '/')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });
});
