/** The package version, inlined from package.json at build time (scripts/build.mjs, vitest.config.ts). */

declare const __IRULE_LINT_VERSION__: string | undefined;

/** The version string printed by `--version` (`0.0.0-dev` when run unbundled without a define). */
export const VERSION: string =
  typeof __IRULE_LINT_VERSION__ === 'string' ? __IRULE_LINT_VERSION__ : '0.0.0-dev';
