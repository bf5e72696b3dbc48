import rule from '../../../src/lint/rules/wrong-arguments.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'the GTM forms of persist (enable, disable, none: the state)', code: 'when DNS_REQUEST {\n  if { [uptime] < 300 } {\n    discard\n    return\n  }\n  if { [IP::addr [IP::client_addr]/16 equals 10.10.0.0] && [whoami] eq "dc1-gtm01" } {\n    host 10.10.1.100\n  } elseif { [DNS::question name] ends_with ".legacy.example.com" } {\n    cname www.example.com\n  } else {\n    persist disable\n  }\n}\nwhen LB_SELECTED {\n  log local0. "[wideip] in [whereami], persistence [persist]"\n}\n' },
    inEvent('HTTP_REQUEST', 'HTTP::respond 302 Location https://example.com/ Connection close\npool web_pool member 10.0.0.1 80'),
    inEvent('CLIENT_ACCEPTED', 'snat automap\nsnat 10.0.0.1 4000\nTCP::collect 12'),
    { name: 'a computed subcommand is not judged', code: inEvent('HTTP_REQUEST', 'set op lookup\nclass $op [HTTP::host] dg') },
    {
      name: 'eq for equals in class match/search, as F5\'s ingress controller writes it',
      code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] eq "/Common/allowed_nets"] } { return }\nset hit [class search -name -- hosts eq [string tolower [TCP::local_port]]]'),
    },
    {
      name: 'unique prefixes of Tcl subcommands (Tcl_GetIndexFromObj)',
      code: inEvent('HTTP_REQUEST', 'set now [clock second]\nif { [string eq [HTTP::method] POST] && [info exist seen] && [info e seen] } { set n [string len [HTTP::uri]] }\nif { [string is int -strict $n] } { binary sc $n a1 first }\narray se hits [list a 1]'),
    },
    {
      name: 'IP::addr parse with -ipv4/-ipv6 (11.0+) and -swap',
      code: inEvent('CLIENT_DATA', 'set a [IP::addr parse -ipv4 [TCP::payload] 4]\nset b [IP::addr parse -ipv6 -swap [TCP::payload 16]]\nset c [IP::addr parse -swap [TCP::payload] 0]'),
      options: { version: '11.0' },
    },
    { name: 'class match -all from 11.0', code: inEvent('HTTP_REQUEST', 'set hits [class match -all -name -- [HTTP::uri] starts_with paths]'), options: { version: '11.0' } },
    {
      name: 'RESOLV::lookup with a resolver, an address family and a record type',
      code: inEvent('HTTP_REQUEST', 'set a [RESOLV::lookup @/Common/dns_vs -ptr [IP::client_addr]]\nset b [RESOLV::lookup @10.0.0.53 inet6 -aaaa www.example.com]\nset c [RESOLV::lookup @dns_vs www.example.com]'),
    },
    {
      name: 'ILX::call with a method and its arguments; md4 of a string',
      code: inEvent('HTTP_REQUEST', 'set h [ILX::init my_plugin my_ext]\nset r [ILX::call $h check_token [HTTP::header Authorization] 5]\nset t [ILX::call $h -timeout 500 ping]\nset d [md4 [HTTP::uri]]'),
    },
  ],
  invalid: [
    {
      name: 'the usage shown is the line that lists the subcommand among alternatives',
      code: inEvent('HTTP_REQUEST', 'persist uie'),
      errors: [{ messageId: 'tooFew', data: { command: 'persist uie', usage: 'persist uie|hash|carp|universal <key> [<timeout>]' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set h [ILX::init ext]\nset r [ILX::call $h]\nset d [md4]'),
      errors: [
        { messageId: 'tooFew', data: { command: 'ILX::call' }, line: 3, column: 10 },
        { messageId: 'tooFew', data: { command: 'md4' }, line: 4, column: 10 },
      ],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set a [RESOLV::lookup]'),
      errors: [{ messageId: 'tooFew', data: { command: 'RESOLV::lookup' }, line: 2, column: 10 }],
    },
    {
      // A loose form (URI::path's depth/start/end forms are merged) still needs its URI.
      code: inEvent('HTTP_REQUEST', 'set p [URI::path]'),
      errors: [{ messageId: 'tooFew', data: { command: 'URI::path' }, line: 2, column: 10, severity: 'error' }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'HTTP::respond'),
      errors: [{ messageId: 'tooFew', data: { command: 'HTTP::respond' }, line: 2, column: 3, endColumn: 16, severity: 'error' }],
    },
    {
      code: inEvent('CLIENT_ACCEPTED', 'snat automap 80'),
      errors: [{ messageId: 'tooMany', data: { command: 'snat automap' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set v [class fetch [HTTP::host] dg]'),
      errors: [{ messageId: 'unknownSubcommand', line: 2, column: 16, endColumn: 21 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] begins_with paths] } { }'),
      errors: [{ messageId: 'badKeyword', data: { word: 'begins_with', command: 'class match', expected: 'equals, starts_with, ends_with, contains' }, line: 2, column: 33 }],
    },
    {
      name: 'GTM commands that take no arguments',
      code: 'when DNS_REQUEST {\n  set me [whoami now]\n}\n',
      errors: [{ messageId: 'tooMany', data: { command: 'whoami' }, line: 2, column: 11 }],
    },
    {
      name: 'an ambiguous prefix names no subcommand',
      code: inEvent('HTTP_REQUEST', 'set a [string t [HTTP::host]]\narray s hits\nset c [string is a $a]'),
      errors: [
        { messageId: 'ambiguousSubcommand', data: { word: 't', command: 'string', candidates: 'tolower, toupper, totitle, trim, trimleft, trimright' }, line: 2, column: 17, endColumn: 18 },
        { messageId: 'ambiguousSubcommand', data: { word: 's', command: 'array', candidates: 'set, size, startsearch, statistics' }, line: 3, column: 9 },
        { messageId: 'ambiguousSubcommand', data: { word: 'a', command: 'string is', candidates: 'alnum, alpha, ascii' }, line: 4, column: 20 },
      ],
    },
    {
      name: 'prefixes only where Tcl takes them: iRule commands need the whole subcommand',
      code: inEvent('HTTP_REQUEST', 'set v [class look [HTTP::host] dg]'),
      errors: [{ messageId: 'unknownSubcommand', data: { word: 'look', command: 'class' }, line: 2, column: 16 }],
    },
    {
      name: 'no alias but eq: == is not a class operator',
      code: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] == paths] } { }'),
      errors: [{ messageId: 'badKeyword', data: { word: '==' }, line: 2, column: 33 }],
    },
    {
      name: 'an option newer than the version checked',
      code: inEvent('HTTP_REQUEST', 'HTTP::respond -reset 500'),
      options: { version: '11.4' },
      errors: [{ messageId: 'tooNew', data: { what: 'option -reset', command: 'HTTP::respond', since: '11.5.0', version: '11.4' }, line: 2, column: 17 }],
    },
    {
      name: 'IP::addr parse -ipv6 before 11.0',
      code: inEvent('CLIENT_DATA', 'set b [IP::addr parse -ipv6 [TCP::payload 16]]'),
      options: { version: '10.2.4' },
      errors: [{ messageId: 'tooNew', data: { what: 'option -ipv6', command: 'IP::addr parse', since: '11.0.0', version: '10.2.4' }, line: 2, column: 25 }],
    },
    {
      name: 'class match -all before 11.0',
      code: inEvent('HTTP_REQUEST', 'set hits [class match -all -name -- [HTTP::uri] starts_with paths]'),
      options: { version: '10.2.4' },
      errors: [{ messageId: 'tooNew', data: { what: 'option -all', command: 'class match', since: '11.0.0', version: '10.2.4' }, line: 2, column: 25 }],
    },
  ],
});
