import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { hoverAt } from '../../src/lsp/features/hover.js';
import type { SourceFile } from '../../src/lsp/procs.js';
import { sourceFile, withCursor, type DocOptions } from './helpers.js';

const CONF = `ltm data-group internal /Common/allowed {
    records {
        10.1.0.0/16 { data branch }
    }
    type ip
}
ltm pool /Common/web_pool {
    members {
        /Common/10.0.0.1:80 { address 10.0.0.1 }
    }
}
ltm snatpool /Common/out_snat {
    members { /Common/10.9.9.9 }
}
`;

/** The hover text at the marker, or null. */
function hoverText(marked: string, options?: DocOptions, files: SourceFile[] = []): string | null {
  const { a, offset } = withCursor(marked, options);
  const h = hoverAt(a, offset, files);
  return h ? (h.contents as MarkupContent).value : null;
}

describe('hover', () => {
  it('shows a command synopsis, summary, events and reference link from the catalog', () => {
    const text = hoverText('when HTTP_REQUEST {\n  HTTP::he<|>ader insert X-A 1\n}')!;
    expect(text).toContain('**`HTTP::header`**');
    expect(text).toMatch(/```tcl\nHTTP::header/);
    expect(text).toContain('In `HTTP_REQUEST`: valid.');
    expect(text).toMatch(/Valid in `HTTP_REQUEST`/);
    expect(text).toContain('[Reference](https://clouddocs.f5.com/api/irules/HTTP__header.html)');
  });

  it('shows the synopsis of the subcommand under the cursor only', () => {
    const text = hoverText('when HTTP_REQUEST {\n  if {[class mat<|>ch [IP::client_addr] equals allowed]} { drop }\n}')!;
    expect(text).toContain('**`class match`**');
    expect(text).toContain('class match [<options>]');
    expect(text).not.toContain('class lookup');
  });

  it('says a command is deprecated at the configured version', () => {
    expect(hoverText('when HTTP_REQUEST {\n  if {[match<|>class [IP::client_addr] equals allowed]} { drop }\n}', { version: '11.1' })).toMatch(
      /Deprecated.*applies to the configured 11\.1.*class match/,
    );
  });

  it('says when a command or a subcommand is newer than the configured version', () => {
    expect(hoverText('when CLIENT_DATA {\n  UDP::ho<|>ld\n}', { version: '11.1' })).toMatch(/since BIG-IP 14\.1\.0: \*\*not available\*\* in the configured 11\.1/);
    expect(hoverText('when CLIENT_DATA {\n  UDP::ho<|>ld\n}', { version: '15.1' })).toContain('Available since BIG-IP 14.1.0.');
    expect(hoverText('when HTTP_REQUEST {\n  log [event in<|>fo]\n}', { version: '10.2' })).toMatch(/`event info` since BIG-IP 11\.0\.0: \*\*not available/);
  });

  it('judges the command in the enclosing event', () => {
    expect(hoverText('when RULE_INIT {\n  po<|>ol p\n}')).toContain('In `RULE_INIT`: **not valid**');
  });

  it('describes an event: what it is, its profile', () => {
    const text = hoverText('when HTTP_REQ<|>UEST {\n  drop\n}')!;
    expect(text).toContain('**`when HTTP_REQUEST`**');
    expect(text).toContain('`HTTP` profile');
    expect(text).toContain('clouddocs.f5.com');
  });

  it('lists the commands that fire an event that commands trigger', () => {
    expect(hoverText('when HTTP_REQUEST_DA<|>TA {\n  drop\n}')).toMatch(/Fired by .*`HTTP::collect`/);
  });

  it('says where a variable is set, across the handlers of the connection', () => {
    const text = hoverText('when CLIENT_ACCEPTED {\n  set dest 1\n}\nwhen HTTP_REQUEST {\n  log local0. $de<|>st\n}')!;
    expect(text).toContain('**`$dest`** — connection variable');
    expect(text).toContain('line 2: `set`');
  });

  it('keeps a proc variable to its proc', () => {
    const text = hoverText('proc p {dest} {\n  return $de<|>st\n}\nwhen HTTP_REQUEST {\n  set dest 2\n}')!;
    expect(text).toContain('variable of proc `p`');
    expect(text).toContain('line 1: parameter');
    expect(text).not.toContain('line 5');
  });

  it('shows a data group, pool and SNAT pool from bigip.conf', () => {
    const dg = hoverText('when CLIENT_ACCEPTED {\n  if {[class match [IP::client_addr] equals allo<|>wed]} { drop }\n}', { bigip: CONF })!;
    expect(dg).toContain('**data group** `/Common/allowed` (bigip.conf line 1)');
    expect(dg).toContain('10.1.0.0/16 := branch');
    expect(hoverText('when CLIENT_ACCEPTED {\n  pool web_po<|>ol\n}', { bigip: CONF })).toContain('/Common/10.0.0.1:80');
    expect(hoverText('when CLIENT_ACCEPTED {\n  snatpool out<|>_snat\n}', { bigip: CONF })).toContain('10.9.9.9');
  });

  it('says when an object is missing or no bigip.conf is configured', () => {
    expect(hoverText('when CLIENT_ACCEPTED {\n  pool nop<|>e\n}', { bigip: CONF })).toContain('not found in the configured bigip.conf');
    expect(hoverText('when CLIENT_ACCEPTED {\n  pool nop<|>e\n}')).toContain('no bigip.conf is configured');
  });

  it('shows a called proc with its parameters and rule', () => {
    const lib = sourceFile('file:///w/lib.irule', 'proc helper {a {b 2}} {}\n');
    expect(hoverText('proc own {x} {}\nwhen HTTP_REQUEST {\n  call o<|>wn 1\n}')).toBe('**proc** `own` {x}');
    expect(hoverText('when HTTP_REQUEST {\n  call lib::hel<|>per 1\n}', {}, [lib])).toBe('**proc** `lib::helper` {a {b 2}} in `lib`');
    expect(hoverText('when HTTP_REQUEST {\n  call lib::nope<|>\n}', {}, [lib])).toBe('**proc** `lib::nope` — not found in the workspace');
  });

  it('shows nothing on plain text or a literal argument', () => {
    expect(hoverText('when HTTP_REQUEST {\n  log local0. hel<|>lo\n}')).toBeNull();
    expect(hoverText('# a com<|>ment\n')).toBeNull();
  });
});
