/** BIG-IP version helpers of the catalog. */
import { describe, expect, it } from 'vitest';
import { getCommand } from '../../src/catalog/load.js';
import { formAt } from '../../src/catalog/match.js';
import {
  atLeast,
  compareVersions,
  formAvailableAt,
  isAvailableAt,
  isDeprecatedAt,
  isRemovedAt,
  parseVersion,
  unavailableAt,
} from '../../src/catalog/version.js';
import type { CommandSpec } from '../../src/catalog/types.js';

const cmd = (name: string): CommandSpec => getCommand(name)!;

describe('compareVersions', () => {
  it('compares dotted versions numerically, missing parts as 0', () => {
    expect(compareVersions('10.1.0', '9.4.8')).toBeGreaterThan(0);
    expect(compareVersions('11.5', '11.5.0')).toBe(0);
    expect(compareVersions('11.4.1', '11.5')).toBeLessThan(0);
    expect(compareVersions('17.1.0.1', '17.1')).toBeGreaterThan(0);
    expect(compareVersions('10.2.0-HF2', '10.2.0')).toBe(0);
  });

  it('parses versions and refuses other strings', () => {
    expect(parseVersion('11.5.1')).toEqual([11, 5, 1]);
    expect(parseVersion('v11')).toBeUndefined();
    expect(parseVersion('')).toBeUndefined();
    expect(() => compareVersions('eleven', '11.0')).toThrow(RangeError);
    expect(atLeast('12.1', '12.0.0')).toBe(true);
  });
});

describe('command availability', () => {
  it('knows when commands appeared', () => {
    expect(unavailableAt(cmd('class'), '9.4.8')).toBe('notYet');
    expect(isAvailableAt(cmd('class'), '10.0.0')).toBe(true);
    expect(isAvailableAt(cmd('table'), '10.0.1')).toBe(false);
    expect(isAvailableAt(cmd('table'), '10.1.0')).toBe(true);
    // no known version: assumed available
    expect(isAvailableAt(cmd('HTTP::uri'), '9.0.0')).toBe(true);
  });

  it('reports disabled and missing Tcl commands as never available', () => {
    expect(unavailableAt(cmd('exec'), '17.1')).toBe('disabled');
    expect(unavailableAt(cmd('dict'), '17.1')).toBe('absent');
    expect(isAvailableAt(cmd('set'), '17.1')).toBe(true);
  });

  it('knows deprecations and removals', () => {
    expect(isDeprecatedAt(cmd('matchclass'), '9.4.8')).toBe(false);
    expect(isDeprecatedAt(cmd('matchclass'), '10.0.0')).toBe(true);
    expect(isDeprecatedAt(cmd('http_uri'), '9.0.0')).toBe(true);
    expect(isDeprecatedAt(cmd('class'), '17.1')).toBe(false);
    expect(isRemovedAt(cmd('class'), '17.1')).toBe(false);
    expect(isRemovedAt({ name: 'x', removed: { since: '12.0.0' } }, '11.6')).toBe(false);
    expect(isRemovedAt({ name: 'x', removed: { since: '12.0.0' } }, '12.1')).toBe(true);
    expect(unavailableAt({ name: 'x', removed: { since: '12.0.0' } }, '13.0')).toBe('removed');
  });

  it('knows when options and subcommands appeared', () => {
    const reset = cmd('HTTP::respond').args?.switches?.find((s) => s.name === '-reset');
    expect(reset).toBeDefined();
    expect(formAvailableAt(reset!, '11.4.1')).toBe(false);
    expect(formAvailableAt(reset!, '11.5.0')).toBe(true);
    const info = formAt(cmd('event'), ['info'])!;
    expect(formAvailableAt(info, '10.2.4')).toBe(false);
    expect(formAvailableAt(info, '11.0')).toBe(true);
  });
});
