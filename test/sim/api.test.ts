/**
 * The interpreter API the iRule layer builds on: registering commands, per-connection frames,
 * static:: and global variables, running a parsed `when` body with limits, error positions, the
 * hook for commands nobody modelled.
 */
import { describe, expect, it } from 'vitest';
import type { When, Word } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';
import { Code, createTclInterp, ok, type Interp } from '../../src/sim/index.js';

const RULE = `when RULE_INIT {
    set static::greeting "hello"
}
when CLIENT_ACCEPTED {
    set hits 0
    set client [IP::client_addr]
}
when HTTP_REQUEST {
    incr hits
    if { [HTTP::uri] starts_with "/admin" } {
        set denied [expr {$hits > 1}]
        log "denied $client"
    }
    set x $undefined_var
}`;

function rule(): { interp: Interp; events: Map<string, When>; logs: string[] } {
  const interp = createTclInterp();
  const logs: string[] = [];
  interp.register('IP::client_addr', () => ok('10.1.1.1'), { max: 0 });
  interp.register('HTTP::uri', () => ok('/admin/x'), { max: 1, usage: '?uri?' });
  interp.register('log', (_it, argv) => {
    logs.push(argv[argv.length - 1]);
    return ok('');
  });
  const { ast, diagnostics } = parse(RULE, { dialect: 'irule' });
  interp.noteDiagnostics(ast, diagnostics, RULE);
  const events = new Map<string, When>();
  for (const st of ast.body) if (st.type === 'When') events.set(st.event, st);
  return { interp, events, logs };
}

describe('running handlers', () => {
  it('api.1 runs when bodies on per-connection frames; statics are shared', () => {
    const { interp, events, logs } = rule();
    expect(interp.run(events.get('RULE_INIT')!.body!, { src: RULE }).code).toBe(Code.OK);
    const conn1 = interp.newFrame();
    const conn2 = interp.newFrame();
    expect(interp.run(events.get('CLIENT_ACCEPTED')!.body!, { frame: conn1, src: RULE }).code).toBe(Code.OK);
    expect(interp.run(events.get('CLIENT_ACCEPTED')!.body!, { frame: conn2, src: RULE }).code).toBe(Code.OK);
    expect(interp.readVar('client', conn1)).toBe('10.1.1.1');
    expect(interp.readVar('static::greeting', conn2)).toBe('hello');
    expect(interp.readVar('hits', interp.globalFrame)).toBeUndefined();
    const r = interp.run(events.get('HTTP_REQUEST')!.body!, { frame: conn1, src: RULE });
    expect(logs).toEqual(['denied 10.1.1.1']);
    expect(interp.readVar('hits', conn1)).toBe('1');
    expect(interp.readVar('hits', conn2)).toBe('0');
    expect(r.code).toBe(Code.ERROR);
    expect(r.value).toBe(`can't read "undefined_var": no such variable`);
  });

  it('api.2 reports the failing command, its line and the Tcl errorInfo', () => {
    const { interp, events } = rule();
    const conn = interp.newFrame();
    interp.run(events.get('CLIENT_ACCEPTED')!.body!, { frame: conn, src: RULE });
    const body = events.get('HTTP_REQUEST')!.body!;
    const r = interp.run(body, { frame: conn, src: RULE });
    expect(r.errorCommand).toBe('set x $undefined_var');
    expect(r.errorLine).toBe(7);
    expect(r.errorInfo).toBe(`can't read "undefined_var": no such variable\n    while executing\n"set x $undefined_var"`);
    expect(r.errorSite).toMatchObject({ command: 'set x $undefined_var', line: 7, src: RULE });
    expect(RULE.slice(0, r.errorSite!.offset).split('\n').length).toBe(14);
  });

  it('api.3 an error inside a nested body reports the innermost command and its line in the handler', () => {
    const interp = createTclInterp();
    const src = 'when X {\n  if {1} {\n    foreach a {1 2} {\n      set b [expr {$a / 0}]\n    }\n  }\n}';
    const when = parse(src).ast.body[0] as When;
    const r = interp.run(when.body!, { src });
    expect(r.value).toBe('divide by zero');
    expect(r.errorCode).toBe('ARITH DIVZERO {divide by zero}');
    expect(r.errorSite).toMatchObject({ command: 'expr {$a / 0}', line: 4 });
    expect(r.errorCommand).toBe('if {1} {\n    foreach a {1 2} {\n      set b [expr {$a / 0}]\n    }\n  }');
    expect(r.errorLine).toBe(4);
  });

  it('api.4 return ends a handler normally; break outside a loop is an error', () => {
    const interp = createTclInterp();
    expect(interp.run('set a 1; return; set a 2')).toMatchObject({ code: Code.OK });
    expect(interp.readVar('a', interp.globalFrame)).toBe('1');
    expect(interp.run('break')).toMatchObject({ code: Code.ERROR, value: 'invoked "break" outside of a loop' });
    expect(interp.run('return -code error oops')).toMatchObject({ code: Code.ERROR, value: 'oops' });
  });

  it('api.5 a syntax error in a body fails only when the body runs', () => {
    const interp = createTclInterp({ dialect: 'tcl' });
    expect(interp.run('set a 1; if 0 {set b [oops}; set a')).toMatchObject({ code: 0, value: '1' });
    expect(interp.run('if 1 {set b [oops}')).toMatchObject({ code: 1, value: 'missing close-bracket' });
    expect(interp.run('set a [oops')).toMatchObject({ code: 1, value: 'missing close-bracket' });
  });

  it('api.6 static:: variables read before being set give the BIG-IP runtime message', () => {
    const interp = createTclInterp();
    expect(interp.run('set x $static::probesv').value).toBe(`can't read "static::probesv": no such variable`);
    expect(interp.run('set ::static::a 1; set static::a')).toMatchObject({ code: 0, value: '1' });
    expect(interp.run('set foo::bar 1').value).toBe(`can't set "foo::bar": parent namespace doesn't exist`);
  });

  it('api.7 globals: ::name and the global command reach the global frame from a connection', () => {
    const interp = createTclInterp();
    const conn = interp.newFrame();
    interp.run('set ::counter 5; global g; set g 7; set local 1', { frame: conn });
    expect(interp.readVar('counter', interp.globalFrame)).toBe('5');
    expect(interp.readVar('g', interp.globalFrame)).toBe('7');
    expect(interp.readVar('local', interp.globalFrame)).toBeUndefined();
    expect(interp.writeVar('preset', 'v', conn)).toBeUndefined();
    expect(interp.run('set preset', { frame: conn }).value).toBe('v');
  });
});

describe('commands', () => {
  it('api.8 checks arity from the spec, with the name as invoked', () => {
    const interp = createTclInterp();
    interp.register('HTTP::header', () => ok('v'), { min: 1, max: 3, usage: '?value|names|count? name' });
    expect(interp.run('HTTP::header').value).toBe('wrong # args: should be "HTTP::header ?value|names|count? name"');
    expect(interp.run('::HTTP::header a b c d').value).toBe('wrong # args: should be "::HTTP::header ?value|names|count? name"');
    expect(interp.run('HTTP::header Host').value).toBe('v');
  });

  it('api.9 handlers see substituted arguments and, from source, the raw words', () => {
    const interp = createTclInterp();
    const seen: { argv: string[]; words: readonly Word[] | undefined }[] = [];
    interp.register('probe', (_it, argv, words) => {
      seen.push({ argv, words });
      return ok('');
    });
    interp.run('set v 1; probe {a $v} "b $v" [set v]; eval probe x');
    expect(seen[0].argv).toEqual(['probe', 'a $v', 'b 1', '1']);
    expect(seen[0].words?.map((w) => w.type)).toEqual(['BareWord', 'BracedWord', 'QuotedWord', 'BareWord']);
    expect(seen[1].argv).toEqual(['probe', 'x']);
  });

  it('api.10 unknown commands go to the hook, then to Tcl\'s message', () => {
    const interp = createTclInterp();
    const unmodelled: string[] = [];
    interp.onUnknownCommand = (_it, argv) => {
      if (!argv[0].includes('::')) return undefined;
      unmodelled.push(argv[0]);
      return ok('');
    };
    expect(interp.run('SSL::cipher name; nosuch').value).toBe('invalid command name "nosuch"');
    expect(unmodelled).toEqual(['SSL::cipher']);
  });

  it('api.11 procedures: defined from source or by the host, called directly or with call', () => {
    const interp = createTclInterp();
    interp.defineProc({ name: 'rule1::double', params: [{ name: 'x' }], body: 'expr {$x * 2}' });
    expect(interp.run('call rule1::double 21').value).toBe('42');
    expect(interp.run('call nosuch 1').value).toBe('proc nosuch not found');
    expect(interp.run('proc add {a {b 1}} {expr {$a + $b}}; list [add 1] [add 1 2] [call add 5]').value).toBe('2 3 6');
  });

  it('api.12 uplevel, upvar and info level see the call chain', () => {
    const interp = createTclInterp({ dialect: 'tcl' });
    const r = interp.run('proc inner {} {upvar 1 v v; set v changed; uplevel 1 {set w [info level]}; info level}; proc outer {} {set v 0; set l [inner]; list $v $w $l}; outer');
    expect(r.value).toBe('changed 1 2');
  });

  it('api.13 parsed code held in strings is cached by text', () => {
    const interp = createTclInterp();
    const r = interp.run('set n 0; set body {incr n}; for {set i 0} {$i < 100} {incr i} {eval $body; if $n>0 {}}; set n');
    expect(r.value).toBe('100');
  });
});

describe('speed', () => {
  it('api.14 runs the seed SMTP iRule for ≥ 50,000 simulated clients per second', () => {
    const src = `when CLIENT_ACCEPTED {
set accepted_snat "172.16.51.174"

if { [ class exists smtp_relay_allowed ] }
{
if { [class match [IP::client_addr] equals smtp_relay_allowed] }
{
snat $accepted_snat
} else {
snat automap
}
} else {
snat automap
}
}`;
    const interp = createTclInterp();
    let snat = '';
    let client = 0;
    interp.register('class', (_it, argv) => ok(argv[1] === 'exists' ? '1' : argv[2].endsWith('.1') ? '1' : '0'));
    interp.register('IP::client_addr', () => ok(`10.0.0.${client % 4}`));
    interp.register('snat', (_it, argv) => {
      snat = argv[1];
      return ok('');
    });
    const body = (parse(src).ast.body[0] as When).body!;
    const snats = new Map<string, number>();
    const N = 50_000;
    const t0 = performance.now();
    for (client = 0; client < N; client++) {
      const r = interp.run(body, { frame: interp.newFrame(), src });
      if (r.code !== Code.OK) throw new Error(r.value);
      snats.set(snat, (snats.get(snat) ?? 0) + 1);
    }
    const seconds = (performance.now() - t0) / 1000;
    expect(snats.get('172.16.51.174')).toBe(N / 4);
    expect(snats.get('automap')).toBe((3 * N) / 4);
    expect(N / seconds).toBeGreaterThan(50_000);
  });
});
