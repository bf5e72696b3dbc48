/**
 * The lint runner: parses a text once, walks the tree once with the visitors of every enabled
 * rule, then applies comment suppressions. Pure and total: a rule that throws is reported as a
 * finding of that rule instead of taking the run down.
 */
import type { BigipConfig } from '../bigip/model.js';
import { allEvents, commandInEvent, getCommand, getEvent } from '../catalog/load.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Command, Comment, Dialect, Node, Proc, Script, When } from '../syntax/ast.js';
import { parse } from '../syntax/index.js';
import { LineIndex } from '../syntax/line-index.js';
import { literalValue } from '../syntax/words.js';
import { resolveSettings, type RuleSetting, type SeveritySetting } from './config.js';
import { formatMessage, type Analysis, type AnyRule, type ReportDescriptor, type RuleCatalog, type RuleContext, type RuleVisitors } from './rule.js';
import { allRules } from './rules/index.js';
import { applySuppressions } from './suppress.js';
import { defaultVersion, type BigipVersion } from './version.js';
import { walk } from './walk.js';

/** Options of {@link lint}. */
export interface LintOptions {
  /** `irule` (default) or `tcl`. */
  dialect?: Dialect;
  /** BIG-IP version checked against (default: the newest known). */
  version?: BigipVersion;
  /** A parsed `bigip.conf` for cross-checks. */
  bigip?: BigipConfig;
  /** Rule settings, applied in order (later layers win): e.g. the config file, then `--rule`. */
  rules?: readonly (Record<string, SeveritySetting> | undefined)[];
  /** The rules to run (default: all registered rules). */
  ruleSet?: readonly AnyRule[];
}

/** What {@link lint} returns. */
export interface LintResult {
  /** The syntax tree. */
  ast: Script;
  /** Findings after suppressions, sorted by position. */
  diagnostics: Diagnostic[];
}

/** The rule (or analysis) a handler belongs to, and whether it has failed on this file. */
interface RuleState {
  id: string;
  failed: boolean;
}

/** One visitor function in a dispatch table. */
interface Handler {
  fn: (node: unknown) => void;
  owner: RuleState;
}

/** Rule ids the runner itself reports (parser errors, directive problems). */
const RUNNER_RULES = new Set(['syntax-error', 'unused-suppression', 'invalid-suppression', 'suppression-reason']);

let eventNames: string[] | undefined;

/** The catalog as rules see it. */
const catalog: RuleCatalog = {
  command: getCommand,
  event: getEvent,
  eventNames: () => (eventNames ??= allEvents().map((e) => e.name)),
  commandInEvent,
};

/** Lints one text. Never throws on user input. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const rules = options.ruleSet ?? allRules;
  const { settings, explicit } = resolveSettings(rules, options.rules ?? []);
  const dialect = options.dialect ?? 'irule';
  const { ast, diagnostics: parseDiagnostics } = parse(text, { dialect });
  const lines = new LineIndex(text);
  const found: Diagnostic[] = [];

  const setting = (id: string): RuleSetting => settings.get(id) ?? 'off';
  const severityFor = (rule: AnyRule, suggested: Severity | undefined): Severity => {
    const s = setting(rule.id) as Severity;
    return explicit.has(rule.id) ? s : (suggested ?? s);
  };

  // Parser problems are the findings of `syntax-error`; their own severity stands unless configured.
  const syntaxRule = rules.find((r) => r.id === 'syntax-error');
  if (syntaxRule && setting('syntax-error') !== 'off') {
    for (const d of parseDiagnostics) found.push({ ...d, severity: severityFor(syntaxRule, d.severity) });
  }

  // Walk state shared by every rule context.
  let ancestors: readonly Node[] = [];
  const whens: When[] = [];
  const procs: Proc[] = [];
  const sharedValues = new Map<string, unknown>();
  const analyses = new Map<string, unknown>();
  const comments: Comment[] = [];

  const byType = new Map<string, Handler[]>();
  const exitByType = new Map<string, Handler[]>();
  const byCommand = new Map<string, Handler[]>();
  const ends: Handler[] = [];
  const enabled = new Set<string>();

  /** Adds a rule's (or an analysis') visitors to the dispatch tables. */
  const register = (visitors: RuleVisitors, owner: RuleState): void => {
    const add = (table: Map<string, Handler[]>, key: string, fn: (node: never) => void): void => {
      const list = table.get(key);
      const h: Handler = { fn: fn as (node: unknown) => void, owner };
      if (list) list.push(h);
      else table.set(key, [h]);
    };
    for (const [key, handler] of Object.entries(visitors)) {
      if (key === 'commands') {
        for (const [name, h] of Object.entries(handler as Record<string, (c: Command) => void>)) add(byCommand, name, h);
      } else if (key === 'end') {
        ends.push({ fn: handler as () => void, owner });
      } else if (key.endsWith(':exit')) {
        add(exitByType, key.slice(0, -5), handler as (n: Node) => void);
      } else {
        add(byType, key, handler as (n: Node) => void);
      }
    }
  };

  /** A rule that throws is reported as its own finding and gets no further calls for this file. */
  const failRule = (owner: RuleState, err: unknown): void => {
    owner.failed = true;
    found.push({
      ruleId: owner.id,
      severity: 'error',
      message: `internal error in rule ${owner.id}: ${err instanceof Error ? err.message : String(err)}`,
      range: { start: 0, end: 0 },
    });
  };
  const dispatch = (list: Handler[], node: unknown): void => {
    for (let i = 0; i < list.length; i++) {
      const h = list[i];
      if (h.owner.failed) continue;
      try {
        h.fn(node);
      } catch (err) {
        failRule(h.owner, err);
      }
    }
  };

  for (const rule of rules) {
    if (setting(rule.id) === 'off') continue;
    enabled.add(rule.id);
    if (RUNNER_RULES.has(rule.id)) continue;
    const owner: RuleState = { id: rule.id, failed: false };
    const ctx: RuleContext<string> = {
      id: rule.id,
      source: text,
      ast,
      dialect,
      version: options.version ?? defaultVersion(),
      bigip: options.bigip,
      catalog,
      lines,
      ancestors: () => ancestors,
      enclosingWhen: () => whens[whens.length - 1],
      enclosingProc: () => procs[procs.length - 1],
      analysis<T>(a: Analysis<T>): T {
        if (analyses.has(a.key)) return analyses.get(a.key) as T;
        const { visitors, result } = a.create(ctx);
        analyses.set(a.key, result);
        // An analysis fails with the rule that first asked for it.
        register(visitors, owner);
        return result;
      },
      shared<T>(key: string, compute: () => T): T {
        if (!sharedValues.has(key)) sharedValues.set(key, compute());
        return sharedValues.get(key) as T;
      },
      report(desc: ReportDescriptor<string>): void {
        const template = (rule.meta.messages as Record<string, string>)[desc.messageId];
        if (template === undefined) throw new Error(`unknown messageId "${desc.messageId}"`);
        const range = desc.range ?? desc.node?.range;
        if (!range) throw new Error('report needs a node or a range');
        const d: Diagnostic = {
          ruleId: rule.id,
          severity: severityFor(rule, desc.severity),
          message: formatMessage(template, desc.data),
          range: { start: range.start, end: range.end },
        };
        if (desc.fix && rule.meta.fixable !== 'none') d.fix = desc.fix;
        found.push(d);
      },
    };
    let visitors: RuleVisitors;
    try {
      visitors = rule.create(ctx);
    } catch (err) {
      failRule(owner, err);
      continue;
    }
    register(visitors, owner);
  }

  const commandHandlers = byType.get('Command');
  walk(ast, {
    enter(node, anc) {
      ancestors = anc;
      const type = node.type;
      if (type === 'Comment') comments.push(node);
      const handlers = type === 'Command' ? commandHandlers : byType.get(type);
      if (handlers) dispatch(handlers, node);
      if (type === 'Command' && byCommand.size > 0 && node.words.length > 0) {
        const name = literalValue(node.words[0]);
        if (name !== undefined) {
          const hs = byCommand.get(name.startsWith('::') ? name.slice(2) : name);
          if (hs) dispatch(hs, node);
        }
      }
      if (type === 'When') whens.push(node);
      else if (type === 'Proc') procs.push(node);
    },
    leave(node, anc) {
      ancestors = anc;
      if (node.type === 'When') whens.pop();
      else if (node.type === 'Proc') procs.pop();
      const handlers = exitByType.get(node.type);
      if (handlers) dispatch(handlers, node);
    },
  });
  ancestors = [];
  dispatch(ends, undefined);

  const knownRules = new Set(rules.map((r) => r.id));
  const { kept, problems } = applySuppressions(found, { comments, lines, knownRules, enabledRules: enabled });
  for (const p of problems) {
    const rule = rules.find((r) => r.id === p.ruleId);
    if (!rule || setting(rule.id) === 'off') continue;
    kept.push({
      ruleId: p.ruleId,
      severity: severityFor(rule, undefined),
      message: formatMessage((rule.meta.messages as Record<string, string>)[p.messageId] ?? p.messageId, p.data),
      range: p.range,
    });
  }
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { ast, diagnostics: kept };
}
