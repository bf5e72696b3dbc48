/** Every output format of `irule-lint`, as pure functions over reports, for tests that check them all alike. */
import { allRules } from '../../src/lint/rules/index.js';
import { formatCompact } from '../../src/report/compact.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import type { FileReport } from '../../src/report/messages.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';

const sarifRules = allRules.map((r) => ({ id: r.id, description: r.meta.description, helpUri: r.docsUrl, defaultSeverity: r.meta.defaultSeverity, category: r.meta.category }));

/** Format name to formatter. */
export const FORMATS: Record<string, (reports: readonly FileReport[]) => string> = {
  stylish: formatStylish,
  compact: formatCompact,
  json: (r) => formatJson(r as FileReport[]),
  github: formatGithub,
  sarif: (r) => formatSarif(r as FileReport[], { rules: sarifRules, version: '0.0.0-test', cwd: '/work' }),
};
