// Reports a second HTTP::respond/HTTP::redirect reachable on one path of an event, and HTTP
// commands run after a response was sent: BIG-IP allows one response per request and fails the
// rest at run time. Paths are followed with the flags they set (`set responded 1` after a
// response, `if { !$responded }` before the next), so guarded responses are not reported.
// Doc: docs/rules/multiple-response.md
import { namespaceOf } from '../../catalog/load.js';
import type { Command } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';
import { flowInHandlersWith, NO_PATH } from '../utils/flow.js';
import { ifBranchPossible, type Constants } from '../utils/guards.js';

/** One path: the response sent on it (if any) and the variables known to hold constants. */
interface PathState {
  responded: Command | undefined;
  consts: Constants;
  /** {@link keyOf}'s answer, kept once asked (a path's state never changes). */
  key: string | undefined;
}

/** Most paths kept apart; beyond, they are merged (conservatively: the flags are forgotten). */
const MAX_PATHS = 16;
const NO_CONSTS: Constants = new Map();

/** Commands that change a variable named by their first argument, other than `set name <literal>`. */
const WRITES = new Set(['set', 'incr', 'append', 'lappend', 'unset']);

/** What a command does to the constants: forgets `target`, or sets it to `value`. */
interface Write {
  target: string;
  value: string | undefined;
}

/** The write of `cmd`: `set name <literal>` records a constant; other writes of a name forget it; undefined for the rest. */
function writeOf(cmd: Command, name: string): Write | undefined {
  if (!WRITES.has(name) || cmd.words.length < 2) return undefined;
  const target = literalValue(cmd.words[1]);
  if (target === undefined) return undefined;
  if (name === 'set' && cmd.words.length === 2) return undefined; // a read
  return { target, value: name === 'set' && cmd.words.length === 3 ? literalValue(cmd.words[2]) : undefined };
}

/** The constants after a write (the same map when nothing changes). */
function constsAfter(write: Write, consts: Constants): Constants {
  const { target, value } = write;
  if (value === undefined ? !consts.has(target) : consts.get(target) === value) return consts;
  const next = new Map(consts);
  if (value === undefined) next.delete(target);
  else next.set(target, value);
  return next;
}

function keyOf(p: PathState): string {
  return (p.key ??= `${p.responded?.range.start ?? -1}|${[...p.consts].map(([k, v]) => `${k}=${v}`).join(',')}`);
}

/** The paths of both sides, distinct, at most MAX_PATHS (else one merged path). */
function joinPaths(a: PathState[], b: PathState[]): PathState[] {
  // Either side of a branch that changed nothing: its paths, as distinct as they were.
  if (a === b) return a;
  const seen = new Map<string, PathState>();
  for (let i = 0; i < a.length; i++) seen.set(keyOf(a[i]), a[i]);
  for (let i = 0; i < b.length; i++) seen.set(keyOf(b[i]), b[i]);
  const all = [...seen.values()];
  if (all.length <= MAX_PATHS) return all;
  return [{ responded: all.find((p) => p.responded)?.responded, consts: NO_CONSTS, key: undefined }];
}

export default defineRule({
  id: 'multiple-response',
  meta: {
    description: 'Second HTTP response, or HTTP commands after one, on the same path',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      second: '{{name}} can run after {{first}} on line {{line}} on the same path: only one response per request is allowed (add return after the first)',
      after: '{{name}} can run after {{first}} on line {{line}} sent the response: the request is finished (add return after the response)',
    },
  },
  // The handlers worth a path analysis are those that send a response somewhere.
  commandFilter: (spec) => spec?.sendsResponse === true,
  create(ctx) {
    const reported = new Set<Command>();
    const lineOf = (c: Command): number => ctx.lines.position(c.range.start).line + 1;
    const start: PathState[] = [{ responded: undefined, consts: NO_CONSTS, key: undefined }];
    return flowInHandlersWith<PathState[]>(ctx, start, {
      join: joinPaths,
      branch: (cmd, body, paths) => {
        const kept = paths.filter((p) => ifBranchPossible(cmd, body, p.consts));
        return kept.length === paths.length ? paths : kept.length > 0 ? kept : NO_PATH;
      },
      step: (cmd, paths) => {
        const name = commandName(cmd);
        if (name === undefined) return paths;
        const spec = specOf(cmd, ctx.catalog);
        const sends = spec?.sendsResponse === true;
        const responded = paths.find((p) => p.responded && p.responded !== cmd)?.responded;
        if (responded && !reported.has(cmd)) {
          const data = { name, first: commandName(responded) ?? '', line: lineOf(responded) };
          if (sends) {
            reported.add(cmd);
            ctx.report({ node: cmd.words[0], messageId: 'second', data });
          } else if (namespaceOf(name) === 'HTTP') {
            reported.add(cmd);
            ctx.report({ node: cmd.words[0], messageId: 'after', data });
          }
        }
        // Most commands neither respond nor write a variable: the paths go on unchanged.
        const write = writeOf(cmd, name);
        if (!sends && !write) return paths;
        let changed = false;
        const next = paths.map((p) => {
          const r = sends ? (p.responded ?? cmd) : p.responded;
          const consts = write ? constsAfter(write, p.consts) : p.consts;
          if (r === p.responded && consts === p.consts) return p;
          changed = true;
          return { responded: r, consts, key: undefined };
        });
        return changed ? next : paths;
      },
    });
  },
});
