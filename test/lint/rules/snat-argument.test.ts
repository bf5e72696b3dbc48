import rule from '../../../src/lint/rules/snat-argument.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('CLIENT_ACCEPTED', 'snat automap'),
    inEvent('CLIENT_ACCEPTED', 'snat none'),
    inEvent('CLIENT_ACCEPTED', 'snat 10.1.1.1'),
    inEvent('CLIENT_ACCEPTED', 'snat 10.1.1.1 4000'),
    inEvent('CLIENT_ACCEPTED', 'snat 10.1.1.1%2'),
    inEvent('CLIENT_ACCEPTED', 'snat 2001:db8::10'),
    inEvent('CLIENT_ACCEPTED', 'set a "172.16.51.174"\nsnat $a'),
    { name: 'a variable set from a command is not traced', code: inEvent('CLIENT_ACCEPTED', 'set a [class lookup [IP::client_addr] snat_map]\nsnat $a') },
    { name: 'a variable also written by foreach is not traced', code: inEvent('CLIENT_ACCEPTED', 'set a pool_x\nforeach a {10.0.0.1} { }\nsnat $a') },
    { name: 'a variable in a proc is traced in the proc only', code: 'proc p {} {\n  set a 10.0.0.1\n  snat $a\n}\nwhen CLIENT_ACCEPTED {\n  set a nope\n}\n' },
  ],
  invalid: [
    {
      code: inEvent('CLIENT_ACCEPTED', 'snat my_snatpool'),
      errors: [{ messageId: 'notAddress', data: { value: 'my_snatpool', via: '' }, line: 2, column: 8, endColumn: 19 }],
    },
    {
      name: 'a constant traced through a variable',
      code: inEvent('CLIENT_ACCEPTED', 'set s "10.0.0.300"\nsnat $s'),
      errors: [{ messageId: 'notAddress', data: { value: '10.0.0.300', via: ' (from $s, line 2)' }, line: 3, column: 8 }],
    },
    {
      name: 'a SNAT pool name, with the seed bigip.conf',
      code: inEvent('CLIENT_ACCEPTED', 'set accepted_snat "o365-smtp-relay_snat"\nsnat $accepted_snat'),
      options: { bigipConf: SEED_BIGIP_CONF },
      errors: [
        {
          messageId: 'snatpoolName',
          data: { value: 'o365-smtp-relay_snat', via: ' (from $accepted_snat, line 2)' },
          line: 3,
          column: 8,
        },
      ],
    },
    {
      name: 'a pool name with a route domain that is not a number',
      code: inEvent('CLIENT_ACCEPTED', 'snat 10.0.0.1%x'),
      errors: [{ messageId: 'notAddress', line: 2, column: 8 }],
    },
  ],
});
