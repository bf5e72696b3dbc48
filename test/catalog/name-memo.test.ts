import { describe, expect, it } from 'vitest';
import { getCommand } from '../../src/catalog/load.js';
import { memoName, NameMemo } from '../../src/catalog/name-memo.js';

describe('memoName', () => {
  it("keeps the catalog's own copy of a known name, not the string looked up", () => {
    const spec = getCommand('HTTP::uri')!;
    const text = 'when HTTP_REQUEST { log [HTTP::uri] }';
    const slice = text.slice(text.indexOf('HTTP::uri'), text.indexOf('HTTP::uri') + 'HTTP::uri'.length);
    expect(memoName(slice, spec)).toBe(spec.name);
  });

  it('keeps a short unknown name and nothing for a long one (which may be a slice of a whole file)', () => {
    expect(memoName('my_proc', undefined)).toBe('my_proc');
    expect(memoName('a_rather_long_procedure_name', null)).toBeUndefined();
  });
});

describe('NameMemo', () => {
  it('answers for the name a slot holds, and forgets it when another name takes the slot', () => {
    const memo = new NameMemo<number>(4);
    const a = memo.slot('abc');
    expect(memo.holds(a, 'abc')).toBe(false);
    memo.remember(a, 'abc', 1);
    expect(memo.holds(a, 'abc')).toBe(true);
    expect(memo.value(a)).toBe(1);
    // Find another name in the same slot.
    let other = 'x';
    while (memo.slot(other) !== a || other === 'abc') other += 'y';
    memo.remember(a, other, 2);
    expect(memo.holds(a, 'abc')).toBe(false);
    expect(memo.holds(a, other)).toBe(true);
    expect(memo.value(a)).toBe(2);
  });

  it('remembers nothing without a name it may keep', () => {
    const memo = new NameMemo<number>(8);
    const s = memo.slot('abc');
    memo.remember(s, undefined, 5);
    expect(memo.holds(s, 'abc')).toBe(false);
  });

  it('getCommand gives the same spec from its memo as on the first lookup, and undefined for unknown names', () => {
    const first = getCommand('class');
    expect(first?.name).toBe('class');
    expect(getCommand('class')).toBe(first);
    expect(getCommand('no_such_command_here')).toBeUndefined();
    expect(getCommand('no_such_command_here')).toBeUndefined();
    expect(getCommand('::class')).toBe(first);
  });
});
