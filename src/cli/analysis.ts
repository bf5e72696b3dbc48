/**
 * Everything the CLI needs from the analysis core, gathered in one module so `run.ts` can load it
 * lazily: `--help`, `--version` and usage errors then never pay for building the parser.
 */
export { analyze } from '../index.js';
export { printAst } from '../syntax/print.js';
export { formatJson } from '../report/json.js';
export { toReportMessages } from '../report/messages.js';
export { formatStylish } from '../report/stylish.js';
