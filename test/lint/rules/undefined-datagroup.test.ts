import rule from '../../../src/lint/rules/undefined-datagroup.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

const conf = { bigipConf: SEED_BIGIP_CONF };

ruleTester(rule, {
  valid: [
    { code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allowed] } { }'), options: conf },
    { name: 'class exists is how a rule tests for a data group', code: inEvent('CLIENT_ACCEPTED', 'if { [class exists maybe_missing] } { }'), options: conf },
    { code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals /Common/smtp_relay_allowed] } { }'), options: conf },
    { code: inEvent('CLIENT_ACCEPTED', 'set dg relay\nclass match [IP::client_addr] equals $dg'), options: conf },
  ],
  invalid: [
    {
      code: inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals smtp_relay_allow] } { }'),
      options: conf,
      errors: [{ messageId: 'missing', data: { name: 'smtp_relay_allow', hint: ' (did you mean "smtp_relay_allowed"?)' }, line: 2, column: 46 }],
    },
    {
      name: 'an ip data group matched against a host name',
      code: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::host] equals smtp_relay_allowed] } { }'),
      options: conf,
      errors: [{ messageId: 'wrongType', data: { name: 'smtp_relay_allowed', type: 'ip', value: 'text that is not an address' }, line: 2, column: 21 }],
    },
  ],
});
