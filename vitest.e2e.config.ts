// The end-to-end test of the VS Code extension in a real editor (code-server + Chromium): run by
// `npm run test:e2e` after packaging the extension, never by the default `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Installing code-server on a fresh machine takes a minute or two; the editor steps seconds each.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
