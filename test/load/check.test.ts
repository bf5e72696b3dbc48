/** The load check shared by the linter and the simulator (src/load/check.ts). */
import { describe, expect, it } from 'vitest';
import { checkLoad } from '../../src/load/check.js';
import { parse } from '../../src/syntax/index.js';
import { LineIndex } from '../../src/syntax/line-index.js';

/** `line:column rule/messageId: BIG-IP message` for each problem of a rule text. */
function problems(text: string, version = '14.1.0'): string[] {
  const { ast } = parse(text, { dialect: 'irule' });
  const lines = new LineIndex(text);
  return checkLoad(ast, version, (o) => lines.position(o).line + 1).map((i) => {
    const p = lines.position(i.range.start);
    return `${p.line + 1}:${p.column + 1} ${i.ruleId}/${i.messageId}: ${i.bigip}`;
  });
}

describe('load check', () => {
  it('accepts a clean rule with a proc called through call (also rule::proc)', () => {
    const rule = [
      'proc client_key {addr} { return "k:$addr" }',
      'when CLIENT_ACCEPTED {',
      '  set k [call client_key [IP::client_addr]]',
      '  set j [call myrule::client_key [IP::client_addr]]',
      '}',
    ].join('\n');
    expect(problems(rule)).toEqual([]);
  });

  it('refuses an unknown command with "undefined procedure", also inside catch', () => {
    expect(problems('when CLIENT_ACCEPTED {\n  catch { snat_helper 1 }\n}')).toEqual(['2:11 unknown-command/unknown: undefined procedure: snat_helper']);
  });

  it('refuses a proc of the rule called without call', () => {
    expect(problems('proc helper {} { return 1 }\nwhen HTTP_REQUEST { helper }')).toEqual(['2:21 unknown-command/procWithoutCall: undefined procedure: helper']);
  });

  it('refuses a command invalid in its event, directly and through a called proc', () => {
    expect(problems('when CLIENT_ACCEPTED { log local0. [HTTP::uri] }')).toEqual([
      '1:37 command-event-context/invalid: command is not valid in current event context (CLIENT_ACCEPTED)',
    ]);
    expect(problems('proc u {} { return [HTTP::uri] }\nwhen CLIENT_ACCEPTED { call u }\nwhen HTTP_REQUEST { call u }')).toEqual([
      '1:21 command-event-context/invalidViaProc: command is not valid in current event context (CLIENT_ACCEPTED)',
    ]);
  });

  it('refuses disabled Tcl commands and unknown events', () => {
    expect(problems('when HTTP_REQUEST { exec ls }')).toEqual(['1:21 disabled-command/disabled: command is disabled: "exec"']);
    expect(problems('when HTTP_REQUSET { }')).toEqual(['1:6 unknown-event/unknown: unknown event (HTTP_REQUSET)']);
  });

  it('follows the version: a command or event that does not exist yet is refused', () => {
    expect(problems('when CLIENT_ACCEPTED { table set k v }', '10.0.1')).toEqual(['1:24 unknown-command/notYet: undefined procedure: table']);
    expect(problems('when CLIENT_ACCEPTED { table set k v }', '10.1.0')).toEqual([]);
  });

  it('accepts two when blocks of one event at different priorities, refuses them at the same one', () => {
    expect(problems('when HTTP_REQUEST { }\nwhen HTTP_REQUEST priority 100 { }')).toEqual([]);
    // F5's priority reference: a rule-level `priority` applies to the when blocks after it.
    expect(problems('priority 700\nwhen HTTP_REQUEST { }\npriority 400\nwhen CLIENT_ACCEPTED { }\nwhen HTTP_REQUEST { }')).toEqual([]);
    expect(problems('when HTTP_REQUEST { }\nwhen HTTP_REQUEST priority 500 { }')).toEqual(['2:6 duplicate-event/duplicate: Duplicate event']);
    expect(problems('priority 100\nwhen HTTP_REQUEST { }\nwhen HTTP_REQUEST priority 100 { }')).toEqual(['3:6 duplicate-event/duplicate: Duplicate event']);
  });

  it('refuses the shapes BIG-IP refuses: top-level commands, nesting, priorities, when and proc forms', () => {
    expect(problems('set x 1')).toEqual(['1:1 rule-structure/topLevel: "set" unknown property']);
    expect(problems('when HTTP_REQUEST { when HTTP_RESPONSE { } }')).toEqual(['1:21 rule-structure/nested: command is not valid in the current scope']);
    expect(problems('when HTTP_REQUEST priority 1001 { }')).toEqual(['1:28 rule-structure/priority: unexpected extra argument "1001"']);
    expect(problems('when HTTP_REQUEST { } junk')).toEqual(['1:23 rule-structure/whenExtra: unexpected extra argument "junk"']);
    expect(problems('when HTTP_REQUEST')).toEqual(['1:1 rule-structure/whenShape: wrong # args: should be "when EVENT ?priority N? ?timing on|off? body"']);
    expect(problems('proc p {a}')).toEqual(['1:1 rule-structure/procShape: wrong # args: should be "proc name args body"']);
    expect(problems('timing on\nwhen HTTP_REQUEST timing off { }')).toEqual([]);
  });
});
