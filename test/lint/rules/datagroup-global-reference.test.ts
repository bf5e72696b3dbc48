import rule from '../../../src/lint/rules/datagroup-global-reference.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allowed] } { snat automap }'),
    inEvent('HTTP_REQUEST', 'set v [class lookup [HTTP::host] /Partition/host_map]'),
    { name: 'a global variable as the item is not a data group', code: inEvent('HTTP_REQUEST', 'class match $::item equals dg') },
    inEvent('HTTP_REQUEST', 'set dg host_map\nclass search $dg starts_with [HTTP::uri]'),
    {
      name: 'a global list the rule sets itself is a variable, not a data group',
      code: 'when RULE_INIT {\n  set ::blocked_agents [list curl wget]\n}\n' + inEvent('HTTP_REQUEST', 'if { [lsearch -glob $::blocked_agents [HTTP::header User-Agent]] >= 0 } { drop }'),
    },
    {
      name: 'declared with global in a proc',
      code: 'proc remember {x} {\n  global seen\n  lappend seen $x\n}\n' + inEvent('HTTP_REQUEST', 'foreach s $::seen { log local0. $s }'),
    },
    { name: 'an item, not a list', code: inEvent('HTTP_REQUEST', 'if { [lsearch $list $::item] >= 0 } { drop }') },
    { name: 'any other global with no configuration', code: inEvent('HTTP_REQUEST', 'log local0. $::hits') },
    { name: 'a global the configuration does not name', code: inEvent('HTTP_REQUEST', 'log local0. $::hits'), options: { bigipConf: SEED_BIGIP_CONF } },
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
    {
      name: 'v9 list form: lsearch and foreach over a data group read as a global list',
      code: inEvent('HTTP_REQUEST', 'if { [lsearch -exact $::allowed_hosts [HTTP::host]] < 0 } {\n  reject\n  return\n}\nforeach prefix $::cache_prefixes {\n  if { [HTTP::uri] starts_with $prefix } { CACHE::disable }\n}'),
      options: { version: '11.4' },
      errors: [
        { messageId: 'listRuntimeError', data: { written: '$::allowed_hosts', name: 'allowed_hosts' }, line: 2, column: 24, endColumn: 40, severity: 'error' },
        { messageId: 'listRuntimeError', data: { written: '$::cache_prefixes', name: 'cache_prefixes' }, line: 6, column: 18, severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'v9 list form before 11.0: a warning',
      code: inEvent('HTTP_REQUEST', 'set n [llength $::allowed_hosts]'),
      options: { version: '10.2' },
      errors: [{ messageId: 'listCmpDemotion', line: 2, column: 18, severity: 'warning' }],
      output: null,
    },
    {
      name: 'any $::name where bigip.conf defines the data group',
      code: inEvent('CLIENT_ACCEPTED', 'set allowed $::smtp_relay_allowed\nif { [IP::addr [IP::client_addr] equals $allowed] } { snat automap }'),
      options: { bigipConf: SEED_BIGIP_CONF, version: '11.1' },
      errors: [{ messageId: 'confRuntimeError', data: { written: '$::smtp_relay_allowed', name: 'smtp_relay_allowed' }, line: 2, column: 15 }],
      output: null,
    },
    {
      name: 'a configured data group read inside a string and an expression',
      code: inEvent('CLIENT_ACCEPTED', 'log local0. "relay list: $::smtp_relay_allowed"\nif { $::smtp_relay_allowed ne "" } { snat automap }'),
      options: { bigipConf: SEED_BIGIP_CONF, version: '11.1' },
      errors: [
        { messageId: 'confRuntimeError', line: 2, column: 28, endColumn: 49 },
        { messageId: 'confRuntimeError', line: 3, column: 8 },
      ],
      output: null,
    },
  ],
});
