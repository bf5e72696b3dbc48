/**
 * Table of iRule command cases: `[id, event, body, expected log messages, scenario?]`, ids in
 * `<command>-<group>.<n>` form. Each body runs as the only handler of `event` on the test
 * configuration (harness.ts); its `log local0.` messages are compared. A row whose expected value
 * is `{ error }` expects the handler to fail with that message instead.
 */
import type { Scenario } from './harness.js';

/** Expected outcome. */
export type CaseExpected = string[] | { error: string };

/** One row. */
export type Case = readonly [id: string, event: string, body: string, expected: CaseExpected, scenario?: Scenario];

const L = (...exprs: string[]): string => exprs.map((e) => `log local0. ${e}`).join('\n');

export const cases: readonly Case[] = [
  // ---- class: ip data groups (longest prefix for equals)
  ['class-ip.1', 'CLIENT_ACCEPTED', L('[class match 10.1.2.3 equals ip_dg]', '[class match 11.1.2.3 equals ip_dg]'), ['1', '0']],
  ['class-ip.2', 'CLIENT_ACCEPTED', L('[class match -name 10.1.2.3 equals ip_dg]', '[class match -value 10.9.2.3 equals ip_dg]'), ['10.1.0.0/16', 'ten']],
  ['class-ip.3', 'CLIENT_ACCEPTED', L('[class match -all -name 10.1.2.3 equals ip_dg]'), ['10.1.0.0/16 10.0.0.0/8']],
  ['class-ip.4', 'CLIENT_ACCEPTED', L('[class match -element 192.168.1.1 equals ip_dg]', '[class match 192.168.1.2 equals ip_dg]'), ['192.168.1.1/32 {}', '0']],
  ['class-ip.5', 'CLIENT_ACCEPTED', L('[class match [IP::client_addr] equals ip_dg]'), ['1'], { clients: ['10.200.0.1'] }],
  ['class-ip.6', 'CLIENT_ACCEPTED', L('[class match -value 2001:db8::1 equals ip_dg]', '[class match 2001:db9::1 equals ip_dg]'), ['v6', '0']],
  ['class-ip.7', 'CLIENT_ACCEPTED', L('[class match not-an-address equals ip_dg]'), ['0']],
  ['class-ip.8', 'CLIENT_ACCEPTED', L('[class match -index 10.1.2.3 equals ip_dg]', '[class match -index 9.9.9.9 equals ip_dg]'), ['1', '-1']],
  // ---- class: string data groups and operators
  ['class-string.1', 'CLIENT_ACCEPTED', L('[class match /api equals str_dg]', '[class match /ap equals str_dg]'), ['1', '0']],
  ['class-string.2', 'CLIENT_ACCEPTED', L('[class match -value /api/v2/users starts_with str_dg]', '[class match -name /api/v1 starts_with str_dg]'), ['api2', '/api']],
  ['class-string.3', 'CLIENT_ACCEPTED', L('[class match -name www.example.com ends_with str_dg]', '[class match -name x/staticy contains str_dg]'), ['example.com', '/static']],
  ['class-string.4', 'CLIENT_ACCEPTED', L('[class search -name str_dg starts_with /ap]', '[class search str_dg contains tati]', '[class search str_dg ends_with .org]'), ['/api', '1', '0']],
  ['class-string.5', 'CLIENT_ACCEPTED', L('[class search -all -value str_dg starts_with /api]'), ['api_pool api2']],
  ['class-string.6', 'CLIENT_ACCEPTED', L('[class lookup /static str_dg]', '[class lookup /nope str_dg]'), ['static', '']],
  ['class-string.7', 'CLIENT_ACCEPTED', L('[class match -- -x equals str_dg]'), ['0']],
  ['class-string.8', 'CLIENT_ACCEPTED', L('[class match -name -x equals str_dg]'), { error: 'bad option "-x": must be -all, -index, -element, -list, -name, or -value' }],
  ['class-string.10', 'CLIENT_ACCEPTED', L('[class match /api eq str_dg]', '[class search -name str_dg eq /static]', '[class match -value [IP::client_addr] eq ip_dg]'), ['1', '/static', 'ten'], { clients: ['10.9.0.1'] }],
  ['class-string.11', 'CLIENT_ACCEPTED', L('[class match /api == str_dg]'), { error: 'bad operator "==": must be equals, starts_with, ends_with, or contains' }],
  ['class-string.9', 'CLIENT_ACCEPTED', L('[class match /API equals str_dg]'), ['0']],
  // ---- class: integer data groups
  ['class-int.1', 'CLIENT_ACCEPTED', L('[class match 10 equals int_dg]', '[class match 010 equals int_dg]', '[class match 2 equals int_dg]'), ['1', '1', '0']],
  ['class-int.2', 'CLIENT_ACCEPTED', L('[class lookup 1 int_dg]', '[class type int_dg]'), ['one', 'value']],
  // ---- class: the other subcommands
  ['class-info.1', 'CLIENT_ACCEPTED', L('[class exists str_dg]', '[class exists nope]', '[class exists /Part/part_dg]', '[class exists part_dg]'), ['1', '0', '1', '0']],
  ['class-info.2', 'CLIENT_ACCEPTED', L('[class size ip_dg]', '[class type ip_dg]', '[class type str_dg]'), ['4', 'ip', 'string']],
  ['class-info.3', 'CLIENT_ACCEPTED', L('[class names str_dg]', '[class names str_dg /a*]', '[class names -nocase str_dg /API*]'), ['/api /api/v2 /static example.com', '/api /api/v2', '/api /api/v2']],
  ['class-info.4', 'CLIENT_ACCEPTED', L('[class get int_dg]', '[class get str_dg /s*]'), ['{1 one} {10 ten}', '{/static static}']],
  ['class-info.5', 'CLIENT_ACCEPTED', L('[class element 0 int_dg]', '[class element -value 1 int_dg]', '[class element -name 9 int_dg]'), ['1 one', 'ten', '']],
  [
    'class-info.6',
    'CLIENT_ACCEPTED',
    'set id [class startsearch int_dg]\nwhile {[class anymore int_dg $id]} { log local0. [class nextelement -name int_dg $id] }\nclass donesearch int_dg $id',
    ['1', '10'],
  ],
  ['class-info.7', 'CLIENT_ACCEPTED', L('[class match /Part/part_dg equals /Part/part_dg]', '[class match -value x equals /Part/part_dg]'), ['0', 'in-part']],
  // ---- matchclass / findclass (pre-10 forms)
  ['matchclass-forms.1', 'CLIENT_ACCEPTED', L('[matchclass 10.1.2.3 equals ip_dg]', '[matchclass /api/v2/x starts_with str_dg]', '[matchclass nope equals str_dg]'), ['2', '2', '0']],
  ['findclass-forms.1', 'CLIENT_ACCEPTED', L('[findclass /stat str_dg " "]', '[findclass /api str_dg]'), ['static', '/api api_pool']],
  // ---- IP::addr
  ['IP::addr-equals.1', 'CLIENT_ACCEPTED', L('[IP::addr 10.1.2.3 equals 10.1.2.3]', '[IP::addr 10.1.2.3 equals 10.1.2.4]'), ['1', '0']],
  ['IP::addr-equals.2', 'CLIENT_ACCEPTED', L('[IP::addr 10.1.2.3/8 equals 10.0.0.0]', '[IP::addr 10.1.2.3 equals 10.0.0.0/8]', '[IP::addr 11.1.2.3/8 equals 10.0.0.0]'), ['1', '1', '0']],
  ['IP::addr-equals.3', 'CLIENT_ACCEPTED', L('[IP::addr "10.1.2.3 mask 255.255.0.0" equals 10.1.0.0]', '[IP::addr 10.1.2.3/255.255.255.0 equals 10.1.2.0]'), ['1', '1']],
  ['IP::addr-equals.4', 'CLIENT_ACCEPTED', L('[IP::addr [IP::client_addr]/16 equals 172.16.0.0]'), ['1'], { clients: ['172.16.51.21'] }],
  ['IP::addr-equals.5', 'CLIENT_ACCEPTED', L('[IP::addr 2001:db8::1/32 equals 2001:db8:ffff::]', '[IP::addr 10.0.0.1 equals ::1]'), ['1', '0']],
  ['IP::addr-mask.1', 'CLIENT_ACCEPTED', L('[IP::addr 10.1.2.3 mask 255.255.0.0]', '[IP::addr 10.1.2.3%5 mask 255.0.0.0]'), ['10.1.0.0', '10.0.0.0%5']],
  ['IP::addr-error.1', 'CLIENT_ACCEPTED', L('[IP::addr garbage equals 10.0.0.1]'), { error: 'bad IP address format' }],
  ['IP::addr-parse.2', 'CLIENT_ACCEPTED', L('[IP::addr parse -ipv4 [binary format c5 {9 10 1 2 3}] 1]', '[IP::addr parse -ipv4 -swap [binary format c4 {10 1 2 3}]]', '[IP::addr parse -ipv6 [binary format H* 20010db8000000000000000000000001]]'), ['10.1.2.3', '3.2.1.10', '2001:db8::1']],
  ['IP::addr-parse.3', 'CLIENT_ACCEPTED', L('[IP::addr parse -ipv6 [binary format c4 {10 1 2 3}]]'), { error: 'bad IP address format' }],
  ['IP::addr-parse.1', 'CLIENT_ACCEPTED', L('[IP::addr parse [binary format c4 {10 1 2 3}]]', '[IP::addr parse -swap [binary format c4 {10 1 2 3}]]', '[IP::addr parse [binary format c6 {0 0 192 168 0 1}] 2]'), ['10.1.2.3', '3.2.1.10', '192.168.0.1']],
  // ---- addresses and ports of each side
  ['IP::client_addr-sides.1', 'CLIENT_ACCEPTED', L('[IP::client_addr]', '[IP::remote_addr]', '[IP::local_addr]', '[TCP::local_port]', '[IP::version]', '[IP::protocol]'), ['10.1.1.1', '10.1.1.1', '10.0.0.100', '80', '4', '6']],
  ['IP::client_addr-sides.2', 'SERVER_CONNECTED', L('[IP::client_addr]', '[IP::remote_addr]', '[IP::server_addr]', '[IP::local_addr]', '[TCP::remote_port]', '[TCP::server_port]'), ['10.1.1.1', '10.1.10.11', '10.1.10.11', '10.1.10.6', '80', '80']],
  ['IP::client_addr-sides.3', 'CLIENT_ACCEPTED', L('[IP::client_addr]', '[IP::version]'), ['2001:db8::7', '6'], { clients: ['2001:db8::7'] }],
  ['IP::client_addr-sides.4', 'CLIENT_ACCEPTED', L('[IP::client_addr]', '[getfield [IP::client_addr] % 1]'), ['10.9.9.9%2', '10.9.9.9'], { clients: ['10.9.9.9%2'] }],
  ['IP::client_addr-sides.5', 'SERVER_CONNECTED', L('[clientside {IP::remote_addr}]', '[serverside {IP::remote_addr}]'), ['10.1.1.1', '10.1.10.11']],
  ['TCP::client_port-ports.1', 'CLIENT_ACCEPTED', L('[TCP::client_port]', '[TCP::remote_port]'), ['49152', '49152']],
  // ---- virtual, LB::server, pool
  ['virtual-name.1', 'CLIENT_ACCEPTED', L('[virtual name]', '[virtual]'), ['/Common/http_vs', '/Common/http_vs']],
  ['LB::server-before.1', 'CLIENT_ACCEPTED', L('[LB::server pool]', '[LB::server]', '[LB::server addr]'), ['/Common/web_pool', '/Common/web_pool', '']],
  ['LB::server-after.1', 'LB_SELECTED', L('[LB::server]', '[LB::server addr]', '[LB::server port]', '[LB::server pool]'), ['/Common/web_pool 10.1.10.11 80', '10.1.10.11', '80', '/Common/web_pool']],
  ['LB::server-node.1', 'CLIENT_ACCEPTED', 'node 10.5.5.5 8080\nlog local0. "[LB::server pool]|"', ['|']],
  ['pool-select.1', 'CLIENT_ACCEPTED', 'pool ext_pool\nlog local0. [LB::server pool]', ['/Common/ext_pool']],
  // A literal missing pool is refused at load (network.test.ts); a computed one fails when reached.
  ['pool-select.2', 'CLIENT_ACCEPTED', 'set p nope_pool\npool $p', { error: 'no such pool: nope_pool' }],
  ['pool-select.3', 'CLIENT_ACCEPTED', 'set p nope_pool\nif {[catch {pool $p} e]} { log local0. "caught: $e" }', ['caught: no such pool: nope_pool']],
  ['active_members-count.1', 'CLIENT_ACCEPTED', L('[active_members down_pool]', '[members down_pool]', '[active_members -list down_pool]', '[active_members dead_pool]'), ['1', '2', '{10.1.10.22 80}', '0']],
  ['LB::status-member.1', 'CLIENT_ACCEPTED', L('[LB::status pool down_pool member 10.1.10.21 80]', '[LB::status pool down_pool member 10.1.10.22 80]'), ['down', 'up']],
  ['LB::snat-read.1', 'CLIENT_ACCEPTED', L('[LB::snat]', '[snat 10.9.9.9][LB::snat]', '[snatpool sp][LB::snat]', '[snat none][LB::snat]'), ['automap', 'snat 10.9.9.9', 'snatpool /Common/sp', 'none']],
  // ---- snat argument forms
  ['snat-forms.1', 'CLIENT_ACCEPTED', 'snat o365-smtp-relay_snat', { error: 'bad IP address format' }],
  ['snat-forms.2', 'CLIENT_ACCEPTED', 'snat 10.1.10.99 4000\nsnat 2001:db8::99\nsnat 10.1.10.99%3\nlog local0. ok', ['ok']],
  ['snat-forms.3', 'CLIENT_ACCEPTED', 'snat ""', { error: 'bad IP address format' }],
  ['snat-forms.4', 'CLIENT_ACCEPTED', 'snat', { error: 'wrong # args: should be "snat <addr> [<port>]"' }],
  ['snatpool-forms.1', 'CLIENT_ACCEPTED', 'set s nope\nsnatpool $s', { error: 'no such snatpool: nope' }],
  ['snatpool-forms.2', 'CLIENT_ACCEPTED', 'snatpool sp member 10.9.9.9', { error: '10.9.9.9 is not a member of snatpool /Common/sp' }],
  // ---- utilities
  ['getfield-split.1', 'CLIENT_ACCEPTED', L('[getfield a:b:c : 2]', '[getfield a::b :: 2]', '[getfield abc : 5]'), ['b', 'b', '']],
  ['findstr-cut.1', 'CLIENT_ACCEPTED', L('[findstr "user=bob;x=1" user= 5 ";"]', '[findstr abcdef cd 0 2]', '[findstr abc zz]'), ['bob', 'cd', '']],
  ['substr-cut.1', 'CLIENT_ACCEPTED', L('[substr abcdef 2]', '[substr abcdef 1 3]', '[substr a.b.c 0 .]'), ['cdef', 'bcd', 'a']],
  ['domain-labels.1', 'CLIENT_ACCEPTED', L('[domain www.sub.example.com 2]', '[domain example.com 5]'), ['example.com', 'example.com']],
  ['b64encode-codec.1', 'CLIENT_ACCEPTED', L('[b64encode "user:pass"]', '[b64decode dXNlcjpwYXNz]', '[b64encode ""]'), ['dXNlcjpwYXNz', 'user:pass', '']],
  ['md5-digest.1', 'CLIENT_ACCEPTED', L('[binary encode hex [md5 abc]]'), { error: 'bad option "encode": must be format or scan' }],
  ['md5-digest.2', 'CLIENT_ACCEPTED', 'binary scan [md5 abc] H* h\nlog local0. $h\nbinary scan [sha1 abc] H* h\nlog local0. $h', ['900150983cd24fb0d6963f7d28e17f72', 'a9993e364706816aba3e25717850c26c9cd0d89d']],
  ['sha256-digest.1', 'CLIENT_ACCEPTED', 'binary scan [sha256 abc] H* h\nlog local0. $h', ['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad']],
  ['crc32-digest.1', 'CLIENT_ACCEPTED', L('[crc32 "The quick brown fox jumps over the lazy dog"]'), ['1095738169']],
  ['URI::decode-codec.1', 'CLIENT_ACCEPTED', L('[URI::decode a%20b%2Fc]', '[URI::encode "a b/c"]'), ['a b/c', 'a%20b/c']],
  // URI::path and URI::compare as F5's reference has them (RFC 2616 3.2.3 for compare).
  ['URI::path-depth.1', 'CLIENT_ACCEPTED', L('[URI::path /a/b/c/d.html depth]', '[URI::path /d.html depth]', '[URI::path /a/b/c/d.html 2]', '[URI::path /a/b/c/d.html 1 9]'), ['3', '0', '/b/c/', '/a/b/c/']],
  ['URI::path-depth.2', 'CLIENT_ACCEPTED', 'URI::path /a/b/c/d.html 0 3', { error: 'bad start depth "0": depths start at 1' }],
  ['URI::compare-rfc.1', 'CLIENT_ACCEPTED', L('[URI::compare http://abc.com:80/~smith/home.html http://ABC.com/%7Esmith/home.html]', '[URI::compare http://ABC.com/%7Esmith/home.html http://ABC.com:/%7esmith/home.html]', '[URI::compare http://abc.com http://abc.com/]', '[URI::compare https://abc.com:443/x HTTPS://abc.com/x]'), ['1', '1', '1', '1']],
  ['URI::compare-rfc.2', 'CLIENT_ACCEPTED', L('[URI::compare /Path /path]', '[URI::compare http://abc.com:8080/ http://abc.com/]', '[URI::compare /a%2Fb /a/b]', '[URI::compare /a%2fb /a%2Fb]'), ['0', '0', '0', '1']],
  ['URI::query-parts.1', 'CLIENT_ACCEPTED', L('[URI::query /a/b?x=1&y=2]', '[URI::query /a/b?x=1&y=2 y]', '[URI::basename /a/b/c.html?q]', '[URI::path /a/b/c.html]', '[URI::path /a/b/c/d.html 2 3]'), ['x=1&y=2', '2', 'c.html', '/a/b/', '/b/c/']],
  ['URI::host-parts.1', 'CLIENT_ACCEPTED', L('[URI::host http://www.example.com:8080/x]', '[URI::port http://www.example.com:8080/x]', '[URI::protocol https://a/]', '[URI::port https://a/]'), ['www.example.com', '8080', 'https', '443']],
  ['TMM::cmp_count-cmp.1', 'CLIENT_ACCEPTED', L('[TMM::cmp_count]', '[TMM::cmp_unit]'), ['1', '0']],
  ['HSL::send-pool.1', 'CLIENT_ACCEPTED', 'set h [HSL::open -proto UDP -pool ext_pool]\nHSL::send $h "<134> hello"', ['HSL pool /Common/ext_pool (UDP): <134> hello']],
  ['use-pool.1', 'CLIENT_ACCEPTED', 'use pool ext_pool\nlog local0. [LB::server pool]', ['/Common/ext_pool']],
  // ---- log
  ['log-forms.1', 'CLIENT_ACCEPTED', 'log "plain"\nlog local0.info "with level"\nlog -noname local0. "no name"', ['plain', 'with level', 'no name']],
  // ---- arity from the catalog (event context is checked at load: test/load/agreement.test.ts)
  ['class-arity.1', 'CLIENT_ACCEPTED', 'class exists', { error: 'wrong # args: should be "class exists <class>"' }],
  ['IP::client_addr-arity.1', 'CLIENT_ACCEPTED', 'IP::client_addr x', { error: 'wrong # args: should be "IP::client_addr"' }],
  // ---- HTTP
  ['HTTP::uri-parts.1', 'HTTP_REQUEST', L('[HTTP::method]', '[HTTP::uri]', '[HTTP::path]', '[HTTP::query]', '[HTTP::host]', '[HTTP::version]'), ['POST', '/a/b?x=1', '/a/b', 'x=1', 'example.com', '1.0'], {
    request: 'POST /a/b?x=1 HTTP/1.0\nHost: example.com\n\nbody',
  }],
  ['HTTP::uri-set.1', 'HTTP_REQUEST', 'HTTP::uri /new?z=9\nlog local0. "[HTTP::path] [HTTP::query]"\nHTTP::path /other\nlog local0. [HTTP::uri]\nHTTP::query ""\nlog local0. [HTTP::uri]', ['/new z=9', '/other?z=9', '/other']],
  ['HTTP::uri-normalized.1', 'HTTP_REQUEST', L('[HTTP::path -normalized]'), ['/b/%2F'], { request: 'GET /a/../b/./%2f HTTP/1.1\nHost: x\n\n' }],
  ['HTTP::header-read.1', 'HTTP_REQUEST', L('[HTTP::header User-Agent]', '[HTTP::header value user-agent]', '[HTTP::header exists X-Nope]', '[HTTP::header count]', '[HTTP::header names]'), ['curl', 'curl', '0', '2', 'Host User-Agent'], {
    request: 'GET / HTTP/1.1\nHost: a\nUser-Agent: curl\n\n',
  }],
  ['HTTP::header-multi.1', 'HTTP_REQUEST', L('[HTTP::header X-F]', '[HTTP::header values X-F]', '[HTTP::header count X-F]'), ['2', '1 2', '2'], { request: 'GET / HTTP/1.1\nX-F: 1\nx-f: 2\n\n' }],
  ['HTTP::header-edit.1', 'HTTP_REQUEST', 'HTTP::header insert X-A 1\nHTTP::header replace Host b\nHTTP::header remove Accept\nlog local0. [HTTP::header names]\nlog local0. [HTTP::host]', ['Host User-Agent X-A', 'b']],
  ['HTTP::cookie-read.1', 'HTTP_REQUEST', L('[HTTP::cookie sid]', '[HTTP::cookie names]', '[HTTP::cookie count]', '[HTTP::cookie exists x]'), ['abc', 'sid lang', '2', '0'], {
    request: 'GET / HTTP/1.1\nCookie: sid=abc; lang="en"\n\n',
  }],
  ['HTTP::cookie-edit.1', 'HTTP_REQUEST', 'HTTP::cookie remove sid\nHTTP::cookie insert name t value 1\nlog local0. [HTTP::header Cookie]', ['lang=en; t=1'], { request: 'GET / HTTP/1.1\nCookie: sid=abc; lang=en\n\n' }],
  ['HTTP::username-basic.1', 'HTTP_REQUEST', L('[HTTP::username]', '[HTTP::password]'), ['user', 'pass'], { request: 'GET / HTTP/1.1\nAuthorization: Basic dXNlcjpwYXNz\n\n' }],
  ['HTTP::respond-twice.1', 'HTTP_REQUEST', 'HTTP::respond 200 content ok\nHTTP::redirect http://x/', { error: 'Operation not supported. Multiple redirect/respond invocations not allowed' }],
  ['HTTP::status-response.1', 'HTTP_RESPONSE', L('[HTTP::status]', '[HTTP::header Content-Type]', '[HTTP::is_redirect]'), ['200', 'text/html', '0']],
  ['HTTP::payload-body.1', 'HTTP_REQUEST_DATA', L('[HTTP::payload]', '[HTTP::payload length]', '[HTTP::payload 2]'), ['hello', '5', 'he'], {
    request: 'POST / HTTP/1.1\nContent-Length: 5\n\nhello',
    events: ['HTTP_REQUEST_DATA'],
  }],
  ['HTTP::method-noprofile.1', 'CLIENT_ACCEPTED', L('[HTTP::method]'), { error: 'ERR_NOT_SUPPORTED' }],
  ['HTTP::method-noprofile.2', 'LB_SELECTED', L('[HTTP::method]'), { error: 'ERR_NOT_SUPPORTED' }, { virtual: 'tcp_vs' }],
  // ---- TCP payload
  ['TCP::payload-data.1', 'CLIENT_DATA', L('[TCP::payload]', '[TCP::payload length]', '[TCP::payload 3]'), ['GET / HTTP/1.1\r\nHost: a\r\n\r\n', '27', 'GET'], {
    virtual: 'tcp_vs',
    request: 'GET / HTTP/1.1\nHost: a\n\n',
    events: ['CLIENT_DATA'],
  }],
  // ---- table
  ['table-set.1', 'CLIENT_ACCEPTED', L('[table set k v]', '[table lookup k]', '[table add k other]', '[table replace nope x]', '[table lookup nope]'), ['v', 'v', 'v', '', '']],
  ['table-incr.1', 'CLIENT_ACCEPTED', L('[table incr n]', '[table incr n 5]', '[table incr -mustexist m]', '[table append s ab]', '[table append s cd]'), ['1', '6', '', 'ab', 'abcd']],
  ['table-subtable.1', 'CLIENT_ACCEPTED', 'table set -subtable t a 1\ntable set -subtable t b 2\nlog local0. [lsort [table keys -subtable t]]\nlog local0. [table keys -subtable t -count]\ntable delete -subtable t a\nlog local0. [table keys -subtable t]\ntable delete -subtable t -all\nlog local0. [table keys -subtable t -count]', ['a b', '2', 'b', '0']],
  ['table-timeout.1', 'CLIENT_ACCEPTED', 'table set k v 30\nlog local0. [table timeout k]\nafter 10000\nlog local0. [table timeout -remaining k]\nafter 21000\nlog local0. "[table lookup k]|"', ['30', '20', '|']],
  ['table-timeout.2', 'CLIENT_ACCEPTED', 'table set k v indef\nlog local0. [table timeout k]\nlog local0. [table lifetime k]', ['indefinite', 'indefinite']],
  ['table-options.1', 'CLIENT_ACCEPTED', 'table set -- -k v\nlog local0. [table lookup -- -k]', ['v']],
  // ---- persist / session
  ['persist-records.1', 'LB_SELECTED', 'persist add uie u1 60\nlog local0. [persist lookup uie u1]\nlog local0. [persist lookup uie u1 node]\npersist delete uie u1\nlog local0. "[persist lookup uie u1]|"', ['/Common/web_pool 10.1.10.11 80', '10.1.10.11', '|']],
  ['session-records.1', 'CLIENT_ACCEPTED', 'session add uie k data 60\nlog local0. [session lookup uie k]\nsession delete uie k\nlog local0. "[session lookup uie k]|"', ['data', '|']],
  // ---- Tcl inside handlers
  ['return-handler.1', 'CLIENT_ACCEPTED', 'log local0. a\nreturn\nlog local0. b', ['a']],
  ['error-handler.1', 'CLIENT_ACCEPTED', 'log local0. a\nerror boom\nlog local0. b', { error: 'boom' }],
  ['catch-handler.1', 'CLIENT_ACCEPTED', 'catch {set x $nope} e\nlog local0. $e', [`can't read "nope": no such variable`]],
  ['after-clock.1', 'CLIENT_ACCEPTED', 'set t0 [clock seconds]\nafter 2000\nlog local0. [expr {[clock seconds] - $t0}]', ['2']],
  ['after-script.1', 'CLIENT_ACCEPTED', 'set id [after 100 {log local0. later}]\nlog local0. now', ['now', 'later']],
  ['after-cancel.1', 'CLIENT_ACCEPTED', 'set id [after 100 {log local0. later}]\nafter cancel $id\nlog local0. now', ['now']],
];
