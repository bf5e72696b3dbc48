/**
 * Events across one connection and across rules: flow order by profile, priority and attach
 * order, variables that live for the connection, static:: from RULE_INIT, event disable, return,
 * drop/reject, uncaught errors (abort the handler, reset, closing events still fire), --event.
 */
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/index.js';
import { messages, simOne, simRules } from './harness.js';

const EVERY_TCP = ['CLIENT_ACCEPTED', 'CLIENT_DATA', 'LB_SELECTED', 'SA_PICKED', 'SERVER_INIT', 'SERVER_CONNECTED', 'SERVER_DATA', 'SERVER_CLOSED', 'CLIENT_CLOSED'];
const EVERY_HTTP = ['CLIENT_ACCEPTED', 'HTTP_REQUEST', 'HTTP_REQUEST_DATA', 'LB_SELECTED', 'SA_PICKED', 'SERVER_INIT', 'SERVER_CONNECTED', 'HTTP_REQUEST_SEND', 'HTTP_REQUEST_RELEASE', 'HTTP_RESPONSE', 'HTTP_RESPONSE_DATA', 'HTTP_RESPONSE_RELEASE', 'SERVER_CLOSED', 'CLIENT_CLOSED'];
const logAll = (events: string[]): string => events.map((e) => `when ${e} { log local0. ${e} }`).join('\n');

describe('event flow', () => {
  it('a TCP virtual server fires the L4 events in order; data events only after a collect', () => {
    const r = simOne(logAll(EVERY_TCP), { virtual: 'tcp_vs' });
    expect(r.events).toEqual(['CLIENT_ACCEPTED', 'LB_SELECTED', 'SA_PICKED', 'SERVER_INIT', 'SERVER_CONNECTED', 'SERVER_CLOSED', 'CLIENT_CLOSED']);
  });

  it('TCP::collect makes CLIENT_DATA fire', () => {
    const r = simOne(`when CLIENT_ACCEPTED { TCP::collect }\nwhen CLIENT_DATA { log local0. "got [TCP::payload length]"; TCP::release }`, { virtual: 'tcp_vs', request: 'GET / HTTP/1.1\n\n' });
    expect(r.events).toEqual(['CLIENT_ACCEPTED', 'CLIENT_DATA']);
    expect(messages(r)).toEqual(['got 18']);
  });

  it('an HTTP virtual server adds the request and response events', () => {
    const r = simOne(logAll(EVERY_HTTP));
    expect(r.events).toEqual(['CLIENT_ACCEPTED', 'HTTP_REQUEST', 'LB_SELECTED', 'SA_PICKED', 'SERVER_INIT', 'SERVER_CONNECTED', 'HTTP_REQUEST_SEND', 'HTTP_REQUEST_RELEASE', 'HTTP_RESPONSE', 'HTTP_RESPONSE_RELEASE', 'SERVER_CLOSED', 'CLIENT_CLOSED']);
  });

  it('HTTP::collect makes HTTP_REQUEST_DATA fire', () => {
    const r = simOne(`when HTTP_REQUEST { HTTP::collect 4 }\nwhen HTTP_REQUEST_DATA { log local0. [HTTP::payload]; HTTP::release }`, { request: 'POST / HTTP/1.1\n\nabcd' });
    expect(r.events).toEqual(['HTTP_REQUEST', 'HTTP_REQUEST_DATA']);
    expect(messages(r)).toEqual(['abcd']);
  });

  it('HTTP::respond: no load balancing, no server events, no HTTP_RESPONSE; CLIENT_CLOSED still fires', () => {
    const r = simOne(`when HTTP_REQUEST { HTTP::respond 403 content denied X-Why policy }\n${logAll(['LB_SELECTED', 'SERVER_CONNECTED', 'HTTP_RESPONSE', 'CLIENT_CLOSED'])}`);
    expect(r.events).toEqual(['HTTP_REQUEST', 'CLIENT_CLOSED']);
    expect(r.action).toBe('respond');
    expect(r.response).toEqual({
      status: 403,
      headers: [
        { name: 'X-Why', value: 'policy' },
        { name: 'Server', value: 'BigIP' },
        { name: 'Content-Length', value: '6' },
      ],
      body: 'denied',
    });
    expect(r.pool).toBeNull();
    expect(r.snat).toBeNull();
  });

  it('the request as forwarded carries the header changes of every request event', () => {
    const r = simOne(`when HTTP_REQUEST { HTTP::header insert X-Forwarded-For [IP::client_addr] }\nwhen HTTP_REQUEST_SEND { HTTP::header remove Accept }`);
    expect(r.request?.headers).toEqual([
      { name: 'Host', value: '10.0.0.100' },
      { name: 'User-Agent', value: 'irule-sim' },
      { name: 'X-Forwarded-For', value: '10.1.1.1' },
    ]);
  });
});

describe('several rules', () => {
  it('run by priority, then in the virtual server’s attach order', () => {
    const a = 'when CLIENT_ACCEPTED { log local0. a500 }\nwhen HTTP_REQUEST priority 900 { log local0. a900 }';
    const b = 'priority 100\nwhen CLIENT_ACCEPTED { log local0. b100 }\nwhen HTTP_REQUEST { log local0. b100 }';
    const c = 'when CLIENT_ACCEPTED { log local0. c500 }\nwhen HTTP_REQUEST priority 900 { log local0. c900 }';
    const r = simOne([a, b, c]);
    expect(messages(r)).toEqual(['b100', 'a500', 'c500', 'b100', 'a900', 'c900']);
    expect(r.logs[0]).toBe('Rule /Common/rule_b <CLIENT_ACCEPTED>: b100');
  });

  it('share the connection’s variables', () => {
    const r = simOne(['when CLIENT_ACCEPTED { set who [IP::client_addr] }', 'when HTTP_REQUEST { log local0. "who=$who" }']);
    expect(messages(r)).toEqual(['who=10.1.1.1']);
  });

  it('return leaves only the running handler', () => {
    const r = simOne(['when CLIENT_ACCEPTED { log local0. a; return; log local0. never }', 'when CLIENT_ACCEPTED { log local0. b }']);
    expect(messages(r)).toEqual(['a', 'b']);
  });

  it('event disable stops the event for the rest of the connection, but not the running script', () => {
    const r = simOne(['when HTTP_REQUEST priority 10 { event disable; log local0. still }', 'when HTTP_REQUEST { log local0. other }\nwhen LB_SELECTED { log local0. lb }']);
    expect(messages(r)).toEqual(['still', 'lb']);
  });

  it('event disable all stops every later event; the connection still goes to the server', () => {
    const r = simOne('when CLIENT_ACCEPTED { event disable all }\nwhen HTTP_REQUEST { log local0. no }\nwhen CLIENT_CLOSED { log local0. no }');
    expect(messages(r)).toEqual([]);
    expect(r.action).toBe('forward');
    expect(r.member).toBe('10.1.10.11:80');
  });

  it('event <name> disable and enable', () => {
    const r = simOne('when CLIENT_ACCEPTED { event LB_SELECTED disable; event CLIENT_CLOSED disable; event CLIENT_CLOSED enable }\nwhen LB_SELECTED { log local0. no }\nwhen CLIENT_CLOSED { log local0. closed }');
    expect(messages(r)).toEqual(['closed']);
  });

  it('call runs procs of the same rule or of another rule', () => {
    const a = 'proc greet {who {greeting hello}} { return "$greeting $who" }\nwhen CLIENT_ACCEPTED { log local0. [call greet bob]; log local0. [call rule_b::twice 3] }';
    const b = 'proc twice {n} { return [expr {$n * 2}] }';
    expect(messages(simOne([a, b]))).toEqual(['hello bob', '6']);
  });

  it('call of an unknown proc fails as BIG-IP does', () => {
    expect(simOne('when CLIENT_ACCEPTED { call nope }').error?.message).toBe('proc nope not found');
  });
});

describe('RULE_INIT and static variables', () => {
  it('runs once, before the first connection; static:: values are seen by every connection', () => {
    const r = simRules('when RULE_INIT { set static::limit 5; set static::hits 0; log local0. init }\nwhen CLIENT_ACCEPTED { incr static::hits; log local0. "$static::limit $static::hits" }', { clients: ['10.1.1.1', '10.1.1.2'] });
    expect(r.ruleInit.rules).toEqual(['/Common/rule_a']);
    expect(r.ruleInit.logs).toEqual(['Rule /Common/rule_a <RULE_INIT>: init']);
    expect(r.results.map(messages)).toEqual([['5 1'], ['5 2']]);
  });

  it('plain variables of RULE_INIT are globals; connection variables start fresh', () => {
    const r = simRules('when RULE_INIT { set g 1 }\nwhen CLIENT_ACCEPTED { log local0. "$::g [info exists x]"; set x 1 }', { clients: ['10.1.1.1', '10.1.1.2'] });
    expect(r.results.map(messages)).toEqual([['1 0'], ['1 0']]);
  });

  it('connection commands in RULE_INIT make BIG-IP refuse the rule at load', () => {
    expect(() => simRules('when RULE_INIT { set static::a [IP::client_addr] }')).toThrow('rule_a.irule:1:33: command is not valid in current event context (RULE_INIT)');
  });

  it('a static read before it is set fails at run time', () => {
    const r = simOne('when CLIENT_ACCEPTED { log local0. $static::probesv }');
    expect(r.error?.message).toBe(`can't read "static::probesv": no such variable`);
  });
});

describe('ending a connection', () => {
  it('reject: the rest of the script and the other rules of the event still run, later events do not', () => {
    const r = simOne(['when CLIENT_ACCEPTED { reject; log local0. after }', 'when CLIENT_ACCEPTED { log local0. other }\nwhen HTTP_REQUEST { log local0. no }\nwhen CLIENT_CLOSED { log local0. closed }']);
    expect(messages(r)).toEqual(['after', 'other', 'closed']);
    expect(r.action).toBe('reject');
    expect(r.member).toBeNull();
  });

  it('drop and discard drop silently', () => {
    expect(simOne('when CLIENT_ACCEPTED { drop }').action).toBe('drop');
    expect(simOne('when CLIENT_ACCEPTED { discard }').action).toBe('drop');
  });

  it('an uncaught error aborts the handler and the other rules of the event, resets, and CLIENT_CLOSED fires', () => {
    const r = simOne(['when CLIENT_ACCEPTED {\n  log local0. before\n  set a $b\n  log local0. after\n}', 'when CLIENT_ACCEPTED { log local0. other }\nwhen CLIENT_CLOSED { log local0. closed }']);
    expect(messages(r)).toEqual(['before', 'closed']);
    expect(r.action).toBe('reject');
    expect(r.error).toMatchObject({
      message: `can't read "b": no such variable`,
      event: 'CLIENT_ACCEPTED',
      rule: '/Common/rule_a',
      line: 3,
      command: 'set a $b',
      tmmLog: `TCL error: /Common/rule_a <CLIENT_ACCEPTED> - can't read "b": no such variable while executing "set a $b"`,
    });
  });

  it('an error inside a proc names the innermost command and the handler line of the call', () => {
    const r = simOne('proc p {} {\n  expr {1/0}\n}\nwhen CLIENT_ACCEPTED {\n  call p\n}');
    expect(r.error).toMatchObject({ message: 'divide by zero', command: 'expr {1/0}', line: 2 });
    expect(r.error?.tmmLog).toBe('TCL error: /Common/rule_a <CLIENT_ACCEPTED> - divide by zero while executing "expr {1/0}"');
  });

  it('the logged line counts from the line after "when EVENT {" (as the seed story\'s real log), the JSON line is the file\'s', () => {
    const r = simOne('# comment\n# comment\nwhen CLIENT_ACCEPTED {\n  if {1} {\n    snat bad\n  }\n}');
    expect(r.error?.line).toBe(5);
    expect(r.error?.tmmLog).toBe('TCL error: /Common/rule_a <CLIENT_ACCEPTED> - bad IP address format (line 2) invoked from within "snat bad"');
  });

  it('code on the when line makes that line line 1, as in Tcl', () => {
    const r = simOne('when CLIENT_ACCEPTED { set a 1\n  snat bad\n}');
    expect(r.error?.tmmLog).toBe('TCL error: /Common/rule_a <CLIENT_ACCEPTED> - bad IP address format (line 2) invoked from within "snat bad"');
  });
});

describe('--event', () => {
  it('fires only the chosen events, in flow order; the connection still goes to the server', () => {
    const r = simOne(logAll(['CLIENT_ACCEPTED', 'HTTP_REQUEST', 'LB_SELECTED', 'CLIENT_CLOSED']), { events: ['LB_SELECTED', 'CLIENT_ACCEPTED'] });
    expect(r.events).toEqual(['CLIENT_ACCEPTED', 'LB_SELECTED']);
    expect(r.member).toBe('10.1.10.11:80');
  });

  it('fires an event outside the flow after the others, and says so', () => {
    const r = simRules('when HTTP_REQUEST { log local0. [HTTP::uri] }', { virtual: 'tcp_vs', events: ['HTTP_REQUEST'] });
    expect(r.notes.join(' ')).toMatch(/HTTP_REQUEST is not part of the tcp flow/);
    expect(r.results[0].error?.message).toBe('ERR_NOT_SUPPORTED');
  });
});

describe('not modelled commands', () => {
  it('are reported in the result and return ""', () => {
    const r = simOne('when CLIENT_ACCEPTED { STREAM::disable; log local0. "x[TCP::rtt]x" }');
    expect(r.notModelled).toEqual(['STREAM::disable', 'TCP::rtt']);
    expect(messages(r)).toEqual(['xx']);
    expect(r.error).toBeNull();
  });

  it('unknown commands reached at run time are Tcl errors', () => {
    expect(simOne('when CLIENT_ACCEPTED { set c nocommand; $c }').error?.message).toBe('invalid command name "nocommand"');
  });
});

describe('errors after the server-side connection', () => {
  it('the server saw the connection: SNAT and member are reported, the action is a reset', () => {
    const r = simOne('when HTTP_RESPONSE { set x $nope }', { virtual: 'http_vs' });
    expect(r.action).toBe('reject');
    expect(r.member).toBe('10.1.10.11:80');
    expect(r.snat?.address).toBe('10.1.10.6');
    expect(r.error?.event).toBe('HTTP_RESPONSE');
  });

  it('an error in CLIENT_CLOSED does not turn a forwarded connection into a reset', () => {
    const r = simOne('when CLIENT_CLOSED { error late }');
    expect(r.action).toBe('forward');
    expect(r.error?.message).toBe('late');
  });
});

describe('flows of other profiles', () => {
  const conf = (profiles: string, extra = ''): import('../../../src/bigip/model.js').BigipConfig =>
    parseBigipConf(`ltm pool /Common/p { members { /Common/10.0.0.11:443 { address 10.0.0.11 } } }
ltm virtual /Common/vs {
    destination /Common/10.0.0.100:443
    ${extra}
    pool /Common/p
    profiles { ${profiles} }
}`).config;

  it('client SSL and HTTP: the handshake events before HTTP_REQUEST; server SSL events only with a server SSL profile', () => {
    const events = ['CLIENT_ACCEPTED', 'CLIENTSSL_CLIENTHELLO', 'CLIENTSSL_HANDSHAKE', 'HTTP_REQUEST', 'SERVER_CONNECTED', 'SERVERSSL_HANDSHAKE', 'HTTP_RESPONSE'];
    const rule = events.map((e) => `when ${e} { }`).join('\n');
    const https = simRules(rule, { config: conf('/Common/tcp { } /Common/clientssl { } /Common/http { }'), virtual: 'vs' });
    expect(https.results[0].events).toEqual(['CLIENT_ACCEPTED', 'CLIENTSSL_CLIENTHELLO', 'CLIENTSSL_HANDSHAKE', 'HTTP_REQUEST', 'SERVER_CONNECTED', 'HTTP_RESPONSE']);
    const both = simRules(rule, { config: conf('/Common/tcp { } /Common/clientssl { } /Common/http { } /Common/serverssl { }'), virtual: 'vs' });
    expect(both.results[0].events).toEqual(['CLIENT_ACCEPTED', 'CLIENTSSL_CLIENTHELLO', 'CLIENTSSL_HANDSHAKE', 'HTTP_REQUEST', 'SERVER_CONNECTED', 'SERVERSSL_HANDSHAKE', 'HTTP_RESPONSE']);
  });

  it('UDP: CLIENT_DATA fires for the datagram without a collect, after LB_SELECTED', () => {
    const rule = ['CLIENT_ACCEPTED', 'CLIENT_DATA', 'LB_SELECTED', 'CLIENT_CLOSED'].map((e) => `when ${e} { }`).join('\n');
    const r = simRules(rule, { config: conf('/Common/udp { }', 'ip-protocol udp'), virtual: 'vs' });
    expect(r.results[0].events).toEqual(['CLIENT_ACCEPTED', 'LB_SELECTED', 'CLIENT_DATA', 'CLIENT_CLOSED']);
  });
});
