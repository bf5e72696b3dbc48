import rule from '../../../src/lint/rules/undefined-pool.js';
import { inEvent, ruleTester, SEED_BIGIP_CONF } from '../rule-tester.js';

const conf = { bigipConf: SEED_BIGIP_CONF };

ruleTester(rule, {
  valid: [
    { code: inEvent('CLIENT_ACCEPTED', 'pool smtp_pool\npool /Common/smtp_pool member 172.16.51.31 25'), options: conf },
    { name: 'a computed name is only known at run time', code: inEvent('CLIENT_ACCEPTED', 'pool $p'), options: conf },
    { name: 'without --bigip-conf nothing is checked', code: inEvent('CLIENT_ACCEPTED', 'pool nowhere') },
  ],
  invalid: [
    {
      code: inEvent('CLIENT_ACCEPTED', 'pool smtp_pol'),
      options: conf,
      errors: [{ messageId: 'missing', data: { name: 'smtp_pol', hint: ' (did you mean "smtp_pool"?)' }, line: 2, column: 8, endColumn: 16 }],
    },
    {
      code: inEvent('LB_FAILED', 'LB::reselect pool backup_pool'),
      options: conf,
      errors: [{ messageId: 'missing', data: { name: 'backup_pool' }, line: 2, column: 21 }],
    },
  ],
});
