import rule from '../../../src/lint/rules/cmp-global-variable.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    'when RULE_INIT {\n  set static::max 10\n}\nwhen HTTP_REQUEST {\n  if { [table incr hits] > $static::max } { drop }\n}\n',
    inEvent('HTTP_REQUEST', 'set x 1\nlog local0. $x'),
    { name: 'the GTM spelling of static', code: inEvent('DNS_REQUEST', 'log local0. $::static::name') },
    // A data group read as a global list (never set by the rule) is datagroup-global-reference's.
    { name: 'a v9 data group list', code: inEvent('HTTP_REQUEST', 'if { [lsearch $::allowed_hosts [HTTP::host]] < 0 } { reject }') },
    { name: 'a data group of the configuration, in a string', code: inEvent('CLIENT_ACCEPTED', 'log local0. "relay: $::smtp_relay_allowed"'), options: { bigipConf: SEED_BIGIP_CONF } },
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'log local0. $::count'),
      errors: [{ messageId: 'global', data: { name: '::count', short: 'count' }, line: 2, column: 15, endColumn: 23 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set ::count 1\nincr ::count'),
      errors: [
        { messageId: 'global', data: { name: '::count', short: 'count' }, line: 2, column: 7 },
        { messageId: 'global', data: { name: '::count', short: 'count' }, line: 3, column: 8 },
      ],
    },
    {
      code: inEvent('HTTP_REQUEST', 'global hits\nincr hits'),
      errors: [{ messageId: 'globalCommand', data: { name: 'hits' }, line: 2, column: 10 }],
    },
    {
      name: 'a global list the rule sets itself stays a global variable',
      code: 'when RULE_INIT {\n  set ::bad_agents [list curl wget]\n}\n' + inEvent('HTTP_REQUEST', 'if { [lsearch $::bad_agents x] >= 0 } { drop }'),
      errors: [
        { messageId: 'global', data: { name: '::bad_agents' }, line: 2, column: 7 },
        { messageId: 'global', data: { name: '::bad_agents', short: 'bad_agents' }, line: 5, column: 17 },
      ],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set ::seen(a) 1'),
      errors: [{ messageId: 'global', data: { name: '::seen', short: 'seen' }, line: 2, column: 7 }],
    },
  ],
});
