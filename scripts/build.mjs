// Bundles the executables with esbuild. irule-lint and irule-sim are each a small launcher
// (dist/cli/<name>.js, src/cli/launch.ts) and a program bundle beside it (<name>.bundle.cjs) that the
// launcher compiles through a V8 code cache; this script also writes that cache for the Node running
// it, from one run of each executable over the fixtures. The language server is dist/lsp/server.js
// (bin irule-lsp; the extension bundles the same entry) and, when bench/bench.ts exists, the bench is
// dist/bench/bench.js. Dependencies (chevrotain, commander) are bundled in so start-up reads one
// file. The package version is inlined from package.json. Prints nothing unless something fails.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/**
 * The catalog's JSON files enter the bundles as strings rather than as object literals: V8 parses
 * a JSON string faster than it compiles the same data as JavaScript. `grammar/events.json` and
 * `namespaces.json` are parsed when a bundle loads (`JSON.parse('...')`). The command files
 * (`grammar/commands/*.json`, 550 KB) stay unparsed until a command of that file is first looked
 * up (src/catalog/load.ts `commandData`): the language server and the bench carry each one's text
 * in a `{ lazyJson }` box; the executables' bundles carry only a `{ lazyFile }` box and read the
 * file from dist/cli/catalog/ (written below; src/cli/catalog-files.ts), so that their bundle and
 * code cache, which every start reads and deserializes whole, are a third smaller. Only default
 * imports of JSON are used (src/catalog/command-files.ts).
 */
const COMMAND_FILE = /[\\/]grammar[\\/]commands[\\/]([^\\/]+)\.json$/;
function jsonAsString(commands) {
  return {
    name: 'json-as-string',
    setup(b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
        const command = COMMAND_FILE.exec(args.path);
        const contents = !command
          ? `export default JSON.parse(${JSON.stringify(text)});`
          : commands === 'on disk'
            ? `export default { lazyFile: ${JSON.stringify(command[1])} };`
            : `export default { lazyJson: ${JSON.stringify(text)} };`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * commander loads node:child_process when it loads, for executable subcommands, which these
 * programs do not have; with the stream and net modules it brings, that cost about 26 million
 * instructions of every start. Inside commander, that require gets a stand-in that loads the
 * module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * Bundles `contents` (TypeScript importing the sources, from the repository root) on the fly,
 * without the bundles' defines, and imports it here: the build runs the sources' own functions.
 */
async function importSources(contents) {
  const out = await build({
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
    plugins: [jsonAsString('inline')],
    stdin: { contents, resolveDir: root, loader: 'ts' },
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * Checks the whole catalog against its schema (the bundles then skip that check at load, see
 * src/catalog/load.ts) and returns the newest BIG-IP version the catalog knows (the default
 * `--bigip-version`), computed by the same function the sources use. Invalid catalog data fails
 * the build.
 */
async function checkCatalogAndNewestVersion() {
  const { checkCatalog, newestKnownVersion } = await importSources(
    "export { newestKnownVersion } from './src/lint/version.ts'; export { checkCatalog } from './src/catalog/load.ts';",
  );
  try {
    checkCatalog();
  } catch (err) {
    // The message names the file, the entry and the field; the stack would quote the whole bundle.
    if (err?.name !== 'CatalogError') throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  return newestKnownVersion();
}

/**
 * The parser's grammar, recorded once here (src/syntax/grammar-snapshot.ts) and given to the
 * bundles as JSON, so their parser is built without recording it at every start.
 */
async function recordGrammar() {
  const { grammar } = await importSources(
    "import { tclParser } from './src/syntax/parser.ts'; import { snapshotOf } from './src/syntax/grammar-snapshot.ts'; export const grammar = snapshotOf(Object.values(tclParser.getGAstProductions()));",
  );
  return JSON.stringify(grammar);
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
  define: {
    __IRULE_LINT_VERSION__: JSON.stringify(pkg.version),
    __IRULE_NEWEST_VERSION__: JSON.stringify(await checkCatalogAndNewestVersion()),
    __IRULE_CATALOG_CHECKED__: 'true',
    __IRULE_GRAMMAR__: await recordGrammar(),
  },
  plugins: [jsonAsString('inline'), lazyChildProcess],
};

// A plain `env node`: `env -S` is missing from BusyBox (Alpine images). The larger young
// generation (--max-semi-space-size=64) that `npm run bench` passes for its 21 MB in-process
// corpus made no measurable difference to the CLI (user CPU, 3 runs each, folder of 1,000
// rules: 1.25 s with and without; one 5,000-line file: 0.50 s with, 0.47 s without), and
// V8 reads it only at start-up, so the executables go without it.
const shebang = '#!/usr/bin/env node';
/** ESM bundles that run as programs: commander is CommonJS and calls require() for Node built-ins, so give them a require. */
const esmProgram = {
  ...common,
  banner: {
    js: [shebang, "import { createRequire as __createRequire } from 'node:module';", 'const require = __createRequire(import.meta.url);'].join('\n'),
  },
};

/**
 * The program bundles, shaped for the launcher (src/cli/launch.ts), which compiles the file's text
 * as it is: the CommonJS wrapper `(function (exports, require, module, __filename, __dirname) {
 * ... })` is part of the file, so the launcher passes V8 the string it read instead of a copy
 * with the wrapper added; the text is pure ASCII (checked below), so reading it as latin1 gives a
 * one-byte string without UTF-8 decoding; whitespace and comments are left out and syntax is
 * shortened (names are kept, so stack traces stay readable): the file is 1.1 MB instead of
 * 1.7 MB. Reading and holding that text was a tenth of a small file's start-up.
 */
const programBundle = {
  plugins: [jsonAsString('on disk'), lazyChildProcess],
  format: 'cjs',
  charset: 'ascii',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
};

/** Launchers and the program bundles they start (launch.ts passes require and module to the bundle). */
const launched = [
  { name: 'irule-lint', launcher: 'src/cli/irule-lint.ts', program: 'src/cli/lint-program.ts', worker: 'src/cli/irule-lint-worker.ts' },
  { name: 'irule-sim', launcher: 'src/cli/irule-sim.ts', program: 'src/cli/sim-program.ts' },
];
const targets = [
  { entry: 'src/lsp/irule-lsp.ts', out: 'dist/lsp/server.js' },
  { entry: 'bench/bench.ts', out: 'dist/bench/bench.js', optional: true },
];

// The launchers are CommonJS, like the bundles they load: Node then starts them without its ESM loader.
await mkdir(join(root, 'dist/cli'), { recursive: true });
await writeFile(join(root, 'dist/cli/package.json'), '{ "type": "commonjs" }\n');
// The command files the executables' bundles leave on disk (see jsonAsString), minified.
const catalogOut = join(root, 'dist/cli/catalog');
await rm(catalogOut, { recursive: true, force: true });
await mkdir(catalogOut, { recursive: true });
// In lines (src/catalog/load.ts reads them so): the command names as a JSON list, then each
// command's JSON on a line of its own, so a run parses only the commands it meets.
for (const file of await readdir(join(root, 'grammar/commands'))) {
  if (!file.endsWith('.json')) continue;
  const data = JSON.parse(await readFile(join(root, 'grammar/commands', file), 'utf8'));
  const lines = [JSON.stringify(data.map((spec) => spec.name)), ...data.map((spec) => JSON.stringify(spec))];
  await writeFile(join(catalogOut, file.replace(/\.json$/, '.jsonl')), `${lines.join('\n')}\n`);
}
for (const { name, launcher, program, worker } of launched) {
  const bundle = `dist/cli/${name}.bundle.cjs`;
  await build({ ...common, ...programBundle, entryPoints: [program], outfile: bundle });
  const text = await readFile(join(root, bundle), 'latin1');
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`${bundle} is not ASCII: the launcher reads it as latin1`);
  const id = createHash('sha256').update(await readFile(join(root, bundle))).digest('hex').slice(0, 16);
  const define = { ...common.define, __IRULE_BUNDLE_ID__: JSON.stringify(id) };
  await build({ ...common, format: 'cjs', define, banner: { js: shebang }, entryPoints: [launcher], outfile: `dist/cli/${name}.js` });
  await chmod(join(root, 'dist/cli', `${name}.js`), 0o755);
  if (worker) await build({ ...common, format: 'cjs', define, entryPoints: [worker], outfile: `dist/cli/${name}-worker.js` });
}
for (const { entry, out, optional } of targets) {
  if (optional && !existsSync(join(root, entry))) continue;
  await build({ ...esmProgram, entryPoints: [entry], outfile: out });
  await chmod(join(root, out), 0o755);
}

/**
 * The code caches of the launched executables, for this Node, written by one run of each over
 * the fixtures (launch.ts writes a cache after a run when none was accepted). Old ones go first.
 */
const cliDir = join(root, 'dist/cli');
for (const file of await readdir(cliDir)) if (file.endsWith('.v8cache')) await rm(join(cliDir, file));
// Priming runs like the common case, one small rule: the cache then holds the functions such a run
// compiles and no more. Every function in it is deserialized at each start, used or not: primed
// over all the fixtures (969 KB) a small file cost 679 M instructions, primed over one rule (904 KB)
// 661 M; a larger run compiles the few functions it needs beyond those as it meets them.
const primers = {
  'irule-lint': ['--format', 'json', 'fixtures/seed/smtp_irule_v11.irule'],
  'irule-sim': ['fixtures/seed/smtp_irule_v11.irule', '--bigip-conf', 'fixtures/seed/bigip.conf', '--bigip-version', '11.1', '--client', '172.16.51.21', '--client', '172.16.51.23'],
};
for (const { name } of launched) {
  // A checkout without fixtures (none known) simply gets no cache: the first run writes one.
  if (!existsSync(join(root, primers[name].find((a) => a.startsWith('fixtures/'))))) continue;
  const r = spawnSync(process.execPath, [join(cliDir, `${name}.js`), ...primers[name]], {
    cwd: root,
    env: { ...process.env, IRULE_LINT_CACHE_DIR: cliDir },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`priming the code cache of ${name} failed (exit ${r.status}): ${r.stderr}`);
}
