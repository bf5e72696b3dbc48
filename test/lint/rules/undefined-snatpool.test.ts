import rule from '../../../src/lint/rules/undefined-snatpool.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

const conf = { bigipConf: SEED_BIGIP_CONF };

ruleTester(rule, {
  valid: [
    { code: inEvent('CLIENT_ACCEPTED', 'snatpool o365-smtp-relay_snat'), options: conf },
    { code: inEvent('CLIENT_ACCEPTED', 'snatpool whatever') },
  ],
  invalid: [
    {
      code: inEvent('CLIENT_ACCEPTED', 'snatpool o365-smtp-relay-snat'),
      options: conf,
      errors: [{ messageId: 'missing', data: { name: 'o365-smtp-relay-snat', hint: ' (did you mean "o365-smtp-relay_snat"?)' }, line: 2, column: 12 }],
    },
  ],
});
