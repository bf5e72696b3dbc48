import { describe, expect, it } from 'vitest';
import { parse, parseExpressionText } from '../../../src/syntax/index.js';
import type { Command, Script } from '../../../src/syntax/ast.js';
import { ifBranchPossible, truthUnder } from '../../../src/lint/utils/guards.js';

const truth = (expr: string, consts: Record<string, string>): boolean | undefined => {
  const root = parseExpressionText(expr).ast.root;
  if (!root) throw new Error(`no expression: ${expr}`);
  return truthUnder(root, new Map(Object.entries(consts)));
};

describe('flag guards', () => {
  it.each([
    ['!$r', { r: '1' }, false],
    ['!$r', { r: '0' }, true],
    ['not $r', { r: 'true' }, false],
    ['$r == 0', { r: '00' }, true],
    ['$r != 1', { r: '1' }, false],
    ['$r eq "1"', { r: '1' }, true],
    ['$r ne {yes}', { r: 'yes' }, false],
    ['!$r && [HTTP::path] eq "/"', { r: '1' }, false],
    ['!$r && [HTTP::path] eq "/"', { r: '0' }, undefined],
    ['$r || [HTTP::path] eq "/"', { r: 'on' }, true],
    ['!$r', {}, undefined],
    ['$r(x) == 1', { r: '1' }, undefined],
    ['$r == 1', { r: 'abc' }, false],
  ])('%s with %o is %s', (expr, consts, want) => {
    expect(truth(expr, consts)).toBe(want);
  });

  it('knows which if branch can run: an earlier true condition takes the if', () => {
    const cmd = parse('if { $a } { set x 1 } elseif { !$b } { set x 2 } else { set x 3 }').ast.body[0] as Command;
    const bodies = cmd.words.flatMap((w) => (w.type === 'BracedWord' && w.parsed?.type === 'Script' ? [w.parsed as Script] : []));
    expect(bodies).toHaveLength(3);
    const at = (consts: Record<string, string>) => bodies.map((b) => ifBranchPossible(cmd, b, new Map(Object.entries(consts))));
    expect(at({ a: '1' })).toEqual([true, false, false]);
    expect(at({ a: '0', b: '1' })).toEqual([false, false, true]);
    expect(at({ b: '0' })).toEqual([true, true, false]);
    expect(at({})).toEqual([true, true, true]);
  });
});
