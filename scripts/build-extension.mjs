#!/usr/bin/env node
// Builds the VS Code extension in extension/: bundles the client (extension/src/extension.ts ->
// dist/extension.js) and the language server (src/lsp/irule-lsp.ts -> dist/server.js) as
// CommonJS with esbuild (`vscode` stays external: the editor provides it), and copies the
// generated TextMate grammar. With --package, also packs extension/irule-lint-<version>.vsix with
// @vscode/vsce; everything is bundled, so the .vsix holds no node_modules.
// Installs the extension's own dependencies (npm ci in extension/) when they are missing, and
// type-checks the client.
//
//   node scripts/build-extension.mjs [--package] [--sourcemap]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const ext = join(root, 'extension');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extPkg = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
const args = process.argv.slice(2);

/** Where `npm run package:extension` leaves the package. */
export const vsixPath = join(ext, `${extPkg.name}-${extPkg.version}.vsix`);

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

if (extPkg.version !== rootPkg.version) fail(`extension/package.json version ${extPkg.version} differs from package.json ${rootPkg.version}`);
const serverEntry = join(root, 'src', 'lsp', 'irule-lsp.ts');
if (!existsSync(serverEntry)) fail('src/lsp/irule-lsp.ts (the language server entry) is missing');
if (!existsSync(join(ext, 'node_modules', 'vscode-languageclient'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ext, stdio: 'inherit' });
}

// The client is type-checked against the VS Code API it declares (@types/vscode in extension/).
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', ext], { stdio: 'inherit' });

rmSync(join(ext, 'dist'), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: args.includes('--sourcemap'),
  define: { __IRULE_LINT_VERSION__: JSON.stringify(rootPkg.version) },
};
await build({ ...common, entryPoints: [join(ext, 'src', 'extension.ts')], outfile: join(ext, 'dist', 'extension.js'), external: ['vscode'] });
await build({ ...common, entryPoints: [serverEntry], outfile: join(ext, 'dist', 'server.js') });

mkdirSync(join(ext, 'syntaxes'), { recursive: true });
copyFileSync(join(root, 'grammar', 'irule.tmLanguage.json'), join(ext, 'syntaxes', 'irule.tmLanguage.json'));

if (args.includes('--package')) {
  const vsce = join(ext, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No repository field and no LICENSE file in extension/: say so instead of being asked.
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsixPath], {
    cwd: ext,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
