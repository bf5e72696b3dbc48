/**
 * The seam between the analysis core and the CLI: core code never does I/O or knows about the
 * command line, so it can run in the language server and the browser. Checked on the real
 * sources with the TypeScript parser, so comments and strings do not count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Core folders and files (relative to src/) that must stay free of I/O. */
const CORE = ['syntax', 'catalog', 'load', 'bigip', 'lint', 'sim', 'report', 'diagnostics.ts', 'index.ts'];

/** Module specifiers the core must not import. */
const FORBIDDEN = /^(node:)?(fs|fs\/promises|path|process|child_process|os)$|^commander$|^vscode-languageserver/;

/** Every .ts file under a core entry that exists. */
function coreFiles(): string[] {
  const out: string[] = [];
  const visit = (abs: string): void => {
    if (statSync(abs).isDirectory()) for (const e of readdirSync(abs)) visit(path.join(abs, e));
    else if (abs.endsWith('.ts')) out.push(abs);
  };
  for (const entry of CORE) {
    const abs = path.join(src, entry);
    try {
      statSync(abs);
    } catch {
      continue; // not written yet
    }
    visit(abs);
  }
  return out;
}

/** Forbidden imports and uses of the `process` global in one source file. */
function violations(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) spec = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      spec = node.arguments[0];
    }
    if (spec && ts.isStringLiteral(spec) && FORBIDDEN.test(spec.text)) found.push(`imports ${spec.text}`);
    if (ts.isIdentifier(node) && node.text === 'process') {
      const p = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node);
      if (!isMemberName) found.push('uses process');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('core / CLI seam', () => {
  it('finds forbidden imports and the process global, but not mentions in comments or strings', () => {
    expect(violations('a.ts', "import { readFile } from 'node:fs';\nimport path from 'path';")).toEqual(['imports node:fs', 'imports path']);
    expect(violations('b.ts', 'const x = process.env.X; export * from "commander";')).toEqual(['uses process', 'imports commander']);
    expect(violations('c.ts', "// process and node:fs\nconst s = 'node:fs process'; const o = { process: 1 }; o.process;")).toEqual([]);
  });

  it('keeps core code free of file system, process and commander', () => {
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${path.relative(src, f)}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('keeps the simulator and the load check independent of the linter', () => {
    const bad: string[] = [];
    for (const f of coreFiles()) {
      const rel = path.relative(src, f);
      if (!/^(sim|load)[\\/]/.test(rel)) continue;
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      sf.forEachChild((node) => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
          const target = path.relative(src, path.resolve(path.dirname(f), node.moduleSpecifier.text));
          if (/^lint[\\/]/.test(target)) bad.push(`${rel}: imports ${node.moduleSpecifier.text}`);
        }
      });
    }
    expect(bad).toEqual([]);
  });
});
