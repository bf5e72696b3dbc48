// npm `prepare`: builds dist/ (scripts/build.mjs) for `npm pack`, `npm publish`, a git install and
// `npm install` in a clone. Prints nothing on stdout: pre-commit reads the tarball name there.
//
// `npm i -g <git URL>` prepares the clone with an `npm install` that inherits the global setting
// (npm_config_global and the prefix reach the child npm through the environment), so that install
// puts nothing in the clone's node_modules and the build finds no esbuild. In that case install
// the locked build tools here first, without the global settings and without scripts (no loop
// back into this one).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(join(root, 'node_modules', 'esbuild'))) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(global|prefix|location)$/i.test(key)) delete env[key];
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const r = spawnSync(cmd, [...args, 'install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: !npm && process.platform === 'win32',
  });
  if (r.status !== 0) {
    process.stderr.write(`prepare: installing the build tools failed (${r.error?.message ?? `exit ${r.status}`})\n`);
    process.exit(1);
  }
}

await import('./build.mjs');
