/**
 * The load check: what BIG-IP refuses when an iRule is saved or loaded, so that the whole rule is
 * rejected before any traffic sees it. One place for the linter (each problem is reported by the
 * lint rule named in `ruleId`) and the simulator (which refuses to run such a rule), so the two
 * tools always agree on what loads. The facts come from the catalog (`grammar/`); the BIG-IP
 * texts are the measured ones of the reference (irules-facts.md 5.1, P17/P18).
 *
 * Two `when` blocks for the same event in one rule are refused only at the same priority: F5's
 * `priority` reference gives a rule with `when HTTP_REQUEST` at 700 and again at 400 as its example.
 */
import { commandInEvent, getCommand, getEvent } from '../catalog/load.js';
import type { CommandSpec } from '../catalog/types.js';
import { introducedBy, unavailableAt, type Unavailability } from '../catalog/version.js';
import type { Command, Node, Proc, Script, When, Word } from '../syntax/ast.js';
import { walk } from '../syntax/walk.js';
import { literalValue } from '../syntax/words.js';
import { callSiteOf, eventsReachingProcs, type CallSite } from './procs.js';

/** The lint rules that report load problems (with `syntax-error`, whose problems the parser finds). */
export const LOAD_RULE_IDS = ['unknown-command', 'disabled-command', 'command-event-context', 'unknown-event', 'duplicate-event', 'rule-structure'] as const;

/** One of {@link LOAD_RULE_IDS}. */
export type LoadRuleId = (typeof LOAD_RULE_IDS)[number];

/** One reason BIG-IP refuses the rule. */
export interface LoadIssue {
  /** The lint rule that reports it. */
  ruleId: LoadRuleId;
  /** That rule's message id. */
  messageId: string;
  /** Values for the message. */
  data: Record<string, string | number>;
  /** Where (offsets in the rule text). */
  range: { start: number; end: number };
  /** What BIG-IP says when it refuses the rule. */
  bigip: string;
}

/** The walk position the check needs (the linter's rule context provides it). */
export interface LoadScope {
  /** Ancestors of the node being visited, outermost first. */
  ancestors(): readonly Node[];
  /** The `when` the visited node is in (not counting the node itself). */
  enclosingWhen(): When | undefined;
  /** The `proc` the visited node is in (not counting the node itself). */
  enclosingProc(): Proc | undefined;
}

/** Visitors to run over a rule, and the problems found (complete once the walk is over). */
export interface LoadCheck {
  visitors: {
    When(node: When): void;
    Proc(node: Proc): void;
    Command(node: Command): void;
  };
  /** Every problem, in walk order (commands in procs after the walk). */
  issues(): readonly LoadIssue[];
}

/** BIG-IP's default handler priority. */
export const DEFAULT_PRIORITY = 500;

/** The literal name of a command without a leading `::`. */
function nameOf(cmd: Command | When | Proc): string | undefined {
  const w = cmd.words[0];
  const name = w ? literalValue(w) : undefined;
  return name !== undefined && name.startsWith('::') ? name.slice(2) : name;
}

/** The catalog spec of a command name (namespace entries are not commands). */
function specFor(name: string | undefined): CommandSpec | undefined {
  const spec = name === undefined ? undefined : getCommand(name);
  return spec && spec.kind !== 'namespace' ? spec : undefined;
}

/** A priority word's verdict: its text when it is not an integer from 0 to 1000. */
function badPriority(word: Word | undefined): string | undefined {
  if (!word) return '';
  const v = literalValue(word);
  if (v === undefined) return undefined; // computed: the linter cannot tell; see rule-structure's doc
  return /^\d+$/.test(v) && Number(v) <= 1000 ? undefined : v;
}

/** BIG-IP's message for a `proc` of the wrong shape (Tcl's usage line). */
const PROC_SHAPE = 'wrong # args: should be "proc name args body"';

/** Messages by unavailability (`disabled` is its own rule). */
const UNAVAILABLE: Record<Exclude<Unavailability, 'disabled'>, string> = { absent: 'absent', notYet: 'notYet', removed: 'removed' };

/**
 * `unavailableAt` answers by version and spec (null: available). Every command of every rule asks,
 * about the same few hundred specs and usually one version; bounded, as versions come from users.
 */
const availability = new Map<string, Map<CommandSpec, Unavailability | null>>();
const MAX_VERSIONS = 64;

function availabilityAt(version: string): Map<CommandSpec, Unavailability | null> {
  let bySpec = availability.get(version);
  if (!bySpec) {
    if (availability.size >= MAX_VERSIONS) availability.clear();
    availability.set(version, (bySpec = new Map()));
  }
  return bySpec;
}

/**
 * Creates the check for one rule at one BIG-IP version. `lineOf` gives the 1-based line of an
 * offset (for messages that name another line).
 */
export function createLoadCheck(version: string, scope: LoadScope, lineOf: (offset: number) => number): LoadCheck {
  const found: LoadIssue[] = [];
  const procs = new Map<string, Proc>();
  const calls: CallSite[] = [];
  const unknown: { node: Word; name: string }[] = [];
  const inProcs: { cmd: Command; spec: CommandSpec; proc: Proc }[] = [];
  const seen = new Map<string, When>();
  let rulePriority = DEFAULT_PRIORITY;
  let done: LoadIssue[] | undefined;
  const unavailable = availabilityAt(version);
  /** Whether commands are invalid in the event of `verdictsOf` (asked once per spec and handler). */
  const invalidHere = new Map<CommandSpec, boolean>();
  let verdictsOf: When | undefined;

  const add = (ruleId: LoadRuleId, messageId: string, range: { start: number; end: number }, data: Record<string, string | number>, bigip: string): void => {
    found.push({ ruleId, messageId, data, range: { start: range.start, end: range.end }, bigip });
  };
  const topLevel = (): boolean => scope.ancestors().length === 1;
  /** `when EVENT` or `proc NAME` of the nearest enclosing handler or proc. */
  const container = (): string | undefined => {
    const anc = scope.ancestors();
    for (let i = anc.length - 1; i >= 0; i--) {
      const a = anc[i];
      if (a.type === 'When') return `when ${a.event}`;
      if (a.type === 'Proc') return `proc ${a.name}`;
    }
    return undefined;
  };
  const nested = (node: { range: { start: number; end: number } }, name: string): boolean => {
    const where = container();
    if (where) add('rule-structure', 'nested', node.range, { name, where }, 'command is not valid in the current scope');
    return where !== undefined;
  };
  const priority = (word: Word | undefined, at: { start: number; end: number }): boolean => {
    const bad = badPriority(word);
    if (bad === undefined) return false;
    add('rule-structure', 'priority', word?.range ?? at, { value: bad }, `unexpected extra argument "${bad}"`);
    return true;
  };

  /** `when EVENT ?priority N? ?timing on|off? body`: the shape BIG-IP's loader reads. */
  const whenShape = (node: When): boolean => {
    const words = node.words;
    let i = 2;
    while (i < words.length - 1) {
      const k = literalValue(words[i]);
      if (k !== 'priority' && k !== 'timing') break;
      if (k === 'priority' && priority(words[i + 1], words[i].range)) return false;
      i += 2;
    }
    const body = words[i];
    if (words.length < 3 || node.event === '' || body === undefined || body.type !== 'BracedWord') {
      add('rule-structure', 'whenShape', node.range, { event: node.event || '?' }, 'wrong # args: should be "when EVENT ?priority N? ?timing on|off? body"');
      return false;
    }
    if (i < words.length - 1) {
      const extra = literalValue(words[i + 1]) ?? '...';
      add('rule-structure', 'whenExtra', words[i + 1].range, { event: node.event, word: extra }, `unexpected extra argument "${extra}"`);
      return false;
    }
    return true;
  };

  const visitors: LoadCheck['visitors'] = {
    When(node) {
      if (nested(node, 'when')) return;
      if (!whenShape(node)) return;
      const spec = getEvent(node.event);
      if (!spec) {
        add('unknown-event', 'unknown', node.eventRange, { event: node.event }, `unknown event (${node.event})`);
        return;
      }
      if (!introducedBy(spec.since, version)) {
        add('unknown-event', 'notYet', node.eventRange, { event: node.event, since: spec.since ?? '?', version }, `unknown event (${node.event})`);
        return;
      }
      const prio = node.priority ?? rulePriority;
      const key = `${node.event} ${prio}`;
      const first = seen.get(key);
      if (!first) seen.set(key, node);
      else add('duplicate-event', 'duplicate', node.eventRange, { event: node.event, priority: prio, line: lineOf(first.range.start) }, 'Duplicate event');
    },
    Proc(node) {
      if (nested(node, 'proc')) return;
      const [, nameW, paramsW, bodyW] = node.words;
      if (node.words.length !== 4 || node.name === '' || literalValue(paramsW) === undefined || bodyW?.type !== 'BracedWord') {
        add('rule-structure', 'procShape', node.range, { name: (nameW && literalValue(nameW)) ?? '?' }, PROC_SHAPE);
        return;
      }
      if (!procs.has(node.name)) procs.set(node.name, node);
    },
    Command(cmd) {
      const name = nameOf(cmd);
      const spec = specFor(name);
      if (name === '}') return; // a stray brace is a syntax error
      if (topLevel()) {
        if (spec?.topLevel === undefined) {
          const shown = name ?? '...';
          add('rule-structure', 'topLevel', (cmd.words[0] ?? cmd).range, { name: shown }, `"${shown}" unknown property`);
        } else if (name === 'proc') {
          // A `proc` the parser did not lift: not three arguments.
          const nameW = cmd.words[1];
          add('rule-structure', 'procShape', cmd.range, { name: (nameW && literalValue(nameW)) ?? '?' }, PROC_SHAPE);
        } else if (name === 'priority') {
          if (!priority(cmd.words[1], cmd.range) && cmd.words[1]) {
            const v = literalValue(cmd.words[1]);
            if (v !== undefined) rulePriority = Number(v);
          }
        }
      } else if (spec?.topLevel === 'only' && name !== undefined && nested(cmd, name)) return;
      if (name === undefined || name === '' || name.startsWith('#')) return;
      if (name === 'call') {
        const site = callSiteOf(cmd, scope);
        if (site) calls.push(site);
      }
      if (!spec) {
        unknown.push({ node: cmd.words[0], name });
        return;
      }
      let known = unavailable.get(spec);
      if (known === undefined) unavailable.set(spec, (known = unavailableAt(spec, version) ?? null));
      const why = known ?? undefined;
      if (why === 'disabled') {
        add('disabled-command', 'disabled', cmd.words[0].range, { name }, `command is disabled: "${name}"`);
        return;
      }
      if (why !== undefined) {
        const data: Record<string, string> = { name };
        let messageId = UNAVAILABLE[why];
        if (why === 'absent' && spec.tclVersion) {
          messageId = 'newerTcl';
          data.tcl = spec.tclVersion;
        } else if (why === 'notYet') {
          data.since = spec.since ?? '?';
          data.version = version;
        } else if (why === 'removed') data.since = spec.removed?.since ?? '?';
        add('unknown-command', messageId, cmd.words[0].range, data, `undefined procedure: ${name}`);
        return;
      }
      if ((spec.eventsInvalid?.length ?? 0) === 0) return;
      const when = scope.enclosingWhen();
      if (when) {
        if (when !== verdictsOf) {
          verdictsOf = when;
          invalidHere.clear();
        }
        let invalid = invalidHere.get(spec);
        if (invalid === undefined) invalidHere.set(spec, (invalid = when.event !== '' && commandInEvent(spec, when.event).verdict === 'invalid'));
        if (invalid) {
          add('command-event-context', 'invalid', cmd.words[0].range, { name: spec.name, event: when.event }, `command is not valid in current event context (${when.event})`);
        }
        return;
      }
      const proc = scope.enclosingProc();
      if (proc) inProcs.push({ cmd, spec, proc });
    },
  };

  /** What can only be judged once every proc and call is known. */
  const finish = (): LoadIssue[] => {
    for (const { node, name } of unknown) {
      const messageId = procs.has(name) ? 'procWithoutCall' : 'unknown';
      add('unknown-command', messageId, node.range, { name }, `undefined procedure: ${name}`);
    }
    const reach = eventsReachingProcs(procs, calls);
    for (const { cmd, spec, proc } of inProcs) {
      for (const [event, w] of reach.get(proc) ?? []) {
        if (commandInEvent(spec, event).verdict !== 'invalid') continue;
        const data = { name: spec.name, proc: proc.name, event, line: lineOf(w.range.start) };
        add('command-event-context', 'invalidViaProc', cmd.words[0].range, data, `command is not valid in current event context (${event})`);
      }
    }
    return found;
  };

  return { visitors, issues: () => (done ??= finish()) };
}

/** Checks a parsed rule on its own (the simulator's way in); problems sorted by position. */
export function checkLoad(ast: Script, version: string, lineOf: (offset: number) => number): LoadIssue[] {
  const whens: When[] = [];
  const procs: Proc[] = [];
  let ancestors: readonly Node[] = [];
  const check = createLoadCheck(version, {
    ancestors: () => ancestors,
    enclosingWhen: () => whens[whens.length - 1],
    enclosingProc: () => procs[procs.length - 1],
  }, lineOf);
  const v = check.visitors;
  walk(ast, {
    enter(node, anc) {
      ancestors = anc;
      // As in the lint walk: a node's visitor runs before it becomes an enclosing when/proc.
      if (node.type === 'Command') v.Command(node);
      else if (node.type === 'When') {
        v.When(node);
        whens.push(node);
      } else if (node.type === 'Proc') {
        v.Proc(node);
        procs.push(node);
      }
    },
    leave(node) {
      if (node.type === 'When') whens.pop();
      else if (node.type === 'Proc') procs.pop();
    },
  });
  return [...check.issues()].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
