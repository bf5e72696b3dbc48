// Test configuration: every test/**/*.test.ts in a Node environment. The version define mirrors
// scripts/build.mjs so in-process CLI tests see the real package version.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  define: { __IRULE_LINT_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Bundles dist/ first, so subprocess tests of dist/cli/irule-lint.js never see a stale build.
    globalSetup: ['test/cli/global-setup.ts'],
    // Differential tests against tclsh and subprocess CLI tests are slower than unit tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
