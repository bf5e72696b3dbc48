import { describe, expect, it } from 'vitest';
import { isObjectHeaderLine, parseTmsh, printTmsh } from '../../src/bigip/tmsh.js';

/** Line:column:message of each diagnostic, for compact assertions. */
function diags(text: string): string[] {
  return parseTmsh(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('parseTmsh tree', () => {
  it('reads nested objects, quoted words and comments', () => {
    const text = [
      '#TMSH-VERSION: 13.1.1',
      '',
      'ltm monitor http /Common/my_http {',
      '    defaults-from /Common/http',
      '    send "GET /health HTTP/1.1\\r\\nHost: \\"x\\"\\r\\n\\r\\n"',
      '    # an indented comment',
      '}',
      'ltm data-group internal /Common/dg { records { a { data "1 2" } b { } } type string }',
      'sys global-settings { gui-setup disabled hostname bigip1.example.com }',
    ].join('\n');
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    expect(document.comments.map((c) => c.text)).toEqual(['#TMSH-VERSION: 13.1.1', '# an indented comment']);
    expect(printTmsh(document)).toMatchInlineSnapshot(`
      "ltm monitor http /Common/my_http {
        defaults-from /Common/http
        send "GET /health HTTP/1.1\\\\r\\\\nHost: \\"x\\"\\\\r\\\\n\\\\r\\\\n"
      }
      ltm data-group internal /Common/dg {
        records {
          a {
            data "1 2"
          }
          b { }
        }
        type string
      }
      sys global-settings {
        gui-setup disabled hostname bigip1.example.com
      }"
    `);
  });

  it('unescapes only \\" and \\\\ in quoted words and keeps ranges on the quotes', () => {
    const text = 'x { k "a\\"b\\\\c\\nd" }';
    const word = (parseTmsh(text).document.entries[0].body as { entries: { words: { text: string; range: unknown }[] }[] })
      .entries[0].words[1];
    expect(word.text).toBe('a"b\\c\\nd');
    expect(word.range).toEqual({ start: 6, end: text.length - 2 });
  });

  it('keeps a multi-line quoted value as one word', () => {
    const text = 'ltm data-group internal /Common/d {\n records {\n  k { data "line one\n line two" }\n }\n type string\n}\n';
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    expect(printTmsh(document)).toContain('data "line one\\n line two"');
  });

  it('treats # after a word as part of the line, not a comment', () => {
    const { document } = parseTmsh('ltm x /Common/y {\n  description #notacomment\n}\n');
    expect(printTmsh(document)).toContain('description #notacomment');
    expect(document.comments).toEqual([]);
  });

  it('accepts CRLF line ends', () => {
    const { document, diagnostics } = parseTmsh('ltm pool /Common/p {\r\n    members {\r\n        /Common/a:80 { }\r\n    }\r\n}\r\n');
    expect(diagnostics).toEqual([]);
    expect(printTmsh(document)).toBe('ltm pool /Common/p {\n  members {\n    /Common/a:80 { }\n  }\n}');
  });

  it('parses unknown modules and v10 syntax generically', () => {
    const text = 'security firewall policy /Common/p { rules { r1 { action accept } } }\nclass c { { host 1.1.1.1 } }\n';
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    expect(document.entries.map((e) => e.words.map((w) => w.text).join(' '))).toEqual(['security firewall policy /Common/p', 'class c']);
  });
});

describe('raw iRule bodies', () => {
  const rule = [
    'when HTTP_REQUEST {',
    '    # a comment with an unbalanced quote " and a brace in a string below',
    '    set x "{"; set y "}"',
    '    if { [HTTP::uri] eq "/\\{" } { log local0. "brace \\} escaped" }',
    '    # ltm pool /Common/not-an-object { }',
    '}',
  ].join('\n');
  const text = `ltm rule /Common/tricky {\n${rule}\n}\nltm pool /Common/after { }\n`;

  it('captures the body verbatim with exact offsets', () => {
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    const body = document.entries[0].body;
    expect(body?.type).toBe('RawBlock');
    if (body?.type !== 'RawBlock') return;
    expect(body.text).toBe(`\n${rule}\n`);
    expect(text.slice(body.contentRange.start, body.contentRange.end)).toBe(body.text);
    expect(body.contentRange.start).toBe(text.indexOf('{') + 1);
    expect(document.entries[1].words.map((w) => w.text)).toEqual(['ltm', 'pool', '/Common/after']);
  });

  it('takes v10 `rule NAME {` and gtm rules raw too', () => {
    const { document } = parseTmsh('rule r { when X { "}" } }\ngtm rule /Common/g { when DNS_REQUEST { } }\n');
    expect(document.entries.map((e) => e.body?.type)).toEqual(['RawBlock', 'RawBlock']);
  });

  it('does not take data-group records raw', () => {
    const { document } = parseTmsh('ltm data-group internal /Common/rule { records { } type string }');
    expect(document.entries[0].body?.type).toBe('Block');
  });

  it('recognises object header lines', () => {
    expect(isObjectHeaderLine('ltm pool /Common/p {', 0)).toBe(true);
    expect(isObjectHeaderLine('net self /Common/s {\r\n', 0)).toBe(true);
    expect(isObjectHeaderLine('when HTTP_REQUEST {', 0)).toBe(false);
    expect(isObjectHeaderLine('snat automap', 0)).toBe(false);
    expect(isObjectHeaderLine('    ltm pool /Common/p {', 0)).toBe(false);
  });
});

describe('parseTmsh errors', () => {
  it('reports a missing closing brace at end of text', () => {
    expect(diags('ltm pool /Common/p {\n    members {\n        /Common/a:80 { }\n')).toEqual([
      "2:13 missing '}': the '{' of 'members' in 'ltm pool /Common/p' is not closed at the end of the text",
    ]);
  });

  it('recovers at the next object header when a brace is missing', () => {
    const text = 'ltm pool /Common/a {\n    members {\n        /Common/x:80 {\n            address 1.1.1.1\n    }\n}\nltm pool /Common/b {\n    monitor /Common/http\n}\n';
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:20 missing '}': the '{' of 'ltm pool /Common/a' is not closed before the next object on line 7",
    ]);
    expect(document.entries.map((e) => e.words.map((w) => w.text).join(' '))).toEqual(['ltm pool /Common/a', 'ltm pool /Common/b']);
    expect(document.entries[1].body?.type === 'Block' && document.entries[1].body.closed).toBe(true);
  });

  it('reports an unexpected closing brace and goes on', () => {
    const { document, diagnostics } = parseTmsh('ltm node /Common/n { address 1.1.1.1 } }\nltm node /Common/m { }\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["1:40 unexpected '}' with no open '{'"]);
    expect(document.entries).toHaveLength(2);
  });

  it('reports an unterminated string and reads the rest of the file', () => {
    const text = 'ltm monitor http /Common/m {\n    send "GET / HTTP/1.0\n}\nltm node /Common/n {\n    address 10.0.0.1\n}\n';
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '2:10 unterminated string: missing closing \'"\'',
    ]);
    expect(document.entries[1].words.map((w) => w.text)).toEqual(['ltm', 'node', '/Common/n']);
  });

  it('reports an unterminated string at the end of the text', () => {
    expect(diags('ltm node /Common/n {\n  description "oops\n}')).toEqual([
      '2:15 unterminated string: missing closing \'"\'',
    ]);
  });

  it('ends an unbalanced iRule body before the next object', () => {
    const text = 'ltm rule /Common/broken {\nwhen HTTP_REQUEST {\n    if { 1 } {\n}\n}\nltm rule /Common/good {\nwhen CLIENT_ACCEPTED { }\n}\n';
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:25 missing '}': the body of 'ltm rule /Common/broken' is not closed before the next object on line 6 (its braces do not balance)",
    ]);
    const [broken, good] = document.entries;
    expect(broken.body?.type === 'RawBlock' && broken.body.text).toBe('\nwhen HTTP_REQUEST {\n    if { 1 } {\n}\n}\n');
    expect(good.body?.type === 'RawBlock' && good.body.text).toBe('\nwhen CLIENT_ACCEPTED { }\n');
  });

  it('ends an unbalanced iRule body at the end of the text', () => {
    expect(diags('ltm rule /Common/r {\nwhen HTTP_REQUEST {\n')).toEqual([
      "1:20 missing '}': the body of 'ltm rule /Common/r' is not closed at the end of the text (its braces do not balance)",
    ]);
  });

  it('survives deep nesting without recursion', () => {
    const text = `${'x {'.repeat(20000)}${'}'.repeat(20000)}`;
    const { diagnostics, document } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    expect(document.entries).toHaveLength(1);
  });
});

describe('raw Tcl inside other objects', () => {
  it('keeps iApp template and iCall script Tcl raw', () => {
    const text = [
      'sys application template /Common/my_tmpl {',
      '    actions {',
      '        definition {',
      '            implementation {',
      '                puts "unbalanced quote {"',
      '                set x }',
      '            }',
      '            presentation {',
      '                section s { string name }',
      '            }',
      '        }',
      '    }',
      '}',
      'sys icall script /Common/s {',
      '    definition {',
      '        tmsh::log "a \\"quoted\\" {brace}"',
      '    }',
      '}',
    ].join('\n');
    // `set x }` closes the `{` inside the string: Tcl counts braces in quotes too.
    const { document, diagnostics } = parseTmsh(text);
    expect(diagnostics).toEqual([]);
    expect(printTmsh(document)).toMatchInlineSnapshot(`
      "sys application template /Common/my_tmpl {
        actions {
          definition {
            implementation {raw "\\n                puts \\"unbalanced quote {\\"\\n                set x }\\n            "}
            presentation {raw "\\n                section s { string name }\\n            "}
          }
        }
      }
      sys icall script /Common/s {
        definition {raw "\\n        tmsh::log \\"a \\\\\\"quoted\\\\\\" {brace}\\"\\n    "}
      }"
    `);
  });

  it('lets a caller decide which bodies are raw', () => {
    const { document } = parseTmsh('ltm rule /Common/r { a "b }', { rawBody: () => false });
    expect(document.entries[0].body?.type).toBe('Block');
  });

  it('streams top-level entries and can drop them', () => {
    const seen: string[] = [];
    const { document } = parseTmsh('ltm node /Common/a { }\nltm node /Common/b { }\n', {
      onEntry: (e) => seen.push(e.words[2].text),
      keepEntries: false,
    });
    expect(seen).toEqual(['/Common/a', '/Common/b']);
    expect(document.entries).toEqual([]);
  });
});
