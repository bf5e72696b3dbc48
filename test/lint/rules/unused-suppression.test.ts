import rule from '../../../src/lint/rules/unused-suppression.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable -- set by another iRule\nlog local0. $shared'),
    inEvent('HTTP_REQUEST', 'log local0. $shared ;# irule-lint-disable-line undefined-variable'),
    inEvent('HTTP_REQUEST', '# irule-lint-disable undefined-variable -- legacy block\nlog local0. $a\nlog local0. $b\n# irule-lint-enable undefined-variable'),
    { name: 'a suppression of a rule that is off is not judged', code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable\nlog local0. x'), options: { rules: { 'undefined-variable': 'off' } } },
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable -- stale\nset uri [HTTP::uri]'),
      errors: [{ messageId: 'unused', data: { kind: 'disable-next-line', id: 'undefined-variable' }, line: 2, column: 3 }],
    },
    {
      name: 'a region that silences nothing',
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable snat-argument\nsnat automap\n# irule-lint-enable snat-argument'),
      errors: [{ messageId: 'unused', data: { kind: 'disable', id: 'snat-argument' }, line: 2, column: 3 }],
    },
    {
      name: 'the directive applies to the next line only',
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable\nset a 1\nlog local0. $b'),
      errors: [{ messageId: 'unused', line: 2, column: 3 }],
    },
  ],
});
