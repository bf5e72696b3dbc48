import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';

/** `line:column severity message` for each diagnostic. */
function report(text: string, options?: Parameters<typeof parseBigipConf>[1]): string[] {
  return parseBigipConf(text, options).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('malformed configurations', () => {
  it('reports an unbalanced brace and still reads the next objects', () => {
    const text = [
      'ltm pool /Common/a {', //                  1
      '    members {', //                         2
      '        /Common/10.0.0.1:80 {', //         3
      '            address 10.0.0.1', //          4
      '    }', //                                 5
      '}', //                                     6
      'ltm pool /Common/b {', //                  7
      '    members {', //                         8
      '        /Common/10.0.0.2:80 { }', //       9
      '    }', //                                 10
      '}', //                                     11
    ].join('\n');
    const { config, diagnostics } = parseBigipConf(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:20 missing '}': the '{' of 'ltm pool /Common/a' is not closed before the next object on line 7",
    ]);
    expect(config.pools['/Common/a'].members.map((m) => m.address)).toEqual(['10.0.0.1']);
    expect(config.pools['/Common/b'].members.map((m) => m.address)).toEqual(['10.0.0.2']);
  });

  it('reports an unterminated string', () => {
    const text = 'ltm monitor http /Common/m {\n    send "GET / HTTP/1.0\n}\nltm node /Common/n {\n    address 10.0.0.1\n}\n';
    const { config, diagnostics } = parseBigipConf(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['2:10 unterminated string: missing closing \'"\'']);
    expect(config.monitors['/Common/m'].properties.send).toBe('GET / HTTP/1.0');
    expect(config.nodes['/Common/n'].address).toBe('10.0.0.1');
  });

  it('reports a bad address in a data-group record and keeps the good ones', () => {
    const text = [
      'ltm data-group internal /Common/nets {',
      '    records {',
      '        10.0.0.0/8 { }',
      '        10.0.0.300/32 { }',
      '        172.16.0.1/12 { }',
      '        10.0.0.0/8 { data dup }',
      '        not-an-ip { }',
      '    }',
      '    type ip',
      '}',
    ].join('\n');
    const { config } = parseBigipConf(text);
    expect(report(text)).toEqual([
      "4:9 error invalid IP address or network '10.0.0.300/32' in data group /Common/nets (type ip)",
      "5:9 warning '172.16.0.1/12' in data group /Common/nets has host bits set; it is read as 172.16.0.0/12",
      "6:9 warning duplicate record '10.0.0.0/8' in data group /Common/nets; the first one is used",
      "7:9 error invalid IP address or network 'not-an-ip' in data group /Common/nets (type ip)",
    ]);
    expect(config.dataGroups['/Common/nets'].records.map((r) => r.key)).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
  });

  it('reports a non-integer key in an integer data group and a missing or unknown type', () => {
    const text = [
      'ltm data-group internal /Common/ints {',
      '    records {',
      '        1 { }',
      '        two { }',
      '    }',
      '    type integer',
      '}',
      'ltm data-group internal /Common/notype {',
      '    records { a { } }',
      '}',
      'ltm data-group internal /Common/badtype {',
      '    type float',
      '}',
    ].join('\n');
    expect(report(text)).toEqual([
      "4:9 error 'two' is not an integer, but data group /Common/ints is of type integer",
      "8:25 error data group /Common/notype has no 'type' (ip, string or integer); string is assumed",
      "12:10 error unknown data-group type 'float' (expected ip, string or integer)",
    ]);
  });

  it('reports objects missing required parts', () => {
    const text = [
      'ltm pool {', //                                       1
      '}', //                                                2
      'ltm monitor /Common/nomontype {', //                  3
      '}', //                                                4
      'ltm virtual /Common/nodest {', //                     5
      '    pool /Common/p', //                               6
      '}', //                                                7
      'ltm pool /Common/p {', //                             8
      '    members {', //                                    9
      '        /Common/noport { }', //                       10
      '        /Common/10.0.0.1:http2x { }', //              11
      '    }', //                                            12
      '}', //                                                13
      'net self /Common/s {', //                             14
      '    address 10.0.0.1/40', //                          15
      '}', //                                                16
      'ltm node /Common/n { }', //                           17
      'ltm virtual /Common/v', //                            18
      'ltm virtual /Common/badport {', //                    19
      '    destination /Common/10.0.0.1:99999', //           20
      '    mask 255.0.255.0', //                             21
      '}', //                                                22
    ].join('\n');
    expect(report(text)).toEqual([
      "1:5 error 'ltm pool' needs a name",
      "3:13 error 'ltm monitor' needs a type and a name",
      '5:13 error virtual /Common/nodest has no destination',
      "10:9 error pool member '/Common/noport' of /Common/p has no port (expected name:port, or addr.port for IPv6)",
      "11:9 error invalid port 'http2x' in pool member '/Common/10.0.0.1:http2x' of /Common/p",
      "15:13 error invalid address '10.0.0.1/40' in self IP /Common/s (expected addr/prefix)",
      '14:10 error self IP /Common/s has no vlan',
      '17:10 error node /Common/n has no address',
      "18:13 error 'ltm virtual /Common/v' has no body: expected '{' after the name",
      "20:17 error invalid port '99999' in destination '/Common/10.0.0.1:99999'",
      "21:10 error invalid mask '255.0.255.0' in virtual /Common/badport",
    ].sort(byPosition));
  });

  it('warns about dangling references but keeps them', () => {
    const text = [
      'ltm virtual /Common/vs {',
      '    destination /Common/10.0.0.1:80',
      '    pool /Common/missing_pool',
      '    rules {',
      '        /Common/missing_rule',
      '    }',
      '    source-address-translation {',
      '        pool /Common/missing_snat',
      '        type snat',
      '    }',
      '}',
      'ltm snatpool /Common/sp {',
      '    members {',
      '        /Common/not_an_address',
      '    }',
      '}',
    ].join('\n');
    const { config, diagnostics } = parseBigipConf(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '3:10 config-reference virtual /Common/vs refers to pool /Common/missing_pool, which is not defined',
      '5:9 config-reference virtual /Common/vs refers to iRule /Common/missing_rule, which is not defined',
      '8:14 config-reference virtual /Common/vs refers to SNAT pool /Common/missing_snat, which is not defined',
      '14:9 config-reference SNAT pool member /Common/not_an_address of /Common/sp is neither an address nor a defined snat-translation',
    ]);
    expect(config.virtuals['/Common/vs'].pool).toBe('/Common/missing_pool');
    expect(parseBigipConf(text, { checkReferences: false }).diagnostics).toEqual([]);
  });

  it('warns about duplicate objects and uses the last one', () => {
    const text = 'ltm node /Common/n {\n    address 10.0.0.1\n}\nltm node /Common/n {\n    address 10.0.0.2\n}\n';
    const { config } = parseBigipConf(text);
    expect(report(text)).toEqual(['4:10 warning /Common/n is defined more than once; the last definition is used']);
    expect(config.nodes['/Common/n'].address).toBe('10.0.0.2');
  });

  it('reports a bad external data-group file with positions in that file', () => {
    const text = 'ltm data-group external /Common/ext {\n    external-file-name ext.txt\n    type ip\n}\n';
    const file = 'host 10.0.0.1,\nhost 10.0.0.999 := "bad",\nnetwork 10.1.0.0 mask 255.0.255.0,\n"unterminated,\n';
    const { config, diagnostics } = parseBigipConf(text, { externalFiles: { 'ext.txt': file } });
    expect(diagnostics.map((d) => `${d.source} ${d.line}:${d.column} ${d.message}`)).toEqual([
      "ext.txt 2:1 invalid IP address or network '10.0.0.999' in data group /Common/ext (type ip)",
      "ext.txt 3:1 invalid IP address or network '10.1.0.0/255.0.255.0' in data group /Common/ext (type ip)",
      'ext.txt 4:1 unterminated string: missing closing \'"\'',
      "ext.txt 4:1 invalid IP address or network 'unterminated,' in data group /Common/ext (type ip)",
    ]);
    expect(config.dataGroups['/Common/ext'].records.map((r) => r.key)).toEqual(['10.0.0.1/32']);
  });

  it('warns when an external file is not provided, and accepts a reader callback', () => {
    const text = 'ltm data-group external /Common/ext {\n    external-file-name /Common/ext_file\n}\n';
    expect(report(text, { externalFiles: {} })).toEqual([
      '2:24 warning the content of external data group /Common/ext (file /Common/ext_file) was not provided; it is read as empty',
    ]);
    expect(report(text)).toEqual([]);
    const seen: string[] = [];
    const { config } = parseBigipConf(text, {
      externalFiles: (name) => {
        seen.push(name);
        return name === 'ext_file' ? '"a" := "b",\n' : undefined;
      },
    });
    expect(seen).toEqual(['/Common/ext_file', 'ext_file']);
    expect(config.dataGroups['/Common/ext']).toMatchObject({ type: 'string', loaded: true, records: [{ key: 'a', data: 'b' }] });
  });

  it('ignores unknown modules and objects', () => {
    const text = [
      'apm policy access-policy /Common/ap { items { a { } } }',
      'sys management-ip 192.168.1.245/24 { description configured-statically }',
      'ltm profile client-ssl /Common/x { cert-key-chain { default { cert /Common/default.crt } } }',
      'wom something { }',
      'ltm virtual-address-list /Common/l { }',
    ].join('\n');
    expect(report(text)).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '}}}', '{{{', '"', 'ltm', 'ltm rule', 'ltm rule /Common/r {', 'net self /C/s { address }', '\u0000\uffff{"\\']) {
      expect(() => parseBigipConf(text)).not.toThrow();
    }
  });
});

/** Sorts `line:col …` strings by line then column. */
function byPosition(a: string, b: string): number {
  const [la, ca] = a.split(' ')[0].split(':').map(Number);
  const [lb, cb] = b.split(' ')[0].split(':').map(Number);
  return la - lb || ca - cb;
}
