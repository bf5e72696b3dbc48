#!/usr/bin/env node
// Scaffolds a lint rule: `npm run new-rule -- <rule-id> [--root <dir>]` writes
// src/lint/rules/<id>.ts, test/lint/rules/<id>.test.ts and docs/rules/<id>.md from a template,
// adds the import and the entry to the registry (src/lint/rules/index.ts, kept in order) and a
// row to the README's rule table. The new rule is a `preview` rule (off unless configured) until
// it is proven. Prints the paths it wrote; refuses to overwrite anything.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args.splice(rootAt, 2)[1] : fileURLToPath(new URL('..', import.meta.url));
const id = args[0];

if (!id || !/^[a-z]+(-[a-z]+)+$/.test(id)) {
  process.stderr.write('usage: npm run new-rule -- <rule-id>   (kebab-case, at least two words, e.g. header-injection)\n');
  process.exit(2);
}

const camel = id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const description = `One line saying what ${id} finds`;
const files = {
  [`src/lint/rules/${id}.ts`]: `// Reports ... : ... (say what BIG-IP does with it).
// Doc: docs/rules/${id}.md
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';

export default defineRule({
  id: '${id}',
  meta: {
    description: '${description}',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    preview: true,
    // ['irule'] for what only makes sense on BIG-IP (events, iRule commands...); ['irule', 'tcl'] for Tcl itself.
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      found: '{{name}} ...: ...',
    },
  },
  // Which commands the Command visitor sees, by catalog spec (undefined: not in the catalog). Keep
  // it narrow: every rule runs on every command of every file.
  commandFilter: (spec) => spec !== undefined,
  create(ctx) {
    return {
      Command(cmd) {
        const typed = typedCommand(cmd, ctx.catalog);
        if (!typed) return;
        // Read what you need from typed.spec (the catalog), never from a list of command names.
      },
    };
  },
});
`,
  [`test/lint/rules/${id}.test.ts`]: `import rule from '../../../src/lint/rules/${id}.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [inEvent('HTTP_REQUEST', 'log local0. "fine"')],
  invalid: [
    // { code: inEvent('HTTP_REQUEST', '...'), errors: [{ messageId: 'found', line: 2, column: 3 }] },
  ],
});
`,
  [`docs/rules/${id}.md`]: `# ${description}

## What it does

## Why is this bad

## Example

\`\`\`irule invalid
when HTTP_REQUEST {
}
\`\`\`

## Use instead

\`\`\`irule valid
when HTTP_REQUEST {
}
\`\`\`

## Options

None.

## References

`,
};

for (const rel of Object.keys(files)) {
  if (existsSync(join(root, rel))) {
    process.stderr.write(`new-rule: ${rel} already exists\n`);
    process.exit(1);
  }
}
for (const [rel, text] of Object.entries(files)) {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), text);
  process.stdout.write(`wrote ${rel}\n`);
}

// The registry: one import and one entry, both kept in id order.
const registryPath = join(root, 'src/lint/rules/index.ts');
const registry = await readFile(registryPath, 'utf8');
const importLine = `import ${camel} from './${id}.js';`;
const lines = registry.split('\n');
const imports = lines.filter((l) => /^import \w+ from '\.\/[a-z-]+\.js';$/.test(l));
const entries = lines.filter((l) => /^ {2}\w+,$/.test(l));
const idOf = (l) => /'\.\/([a-z-]+)\.js'/.exec(l)[1];
const sortedImports = [...imports, importLine].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
const camelOf = (l) => /import (\w+) from/.exec(l)[1];
const sortedEntries = sortedImports.map((l) => `  ${camelOf(l)},`);
let out = registry.replace(imports.join('\n'), sortedImports.join('\n'));
out = out.replace(entries.join('\n'), sortedEntries.join('\n'));
await writeFile(registryPath, out);
process.stdout.write('updated src/lint/rules/index.ts\n');

// The README's rule table (in registry order).
const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) {
  const readme = await readFile(readmePath, 'utf8');
  const row = (r) => /^\| \[`([a-z-]+)`\]\(docs\/rules\//.exec(r)?.[1];
  const rows = readme.split('\n').filter((l) => row(l) !== undefined);
  if (rows.length > 0) {
    const mine = `| [\`${id}\`](docs/rules/${id}.md) | off (preview) | ${description} |`;
    const sorted = [...rows, mine].sort((a, b) => (row(a) < row(b) ? -1 : 1));
    await writeFile(readmePath, readme.replace(rows.join('\n'), sorted.join('\n')));
    process.stdout.write('updated README.md (rule table)\n');
  }
}
process.stdout.write(`\nNext: write the rule, its cases and its page (the H1 must equal meta.description), then\n  npx vitest run test/lint\n`);
