// Bundles the executables with esbuild: dist/cli/irule-lint.js, dist/cli/irule-sim.js, the language server
// dist/lsp/server.js (bin irule-lsp; the extension bundles the same entry) and, when bench/bench.ts exists,
// dist/bench/bench.js. Dependencies (chevrotain, commander) are bundled in so start-up reads one
// file. The package version is inlined from package.json. Prints nothing unless something fails.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/**
 * The catalog's JSON files enter the bundle as `JSON.parse('...')` rather than as object literals:
 * V8 parses a JSON string faster than it compiles the same data as JavaScript, and the catalog is
 * about half of the bundle. Only default imports of JSON are used (src/catalog/command-files.ts).
 */
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/**
 * The newest BIG-IP version the catalog knows (the default `--bigip-version`), computed by the
 * same function the sources use, bundled on the fly and run once here.
 */
async function newestVersion() {
  const out = await build({
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
    plugins: [jsonAsString],
    stdin: { contents: "export { newestKnownVersion } from './src/lint/version.ts';", resolveDir: root, loader: 'ts' },
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
  return (await import(url)).newestKnownVersion();
}

/** Options shared by every bundle. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  define: { __IRULE_LINT_VERSION__: JSON.stringify(pkg.version), __IRULE_NEWEST_VERSION__: JSON.stringify(await newestVersion()) },
  plugins: [jsonAsString],
  // commander is CommonJS and calls require() for Node built-ins; give the ESM bundle a require.
  banner: {
    js: [
      // A plain `env node`: `env -S` is missing from BusyBox (Alpine images). The larger young
      // generation (--max-semi-space-size=64) that `npm run bench` passes for its 21 MB in-process
      // corpus made no measurable difference to the CLI (user CPU, 3 runs each, folder of 1,000
      // rules: 1.25 s with and without; one 5,000-line file: 0.50 s with, 0.47 s without), and
      // V8 reads it only at start-up, so the executables go without it.
      '#!/usr/bin/env node',
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
    ].join('\n'),
  },
};

const targets = [
  { entry: 'src/cli/irule-lint.ts', out: 'dist/cli/irule-lint.js' },
  { entry: 'src/cli/irule-sim.ts', out: 'dist/cli/irule-sim.js' },
  { entry: 'src/lsp/irule-lsp.ts', out: 'dist/lsp/server.js' },
  { entry: 'bench/bench.ts', out: 'dist/bench/bench.js', optional: true },
];

for (const { entry, out, optional } of targets) {
  if (optional && !existsSync(join(root, entry))) continue;
  await build({ ...common, entryPoints: [entry], outfile: out });
  await chmod(join(root, out), 0o755);
}
