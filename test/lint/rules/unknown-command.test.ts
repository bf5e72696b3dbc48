import rule from '../../../src/lint/rules/unknown-command.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'GTM wide-IP rules call cname, host, whoami ... without a namespace', code: 'when DNS_REQUEST {\n  if { [uptime] < 300 } {\n    discard\n    return\n  }\n  if { [IP::addr [IP::client_addr]/16 equals 10.10.0.0] && [whoami] eq "dc1-gtm01" } {\n    host 10.10.1.100\n  } elseif { [DNS::question name] ends_with ".legacy.example.com" } {\n    cname www.example.com\n  } else {\n    persist disable\n  }\n}\nwhen LB_SELECTED {\n  log local0. "[wideip] in [whereami], persistence [persist]"\n}\n' },
    inEvent('HTTP_REQUEST', 'HTTP::header insert X-A 1\nset x [string tolower [HTTP::host]]\nlog local0. $x'),
    'proc p {} {\n  return 1\n}\nwhen HTTP_REQUEST {\n  set r [call p]\n}\n',
    { name: 'plain Tcl files are not judged', code: 'proc p {} { dict create }\np\n', options: { dialect: 'tcl' } },
    { name: 'a computed command name cannot be judged', code: inEvent('HTTP_REQUEST', 'set cmd log\n$cmd local0. x') },
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'HTTP::hedaer insert X-A 1'),
      errors: [{ messageId: 'unknown', data: { name: 'HTTP::hedaer', hint: ' (did you mean "HTTP::header"?)' }, line: 2, column: 3, endColumn: 15 }],
    },
    {
      code: 'proc p {} {\n  return 1\n}\nwhen HTTP_REQUEST {\n  p\n}\n',
      errors: [{ messageId: 'procWithoutCall', data: { name: 'p' }, line: 5, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'lassign [split [HTTP::host] .] a b'),
      errors: [{ messageId: 'newerTcl', data: { name: 'lassign', tcl: '8.5' }, line: 2, column: 3 }],
    },
  ],
});
