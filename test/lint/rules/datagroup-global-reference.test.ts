import rule from '../../../src/lint/rules/datagroup-global-reference.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allowed] } { snat automap }'),
    inEvent('HTTP_REQUEST', 'set v [class lookup [HTTP::host] /Partition/host_map]'),
    { name: 'a global variable as the item is not a data group', code: inEvent('HTTP_REQUEST', 'class match $::item equals dg') },
    inEvent('HTTP_REQUEST', 'set dg host_map\nclass search $dg starts_with [HTTP::uri]'),
  ],
  invalid: [
    {
      name: 'the seed rule on 11.1',
      code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals $::smtp_relay_allowed] } { snat automap }'),
      options: { version: '11.1' },
      errors: [{ messageId: 'runtimeError', data: { written: '$::smtp_relay_allowed', name: 'smtp_relay_allowed' }, line: 2, column: 46, endColumn: 67, severity: 'error' }],
      output: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allowed] } { snat automap }'),
    },
    {
      name: 'the seed rule on 10.2.3',
      code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals $::smtp_relay_allowed] } { snat automap }'),
      options: { version: '10.2.3' },
      errors: [{ messageId: 'cmpDemotion', line: 2, column: 46, severity: 'warning' }],
      output: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allowed] } { snat automap }'),
    },
    {
      code: inEvent('HTTP_REQUEST', 'set v [class search -value ::uri_map starts_with [HTTP::uri]]'),
      errors: [{ messageId: 'runtimeError', data: { written: '::uri_map', name: 'uri_map' }, line: 2, column: 30 }],
      output: inEvent('HTTP_REQUEST', 'set v [class search -value uri_map starts_with [HTTP::uri]]'),
    },
    {
      name: 'a braced name with Tcl specials is reported but never written back bare',
      code: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] equals ${::a;reject}] } { drop }'),
      errors: [{ messageId: 'runtimeError', data: { written: '${::a;reject}', name: 'a;reject' }, line: 2, column: 40 }],
      output: null,
    },
    {
      name: 'nor one with spaces, brackets or a dollar',
      code: inEvent('HTTP_REQUEST', 'set v [class lookup x ${::a b}]\nset w [class lookup x ${::[exit]}]\nset u [class lookup x ${::$y}]'),
      errors: [
        { messageId: 'runtimeError', data: { name: 'a b' }, line: 2, column: 25 },
        { messageId: 'runtimeError', data: { name: '[exit]' }, line: 3, column: 25 },
        { messageId: 'runtimeError', data: { name: '$y' }, line: 4, column: 25 },
      ],
      output: null,
    },
    {
      name: 'a partition path is a plain name',
      code: inEvent('HTTP_REQUEST', 'set v [class lookup x ${::/Common/host_map}]'),
      errors: [{ messageId: 'runtimeError', data: { name: '/Common/host_map' }, line: 2, column: 25 }],
      output: inEvent('HTTP_REQUEST', 'set v [class lookup x /Common/host_map]'),
    },
    {
      name: 'either end of matchclass',
      code: inEvent('HTTP_REQUEST', 'if { [matchclass [HTTP::uri] starts_with $::paths] or [matchclass $::hosts equals [HTTP::host]] } { drop }'),
      options: { version: '10.2' },
      errors: [
        { messageId: 'cmpDemotion', data: { written: '$::paths', name: 'paths' }, line: 2, column: 44, severity: 'warning' },
        { messageId: 'cmpDemotion', data: { written: '$::hosts', name: 'hosts' }, line: 2, column: 69 },
      ],
      output: inEvent('HTTP_REQUEST', 'if { [matchclass [HTTP::uri] starts_with paths] or [matchclass hosts equals [HTTP::host]] } { drop }'),
    },
    {
      code: inEvent('HTTP_REQUEST', 'set t [findclass [HTTP::host] $::redirects " "]'),
      errors: [{ messageId: 'runtimeError', line: 2, column: 33 }],
      output: inEvent('HTTP_REQUEST', 'set t [findclass [HTTP::host] redirects " "]'),
    },
  ],
});
