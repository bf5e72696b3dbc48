/**
 * Spot checks of the hand-curated argument forms: `matchCall` follows subcommands and falls back
 * to a form's own positionals; `matchArgs` (args.ts) still sees the flat forms and the handlers
 * the parser uses. A word given as `undefined` stands for a non-literal word such as `$x`.
 */
import { describe, expect, it } from 'vitest';
import { matchArgs } from '../../src/catalog/args.js';
import { getCommand } from '../../src/catalog/load.js';
import { matchCall, type CallMatch } from '../../src/catalog/match.js';
import type { CommandSpec } from '../../src/catalog/types.js';

const cmd = (name: string): CommandSpec => {
  const spec = getCommand(name);
  if (!spec) throw new Error(`no ${name} in the catalog`);
  return spec;
};
/** Splits a call written as text; `$...` words become undefined (not literal). */
const words = (text: string) => text.split(/\s+/).filter(Boolean).map((w) => (w.startsWith('$') ? undefined : w));
const call = (text: string): CallMatch => {
  const [name, ...args] = words(text);
  const m = matchCall(cmd(name!), args);
  return { ...m, arity: m.arity }; // the key is always present, so toMatchObject can ask for undefined
};

describe('snat, snatpool, pool, node', () => {
  it('snat automap / none select their subcommand', () => {
    expect(call('snat automap')).toMatchObject({ path: ['automap'], arity: undefined });
    expect(call('snat none')).toMatchObject({ path: ['none'], arity: undefined });
    expect(call('snat automap 80').arity).toBe('tooMany');
  });

  it('snat <addr> [<port>] types the address and the port', () => {
    expect(call('snat 10.0.0.1 25')).toMatchObject({ path: [], arity: undefined, types: ['ipAddress', 'port'] });
    expect(call('snat 10.0.0.1').types).toEqual(['ipAddress']);
    expect(call('snat').arity).toBe('tooFew');
    expect(call('snat 10.0.0.1 25 extra').arity).toBe('tooMany');
    // the flat matcher of args.ts sees the same positionals
    expect(matchArgs(cmd('snat'), ['10.0.0.1', '25']).types).toEqual(['ipAddress', 'port']);
  });

  it('snatpool, pool and node type their object names and addresses', () => {
    expect(call('snatpool sp_out').types).toEqual(['snatPool']);
    expect(call('snatpool sp_out member 10.0.0.9')).toMatchObject({ arity: undefined, types: ['snatPool', 'any', 'ipAddress'] });
    expect(call('pool web_pool').types).toEqual(['pool']);
    expect(call('pool web_pool member 10.0.0.1 80')).toMatchObject({ arity: undefined, types: ['pool', 'any', 'endpoint', 'port'] });
    expect(call('pool web_pool member 10.0.0.1:80').arity).toBeUndefined();
    expect(call('node 10.0.0.1:80').types).toEqual(['endpoint']);
    expect(call('node 10.0.0.1 80').types).toEqual(['endpoint', 'port']);
    expect(call('pool').arity).toBe('tooFew');
  });
});

describe('class and the old data-group commands', () => {
  it('class match -- $x equals dg', () => {
    const m = call('class match -- $x equals dg');
    expect(m.path).toEqual(['match']);
    expect(m.arity).toBeUndefined();
    expect(m.firstPositional).toBe(2);
    expect(m.types.slice(2)).toEqual(['any', 'any', 'dataGroup']);
  });

  it('class match and search take their options', () => {
    expect(call('class match -all -value $x starts_with dg')).toMatchObject({ arity: undefined, firstPositional: 3 });
    expect(call('class search -name dg contains $x').types.slice(2)).toEqual(['dataGroup', 'any', 'any']);
    expect(call('class match $x equals').arity).toBe('tooFew');
  });

  it('class lookup, element, names, nextelement', () => {
    expect(call('class lookup $k dg').types).toEqual([undefined, 'any', 'dataGroup']);
    expect(call('class element -name 0 dg')).toMatchObject({ arity: undefined, types: [undefined, undefined, 'integer', 'dataGroup'] });
    expect(call('class names -nocase dg a*').arity).toBeUndefined();
    expect(call('class nextelement -value dg $id').arity).toBeUndefined();
    expect(call('class size dg extra').arity).toBe('tooMany');
  });

  it('reports an unknown class subcommand, but not a substituted one', () => {
    expect(call('class matches $x equals dg').unknownSubcommand).toBe('matches');
    expect(call('class $sub $x equals dg')).toMatchObject({ uncertain: true, arity: undefined });
    expect(call('class').arity).toBe('tooFew');
  });

  it('matchclass and findclass', () => {
    expect(call('matchclass $ip equals trusted').arity).toBeUndefined();
    expect(call('findclass $host hosts /').arity).toBeUndefined();
    expect(call('findclass $host hosts').types).toEqual(['any', 'dataGroup']);
  });
});

describe('table, persist, log, event, call, virtual', () => {
  it('table subcommands with their options', () => {
    expect(call('table set -subtable t -- $k $v 60 indef')).toMatchObject({ path: ['set'], arity: undefined, firstPositional: 4 });
    expect(call('table lookup -notouch $k').arity).toBeUndefined();
    expect(call('table incr -mustexist $k 2').types.slice(2)).toEqual(['any', 'integer']);
    expect(call('table delete -subtable t -all').arity).toBeUndefined();
    expect(call('table keys -subtable t -count').arity).toBeUndefined();
    expect(call('table set $k').arity).toBe('tooFew');
    expect(call('table fetch $k').unknownSubcommand).toBe('fetch');
  });

  it('persist modes, including nested cookie subcommands', () => {
    expect(call('persist source_addr 255.255.255.0 3600').arity).toBeUndefined();
    expect(call('persist uie $key 1800')).toMatchObject({ path: ['uie'], arity: undefined });
    expect(call('persist cookie insert mycookie 3600')).toMatchObject({ path: ['cookie', 'insert'], arity: undefined });
    expect(call('persist cookie')).toMatchObject({ path: ['cookie'], arity: undefined });
    expect(call('persist add uie $key 60').arity).toBeUndefined();
    expect(call('persist none extra').arity).toBe('tooMany');
  });

  it('log with and without facility and remote server', () => {
    expect(call('log $msg').arity).toBeUndefined();
    expect(call('log local0. $msg').arity).toBeUndefined();
    expect(call('log -noname 10.0.0.5:514 local0.info $msg').arity).toBeUndefined();
    expect(call('log').arity).toBe('tooFew');
    expect(call('log a b c d').arity).toBe('tooMany');
  });

  it('event enable/disable/info', () => {
    expect(call('event disable all')).toMatchObject({ path: ['disable'], arity: undefined });
    expect(call('event HTTP_RESPONSE disable')).toMatchObject({ path: [], arity: undefined, types: ['event', 'any'] });
    expect(call('event info').path).toEqual(['info']);
  });

  it('call and virtual', () => {
    expect(call('call my_proc a b').types).toEqual(['procName', 'any', 'any']);
    expect(call('call').arity).toBe('tooFew');
    expect(call('virtual').arity).toBeUndefined();
    expect(call('virtual name').path).toEqual(['name']);
    expect(call('virtual vs_other').types).toEqual(['any']);
  });
});

describe('HTTP, IP, TCP, LB commands', () => {
  it('HTTP::header value Host and its shorthand', () => {
    expect(call('HTTP::header value Host')).toMatchObject({ path: ['value'], arity: undefined, types: [undefined, 'any'] });
    expect(call('HTTP::header Host')).toMatchObject({ path: [], arity: undefined });
    expect(call('HTTP::header insert X-Forwarded-For $ip').arity).toBeUndefined();
    expect(call('HTTP::header insert lws X $v').arity).toBeUndefined();
    expect(call('HTTP::header remove').arity).toBe('tooFew');
    expect(call('HTTP::header names extra').arity).toBe('tooMany');
    expect(call('HTTP::header $sub X').uncertain).toBe(true);
  });

  it('HTTP::respond, HTTP::redirect, HTTP::uri, HTTP::cookie', () => {
    expect(call('HTTP::respond 200 content $body Content-Type text/html')).toMatchObject({ arity: undefined });
    expect(call('HTTP::respond -reset 503').types).toEqual([undefined, 'integer']);
    expect(call('HTTP::respond').arity).toBe('tooFew');
    expect(call('HTTP::redirect https://example.com/').arity).toBeUndefined();
    expect(call('HTTP::redirect').arity).toBe('tooFew');
    expect(call('HTTP::uri').arity).toBeUndefined();
    expect(call('HTTP::uri /new').arity).toBeUndefined();
    expect(call('HTTP::uri a b').arity).toBe('tooMany');
    expect(call('HTTP::path').arity).toBeUndefined();
    expect(call('HTTP::host').arity).toBeUndefined();
    expect(call('HTTP::cookie value JSESSIONID').path).toEqual(['value']);
    expect(call('HTTP::cookie JSESSIONID').arity).toBeUndefined();
    expect(call('HTTP::cookie insert name n value v path /').arity).toBeUndefined();
  });

  it('IP::addr compares and parses', () => {
    expect(call('IP::addr $ip equals 10.0.0.0/8').arity).toBeUndefined();
    expect(call('IP::addr $ip mask 255.255.255.0').arity).toBeUndefined();
    expect(call('IP::addr parse -swap $bin 4')).toMatchObject({ path: ['parse'], arity: undefined });
    expect(call('IP::addr 10.0.0.1').arity).toBe('tooFew');
    expect(call('IP::addr $ip')).toMatchObject({ uncertain: true, arity: undefined });
    expect(call('IP::client_addr').arity).toBeUndefined();
    expect(call('IP::client_addr x').arity).toBe('tooMany');
    expect(call('IP::remote_addr clientside').arity).toBeUndefined();
    expect(call('IP::local_addr serverside').arity).toBeUndefined();
  });

  it('TCP::collect, TCP::release, TCP::payload', () => {
    expect(call('TCP::collect').arity).toBeUndefined();
    expect(call('TCP::collect 15 0').types).toEqual(['integer', 'integer']);
    expect(call('TCP::collect 1 2 3').arity).toBe('tooMany');
    expect(call('TCP::release').arity).toBeUndefined();
    expect(call('TCP::payload replace 0 $len $data')).toMatchObject({ path: ['replace'], arity: undefined });
    expect(call('TCP::payload length').path).toEqual(['length']);
    expect(call('TCP::payload 10').arity).toBeUndefined();
  });

  it('LB::reselect, LB::server, LB::snat', () => {
    expect(call('LB::reselect').arity).toBeUndefined();
    expect(call('LB::reselect pool backup_pool')).toMatchObject({ path: ['pool'], types: [undefined, 'pool'] });
    expect(call('LB::reselect pool p member 10.0.0.1 80').arity).toBeUndefined();
    expect(call('LB::reselect clone pool p').path).toEqual(['clone', 'pool']);
    expect(call('LB::reselect snat automap').arity).toBeUndefined();
    expect(call('LB::server addr').arity).toBeUndefined();
    expect(call('LB::server').arity).toBeUndefined();
    expect(call('LB::snat').arity).toBeUndefined();
    expect(call('LB::snat x').arity).toBe('tooMany');
  });
});

describe('Tcl built-ins', () => {
  it('string subcommands, including string is <class>', () => {
    expect(call('string tolower $x')).toMatchObject({ path: ['tolower'], arity: undefined });
    expect(call('string match -nocase *.jpg $uri').types.slice(1)).toEqual([undefined, 'pattern', 'any']);
    expect(call('string map $map $s').arity).toBeUndefined();
    expect(call('string is integer -strict $x')).toMatchObject({ path: ['is', 'integer'], arity: undefined });
    expect(call('string range $s 0 end-1').arity).toBeUndefined();
    expect(call('string reverse $s').unknownSubcommand).toBe('reverse');
    expect(call('string length').arity).toBe('tooFew');
  });

  it('regexp, regsub, scan, format', () => {
    expect(call('regexp -nocase -- {^/api} $uri').arity).toBeUndefined();
    expect(call('regexp {(\\d+)} $s all num').types).toEqual(['pattern', 'any', 'varName', 'varName']);
    expect(call('regsub -all {a} $s b out').types.slice(1)).toEqual(['pattern', 'any', 'any', 'varName']);
    expect(call('regsub a $s').arity).toBe('tooFew');
    expect(call('scan $ip {%d.%d.%d.%d} a b c d').types).toEqual(['any', 'any', 'varName', 'varName', 'varName', 'varName']);
    expect(call('format %s-%d $a $b').arity).toBeUndefined();
    expect(call('format').arity).toBe('tooFew');
  });

  it('lsearch, lsort, unset, info, array, binary, clock', () => {
    expect(call('lsearch -exact $list $x').arity).toBeUndefined();
    expect(call('lsort -unique -integer $l').arity).toBeUndefined();
    expect(call('unset -nocomplain -- a b').types).toEqual([undefined, undefined, 'varName', 'varName']);
    expect(call('unset').arity).toBeUndefined();
    expect(call('info exists x')).toMatchObject({ path: ['exists'], types: [undefined, 'varName'] });
    expect(call('info frame').unknownSubcommand).toBe('frame');
    expect(call('array set arr $list').types).toEqual([undefined, 'varName', 'list']);
    expect(call('array names arr -glob a*').arity).toBeUndefined();
    expect(call('binary scan $data H* hex').arity).toBeUndefined();
    expect(call('binary format a4 $x').arity).toBeUndefined();
    expect(call('clock seconds').arity).toBeUndefined();
    expect(call('clock format $t -format %H:%M -gmt 1').arity).toBeUndefined();
    expect(call('clock clicks -milliseconds').arity).toBeUndefined();
    expect(call('clock add $t 1 day').unknownSubcommand).toBe('add');
  });

  it('the handlers the parser uses still drive switch, if, when, after', () => {
    expect(call('switch -glob -- $x {body}').types.slice(2)).toEqual(['any', 'switchBody']);
    expect(matchArgs(cmd('if'), [undefined, '{x}']).types).toEqual(['expr', 'body']);
    expect(call('when HTTP_REQUEST {x}').types).toEqual(['event', 'body']);
    expect(call('after 100 -periodic {x}').types).toEqual(['integer', undefined, 'script']);
    expect(call('clientside {IP::remote_addr}').types).toEqual(['script']);
  });

  it('treats commands without a known form as uncertain', () => {
    expect(call('CRYPTO::encrypt -alg aes-128-cbc -key $k $data')).toMatchObject({ uncertain: true, arity: undefined });
    expect(call('SSL::cipher bits')).toMatchObject({ uncertain: true });
  });
});
