/**
 * The snippets (extension/snippets/irule.json), expanded with their default placeholder values,
 * are valid iRules: the linter reports nothing on them, so a user starts from a clean shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';

const snippets = JSON.parse(readFileSync(new URL('../../extension/snippets/irule.json', import.meta.url), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

/** The text VS Code inserts when every placeholder keeps its default (a choice: its first option). */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+:((?:[^{}]|\{[^{}]*\})*)\}/g, '$1')
      .replace(/(?<!\\)\$\d+/g, '');
  }
  return text.replace(/\\\$/g, '$');
}

describe('snippets', () => {
  it('has a prefix and a description for each', () => {
    expect(Object.keys(snippets).length).toBeGreaterThanOrEqual(6);
    for (const s of Object.values(snippets)) {
      expect(s.prefix).toMatch(/^\w+$/);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });

  it.each(Object.entries(snippets))('%s expands to an iRule the linter finds nothing in', (_name, s) => {
    const code = expand(s.body);
    expect(code).not.toMatch(/\$\{|\$\d/);
    const text = /^(when|proc)\b/.test(code) ? code : `when HTTP_REQUEST {\n${code}\n}`;
    expect(analyze(text, { bigipVersion: '11.1' }).diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});
