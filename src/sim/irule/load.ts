/**
 * Loading iRules the way BIG-IP does when a rule is saved: parse the text, refuse what BIG-IP
 * refuses at load (syntax errors, and the load check shared with the linter, src/load/check.ts:
 * unknown commands and events, commands invalid in their event, disabled commands, duplicate
 * events, bare commands at the top level, priorities outside 0-1000 ...), then collect the `when`
 * handlers (with their `priority`, from the `when` itself or a rule-level `priority N` statement
 * before it) and the procs.
 */
import type { BigipConfig } from '../../bigip/model.js';
import { checkLoad, DEFAULT_PRIORITY } from '../../load/check.js';
import { missingInRule, unableToFind } from '../../load/config-refs.js';
import type { Script, Word } from '../../syntax/ast.js';
import { literalValue, parse } from '../../syntax/index.js';
import { LineIndex } from '../../syntax/line-index.js';
import type { ProcDef } from '../interp.js';
import { parseList } from '../values.js';
import type { RuleSource } from './types.js';

export { DEFAULT_PRIORITY };

/** One `when` block. */
export interface Handler {
  /** The rule it belongs to. */
  rule: LoadedRule;
  /** Event name. */
  event: string;
  /** Priority (0-1000, lower runs first). */
  priority: number;
  /** The parsed body; its ranges index into the rule text. */
  body: Script;
  /** 1-based line of the `when` in the rule text (line 1 of the handler as Tcl counts). */
  line: number;
}

/** A loaded rule. */
export interface LoadedRule {
  /** Full path (`/Common/smtp_irule`). */
  name: string;
  /** Last path segment (`smtp_irule`), as `call rule::proc` names it. */
  shortName: string;
  /** The rule text. */
  text: string;
  /** Where it came from. */
  origin: string;
  /** Line of `origin` where the text starts. */
  firstLine: number;
  /** Attach order on the virtual server (0 first). */
  index: number;
  /** Handlers by event (several for one event when their priorities differ), in rule order. */
  handlers: Map<string, Handler[]>;
  /** Procs by name. */
  procs: Map<string, ProcDef>;
  /** The parse tree. */
  ast: Script;
  /** Parse diagnostics (for the interpreter's broken-body bookkeeping). */
  diagnostics: readonly { severity: string; message: string; range: { start: number; end: number } }[];
}

/** Something BIG-IP would refuse when loading the rule. */
export interface LoadProblem {
  /** Full path of the rule. */
  rule: string;
  /** Where the rule came from. */
  origin: string;
  /** 1-based line in the rule text. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What is wrong. */
  message: string;
}

/** 1-based line and column of an offset (the text's line index is kept for the next call, so many problems cost linear time). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  if (lastText !== text) {
    lastText = text;
    lastIndex = new LineIndex(text);
  }
  const p = lastIndex!.position(offset);
  return { line: p.line + 1, column: p.column + 1 };
}

let lastText: string | undefined;
let lastIndex: LineIndex | undefined;

/** Puts a bare rule name in `/Common`. */
export function ruleFullPath(name: string): string {
  return name.startsWith('/') ? name : `/Common/${name}`;
}

/** Parses a proc's parameter list (`{a {b 1} args}`) into names and defaults. */
function procParams(word: Word | undefined, fallback: string[]): { name: string; def?: string }[] {
  const text = word ? literalValue(word) : undefined;
  if (text === undefined) return fallback.map((name) => ({ name }));
  const specs = parseList(text, 'irule');
  if (!Array.isArray(specs)) return fallback.map((name) => ({ name }));
  return specs.map((spec) => {
    const fields = parseList(spec, 'irule');
    if (Array.isArray(fields) && fields.length === 2) return { name: fields[0], def: fields[1] };
    return { name: Array.isArray(fields) && fields.length > 0 ? fields[0] : spec };
  });
}

/** A loaded rule and what keeps BIG-IP from loading it. */
export interface LoadOutcome {
  rule: LoadedRule;
  problems: LoadProblem[];
}

/** Identity numbers of configurations, for cache keys (a copy with other data groups is another one). */
const configIds = new WeakMap<BigipConfig, number>();
let nextConfigId = 1;
function configId(config: BigipConfig | undefined): number {
  if (!config) return 0;
  let id = configIds.get(config);
  if (id === undefined) configIds.set(config, (id = nextConfigId++));
  return id;
}

/** {@link loadRule} through a cache keyed by everything the outcome depends on. */
export function loadRuleCached(
  source: RuleSource,
  index: number,
  version: string,
  cache: Map<string, LoadOutcome> | undefined,
  config?: BigipConfig,
): LoadOutcome {
  if (!cache) return loadRule(source, index, version, config);
  const key = `${index}\u0000${version}\u0000${configId(config)}\u0000${source.name}\u0000${source.origin ?? ''}\u0000${source.firstLine ?? 1}\u0000${source.text}`;
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = loadRule(source, index, version, config)));
  return hit;
}

/**
 * Loads one rule for a BIG-IP version; `problems` is empty when BIG-IP would accept it. With a
 * configuration, a literal pool or SNAT pool name it lacks is refused too, as BIG-IP refuses the
 * save (the decision the linter's undefined-pool / undefined-snatpool share, src/load/config-refs.ts).
 */
export function loadRule(source: RuleSource, index: number, version: string, config?: BigipConfig): LoadOutcome {
  const name = ruleFullPath(source.name);
  const text = source.text;
  const origin = source.origin ?? name;
  const { ast, diagnostics } = parse(text, { dialect: 'irule' });
  const rule: LoadedRule = {
    name,
    shortName: name.slice(name.lastIndexOf('/') + 1),
    text,
    origin,
    firstLine: source.firstLine ?? 1,
    index,
    handlers: new Map(),
    procs: new Map(),
    ast,
    diagnostics,
  };
  const problems: LoadProblem[] = [];
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.position(offset).line + 1;
  const problem = (offset: number, message: string): void => {
    const pos = lines.position(offset);
    problems.push({ rule: name, origin, line: pos.line + rule.firstLine, column: pos.column + 1, message });
  };
  for (const d of diagnostics) if (d.severity === 'error') problem(d.range.start, d.message);
  if (problems.length > 0) return { rule, problems };
  for (const issue of checkLoad(ast, version, lineOf)) problem(issue.range.start, issue.bigip);
  if (problems.length > 0) return { rule, problems };
  if (config) {
    for (const ref of missingInRule(ast, config)) problem(ref.word.range.start, unableToFind(ref, lineOf(ref.word.range.start)));
    if (problems.length > 0) return { rule, problems };
  }

  // The rule loads: every `when` and `proc` below has the shape the load check asks for.
  let priority = DEFAULT_PRIORITY;
  for (const st of ast.body) {
    switch (st.type) {
      case 'When': {
        const handler: Handler = {
          rule,
          event: st.event,
          priority: st.priority ?? priority,
          body: st.body!,
          line: lineOf(st.range.start),
        };
        const list = rule.handlers.get(st.event);
        if (list) list.push(handler);
        else rule.handlers.set(st.event, [handler]);
        break;
      }
      case 'Proc': {
        const bodyWord = st.words[3];
        const bodyText = bodyWord ? literalValue(bodyWord) : undefined;
        if (!st.name || bodyText === undefined) break; // refused by the load check
        rule.procs.set(st.name, {
          name: st.name,
          params: procParams(st.words[2], st.params),
          body: bodyText,
          bodyWord,
          src: text,
        });
        break;
      }
      case 'Command': {
        // A rule-level `priority N` (the load check has made sure N is an integer in range).
        const cmd = st.words[0] ? literalValue(st.words[0]) : undefined;
        const v = st.words[1] ? literalValue(st.words[1]) : undefined;
        if (cmd === 'priority' && v !== undefined && /^\d+$/.test(v)) priority = Number(v);
        break;
      }
    }
  }
  return { rule, problems };
}
