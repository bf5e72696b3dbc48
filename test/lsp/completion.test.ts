import { describe, expect, it } from 'vitest';
import { completionsAt } from '../../src/lsp/features/completion.js';
import type { SourceFile } from '../../src/lsp/procs.js';
import { sourceFile, withCursor, type DocOptions } from './helpers.js';

const CONF = `ltm data-group internal /Common/allowed {
    records { 10.1.0.0/16 { } }
    type ip
}
ltm data-group internal /Common/blocked { type string }
ltm pool /Common/web_pool { }
ltm snatpool /Common/out_snat { members { /Common/10.9.9.9 } }
`;

/** The labels offered at the marker. */
function labels(marked: string, options?: DocOptions, files: SourceFile[] = []): string[] {
  const { a, offset } = withCursor(marked, options);
  return completionsAt(a, offset, files).map((i) => i.label);
}

describe('completion', () => {
  it('offers the commands valid in the enclosing event and leaves out the ones BIG-IP refuses there', () => {
    const inInit = labels('when RULE_INIT {\n  <|>\n}');
    expect(inInit).toContain('set');
    expect(inInit).not.toContain('pool');
    expect(inInit).not.toContain('HTTP::uri');
    const inRequest = labels('when HTTP_REQUEST {\n  HTTP::<|>\n}');
    expect(inRequest).toContain('HTTP::uri');
    expect(inRequest).toContain('pool');
  });

  it('offers every command outside a when and in a proc', () => {
    expect(labels('proc p {} {\n  <|>\n}')).toContain('HTTP::uri');
    expect(labels('<|>')).toContain('pool');
  });

  it('leaves out commands not available at the configured version', () => {
    expect(labels('when CLIENT_DATA {\n  UDP::<|>\n}', { version: '11.1' })).not.toContain('UDP::hold');
    expect(labels('when CLIENT_DATA {\n  UDP::<|>\n}', { version: '15.1' })).toContain('UDP::hold');
  });

  it('replaces the whole namespaced word being written', () => {
    const { a, offset } = withCursor('when HTTP_REQUEST {\n  HTTP::he<|>\n}');
    const item = completionsAt(a, offset).find((i) => i.label === 'HTTP::header')!;
    expect(item.textEdit).toEqual({ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 10 } }, newText: 'HTTP::header' });
  });

  it('offers event names after when', () => {
    const events = labels('when HTTP_<|>');
    expect(events).toContain('HTTP_REQUEST');
    expect(events).toContain('CLIENT_ACCEPTED');
    expect(events).not.toContain('set');
    expect(labels('when <|>')).toContain('RULE_INIT');
  });

  it('offers subcommands, then the options of the subcommand, then keywords', () => {
    const subs = labels('when HTTP_REQUEST {\n  class <|>\n}');
    expect(subs).toEqual(expect.arrayContaining(['match', 'search', 'lookup', 'exists']));
    const opts = labels('when HTTP_REQUEST {\n  class match -<|>\n}');
    expect(opts).toEqual(expect.arrayContaining(['-name', '-value', '--']));
    expect(labels('when HTTP_REQUEST {\n  class match [IP::client_addr] <|>\n}')).toEqual(
      expect.arrayContaining(['equals', 'starts_with', 'ends_with', 'contains']),
    );
  });

  it('offers subcommands for a half-written subcommand, and commands inside [...] by the enclosing event', () => {
    expect(labels('when HTTP_REQUEST {\n  class ma<|>\n}')).toContain('match');
    const inSubst = labels('when RULE_INIT {\n  set x [<|>]\n}');
    expect(inSubst).toContain('string');
    expect(inSubst).not.toContain('HTTP::uri');
  });

  it('leaves out options newer than the configured version', () => {
    expect(labels('when HTTP_REQUEST {\n  class match -<|>\n}', { version: '10.2' })).not.toContain('-all');
    expect(labels('when HTTP_REQUEST {\n  class match -<|>\n}', { version: '11.0' })).toContain('-all');
  });

  it('offers data group, pool and SNAT pool names from bigip.conf where one is expected', () => {
    expect(labels('when HTTP_REQUEST {\n  class match [IP::client_addr] equals <|>\n}', { bigip: CONF })).toEqual(['allowed', 'blocked']);
    expect(labels('when HTTP_REQUEST {\n  pool <|>\n}', { bigip: CONF })).toEqual(['web_pool']);
    expect(labels('when CLIENT_ACCEPTED {\n  snatpool <|>\n}', { bigip: CONF })).toEqual(['out_snat']);
    expect(labels('when HTTP_REQUEST {\n  pool <|>\n}')).toEqual([]);
  });

  it('offers the variables in scope after $', () => {
    const text = 'when CLIENT_ACCEPTED {\n  set client_ip 1\n}\nproc p {arg} {\n  set local 1\n}\nwhen HTTP_REQUEST {\n  foreach {k v} $l {}\n  log local0. $<|>\n}';
    const names = labels(text);
    expect(names).toEqual(expect.arrayContaining(['client_ip', 'k', 'v', 'l']));
    expect(names).not.toContain('local');
    expect(names).not.toContain('arg');
    expect(labels('proc p {arg} {\n  set local 1\n  return ${<|>}\n}\nwhen HTTP_REQUEST { set outside 1 }')).toEqual(['arg', 'local']);
  });

  it('offers variable names where the catalog expects one', () => {
    expect(labels('when HTTP_REQUEST {\n  set count 0\n  incr <|>\n}')).toContain('count');
  });

  it('offers proc names after call: this file plainly, other files with their rule name', () => {
    const other = sourceFile('file:///w/lib.irule', 'proc helper {a b} {\n  return 1\n}\n');
    const names = labels('proc local_p {} { return 2 }\nwhen HTTP_REQUEST {\n  call <|>\n}', {}, [other]);
    expect(names).toEqual(['local_p', 'lib::helper']);
  });

  it('offers nothing in a comment', () => {
    expect(labels('when HTTP_REQUEST {\n  # HTTP::<|>\n}')).toEqual([]);
    expect(labels('when HTTP_REQUEST {\n  set x 1\n  # $<|>\n}')).toEqual([]);
  });
});
