/**
 * The lint runner: parses a text once, walks the tree once with the visitors of every enabled
 * rule, then applies comment suppressions. Pure and total: a rule that throws is reported as a
 * finding of that rule instead of taking the run down.
 */
import type { BigipConfig } from '../bigip/model.js';
import type { CommandSpec } from '../catalog/types.js';
import { allEvents, commandInEvent, getCommand, getEvent } from '../catalog/load.js';
import { excerpt, type Diagnostic, type Severity } from '../diagnostics.js';
import type { Command, Comment, Dialect, Node, Part, Proc, Script, When } from '../syntax/ast.js';
import { parse } from '../syntax/index.js';
import { LineIndex } from '../syntax/line-index.js';
import { literalValue } from '../syntax/words.js';
import { resolveSettings, type RuleSetting, type SeveritySetting } from './config.js';
import { formatMessage, type Analysis, type AnyRule, type ReportDescriptor, type RuleCatalog, type RuleContext, type RuleVisitors } from './rule.js';
import { allRules } from './rules/index.js';
import { specOf } from './utils/args.js';
import { pushChildren, type WalkStack } from '../syntax/walk.js';
import { applySuppressions } from './suppress.js';
import { defaultVersion, type BigipVersion } from './version.js';

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

/** One visitor function in a dispatch table, with the rule it belongs to. */
interface Handler {
  fn: (node: unknown) => void;
  owner: RuleRun;
  /** The rule's `commandFilter`, for its own `Command` visitor (not for analyses it asked for). */
  filter?: CommandFilter;
  /** The filter's bit (see `bitOf`). */
  bit?: number;
}

type CommandFilter = (spec: CommandSpec | undefined) => boolean;

/** Every command filter seen, each with its bit in {@link verdictMasks}. */
const filterBits = new Map<CommandFilter, number>();
/** By spec (null: none), the bits of the filters that let its commands through; shared by all files. */
const verdictMasks = new Map<CommandSpec | null, number>();

/** The bit of a filter (at most 31 filters get one; the others are asked directly). */
function bitOf(filter: CommandFilter): number {
  let bit = filterBits.get(filter);
  if (bit === undefined) {
    bit = filterBits.size < 31 ? 1 << filterBits.size : 0;
    filterBits.set(filter, bit);
    // Masks computed before this filter was known do not have its bit yet.
    verdictMasks.clear();
  }
  return bit;
}

/** The mask of the filters that let commands of `spec` through, computed once per spec. */
function maskOf(spec: CommandSpec | null): number {
  let mask = verdictMasks.get(spec);
  if (mask === undefined) {
    mask = 0;
    for (const [filter, bit] of filterBits) if (bit !== 0 && filter(spec ?? undefined)) mask |= bit;
    verdictMasks.set(spec, mask);
  }
  return mask;
}

/** Rule ids the runner itself reports (parser errors, directive problems). */
const RUNNER_RULES = new Set(['syntax-error', 'unused-suppression', 'invalid-suppression', 'suppression-reason']);

let eventNames: string[] | undefined;

/** The catalog as rules see it (also read by the language server's features). */
export const catalog: RuleCatalog = {
  command: getCommand,
  event: getEvent,
  eventNames: () => (eventNames ??= allEvents().map((e) => e.name)),
  commandInEvent,
};

/** Rule ids by rule list. */
const idsCache = new WeakMap<readonly AnyRule[], Set<string>>();

function idsOf(rules: readonly AnyRule[]): Set<string> {
  let ids = idsCache.get(rules);
  if (!ids) idsCache.set(rules, (ids = new Set(rules.map((r) => r.id))));
  return ids;
}

/** What a lint run does with one rule list and settings, worked out once per pair. */
interface Plan {
  settings: Map<string, RuleSetting>;
  explicit: Set<string>;
  /** By dialect, the rules the walk runs: on, made for the dialect, and not reported by the runner itself, in list order. */
  walked: Record<Dialect, AnyRule[]>;
  /** By dialect, the ids of the rules that are on and run in it. */
  enabled: Record<Dialect, ReadonlySet<string>>;
  /** `syntax-error` when it is on. */
  syntaxRule: AnyRule | undefined;
}

/**
 * Plans by rule list, then by each settings layer in turn (a trie keyed by the layers' objects):
 * the CLI lints many files with the same rule list and layer objects, though it builds a new
 * array of layers for each file.
 */
interface PlanNode {
  plan?: Plan;
  /** The next layer, by its object. */
  next?: WeakMap<object, PlanNode>;
  /** The next layer when it is undefined. */
  none?: PlanNode;
}
const planCache = new WeakMap<readonly AnyRule[], PlanNode>();
const NO_LAYERS: readonly (Record<string, SeveritySetting> | undefined)[] = [];

function planFor(rules: readonly AnyRule[], layers: readonly (Record<string, SeveritySetting> | undefined)[]): Plan {
  let node = planCache.get(rules);
  if (!node) planCache.set(rules, (node = {}));
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    let child: PlanNode | undefined;
    if (layer === undefined) child = node.none ??= {};
    else {
      const next: WeakMap<object, PlanNode> = (node.next ??= new WeakMap());
      child = next.get(layer);
      if (!child) next.set(layer, (child = {}));
    }
    node = child;
  }
  return (node.plan ??= makePlan(rules, layers));
}

function makePlan(rules: readonly AnyRule[], layers: readonly (Record<string, SeveritySetting> | undefined)[]): Plan {
  const { settings, explicit } = resolveSettings(rules, layers);
  const on = rules.filter((r) => (settings.get(r.id) ?? 'off') !== 'off');
  // A rule about BIG-IP (events, iRule commands, CMP...) says so in its meta and skips plain Tcl.
  const inDialect = (d: Dialect): AnyRule[] => on.filter((r) => r.meta.dialects.includes(d));
  const irule = inDialect('irule');
  const tcl = inDialect('tcl');
  return {
    settings,
    explicit,
    walked: { irule: irule.filter((r) => !RUNNER_RULES.has(r.id)), tcl: tcl.filter((r) => !RUNNER_RULES.has(r.id)) },
    enabled: { irule: new Set(irule.map((r) => r.id)), tcl: new Set(tcl.map((r) => r.id)) },
    syntaxRule: on.find((r) => r.id === 'syntax-error'),
  };
}

/**
 * The state of one lint run over one file: the walk position that rule contexts expose, the
 * dispatch tables, and the findings.
 */
class FileRun {
  /** Open nodes of the walk, outermost first: the ancestors of the node being visited. */
  ancestors: readonly Node[] = [];
  readonly whens: When[] = [];
  readonly procs: Proc[] = [];
  readonly sharedValues = new Map<string, unknown>();
  readonly analyses = new Map<string, unknown>();
  readonly comments: Comment[] = [];
  readonly found: Diagnostic[] = [];
  /** Handlers by node type, and by node type on leaving. */
  readonly byType = new Map<string, Handler[]>();
  readonly exitByType = new Map<string, Handler[]>();
  /** Handlers by literal command name. */
  readonly byCommand = new Map<string, Handler[]>();
  readonly ends: Handler[] = [];
  /** `Command` handlers by the spec of the command (null: none), narrowed by the rules' command filters. */
  private readonly bySpec = new Map<CommandSpec | null, Handler[]>();
  /** The same lists by the mask of their spec's verdicts (see `maskOf`). */
  private readonly byMask = new Map<number, Handler[]>();
  private filtered = false;
  /** Set when some filter has no bit: its verdict is then asked per spec, and lists are not shared by mask. */
  private bitless = false;

  constructor(
    readonly source: string,
    readonly ast: Script,
    readonly dialect: Dialect,
    readonly version: BigipVersion,
    readonly bigip: BigipConfig | undefined,
    readonly settings: Map<string, RuleSetting>,
    readonly explicit: Set<string>,
  ) {}

  private lineIndex: LineIndex | undefined;
  /** The file's line index, made when first asked for (most files never need one). */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.source));
  }

  setting(id: string): RuleSetting {
    return this.settings.get(id) ?? 'off';
  }

  severityFor(rule: AnyRule, suggested: Severity | undefined): Severity {
    const s = this.setting(rule.id) as Severity;
    return this.explicit.has(rule.id) ? s : (suggested ?? s);
  }

  /** Adds a rule's (or an analysis') visitors to the dispatch tables. */
  register(visitors: RuleVisitors, owner: RuleRun, filter?: CommandFilter): void {
    for (const key in visitors) {
      const handler = (visitors as Record<string, unknown>)[key];
      if (handler === undefined) continue;
      if (key === 'commands') {
        const byName = handler as Record<string, (c: Command) => void>;
        for (const name in byName) add(this.byCommand, name, { fn: byName[name] as (n: unknown) => void, owner });
      } else if (key === 'end') {
        this.ends.push({ fn: handler as () => void, owner });
      } else if (key.endsWith(':exit')) {
        add(this.exitByType, key.slice(0, -5), { fn: handler as (n: unknown) => void, owner });
      } else if (key === 'Command' && filter) {
        this.filtered = true;
        const bit = bitOf(filter);
        if (bit === 0) this.bitless = true;
        add(this.byType, key, { fn: handler as (n: unknown) => void, owner, filter, bit });
      } else {
        add(this.byType, key, { fn: handler as (n: unknown) => void, owner });
      }
    }
  }

  /** A rule that throws is reported as its own finding and gets no further calls for this file. */
  fail(owner: RuleRun, err: unknown): void {
    owner.failed = true;
    this.found.push({
      ruleId: owner.id,
      severity: 'error',
      message: `internal error in rule ${owner.id}: ${excerpt(err instanceof Error ? err.message : String(err))}`,
      range: { start: 0, end: 0 },
    });
  }

  dispatch(list: Handler[], node: unknown): void {
    for (let i = 0; i < list.length; i++) {
      const h = list[i];
      if (h.owner.failed) continue;
      try {
        h.fn(node);
      } catch (err) {
        this.fail(h.owner, err);
      }
    }
  }

  /** Calls the handlers of a node that is being entered (its ancestors are on the stack). */
  private enter(node: Node): void {
    const type = node.type;
    const handlers = type === 'Command' ? this.commandHandlers(node) : this.byType.get(type);
    if (handlers) this.dispatch(handlers, node);
    if (type === 'Command') {
      if (this.byCommand.size > 0 && node.words.length > 0) {
        const name = literalValue(node.words[0]);
        if (name !== undefined) {
          const hs = this.byCommand.get(name.startsWith('::') ? name.slice(2) : name);
          if (hs) this.dispatch(hs, node);
        }
      }
    } else if (type === 'When') this.whens.push(node);
    else if (type === 'Proc') this.procs.push(node);
    else if (type === 'Comment') this.comments.push(node);
  }

  /**
   * The `Command` handlers that want this command: rules with a `commandFilter` see only the
   * commands whose spec passes it (asked once per spec and file).
   */
  private commandHandlers(cmd: Command): Handler[] | undefined {
    const all = this.byType.get('Command');
    if (!all || !this.filtered) return all;
    const spec = specOf(cmd, catalog) ?? null;
    let list = this.bySpec.get(spec);
    if (!list) {
      const mask = maskOf(spec);
      // Specs whose commands the same filters let through share one list (when every filter has a bit).
      list = this.bitless ? undefined : this.byMask.get(mask);
      if (!list) {
        list = all.filter((h) => h.filter === undefined || (h.bit !== 0 ? (mask & h.bit!) !== 0 : h.filter(spec ?? undefined)));
        if (!this.bitless) this.byMask.set(mask, list);
      }
      this.bySpec.set(spec, list);
    }
    return list;
  }

  /** Calls the handlers of a node whose children have all been visited. */
  private leave(node: Node): void {
    const type = node.type;
    if (type === 'When') this.whens.pop();
    else if (type === 'Proc') this.procs.pop();
    const handlers = this.exitByType.get(type);
    if (handlers) this.dispatch(handlers, node);
  }

  /**
   * Visits the tree once for every rule, as `walk` (walk.ts) does, but leaving out the nodes no
   * rule looks at before they are pushed: text, escapes and literals (about half of all nodes)
   * and, unless a rule visits words, words that are plain text.
   */
  walk(): void {
    const quiet = (type: string): boolean => !this.byType.has(type) && !this.exitByType.has(type);
    const text = quiet('Text');
    const escape = quiet('Escape');
    const q: Quiet = {
      text,
      escape,
      literal: quiet('ExprLiteral'),
      bare: quiet('BareWord') && text && escape,
      quoted: quiet('QuotedWord') && text && escape,
      braced: quiet('BracedWord'),
    };
    const skip = (node: Node): boolean => skipped(node, q);
    const ancestors: Node[] = [];
    this.ancestors = ancestors;
    const todo: WalkStack = [this.ast];
    for (;;) {
      const node = todo.pop();
      if (node === undefined) break;
      if (node === null) {
        this.leave(ancestors.pop()!);
        continue;
      }
      this.enter(node);
      // The leave marker goes below the children, so it comes off after them.
      todo.push(null);
      if (!pushChildren(node, todo, skip)) {
        todo.pop();
        this.leave(node);
        continue;
      }
      ancestors.push(node);
    }
    this.ancestors = [];
  }
}

/** Which nodes the walk leaves out, because no rule visits their type. */
interface Quiet {
  text: boolean;
  escape: boolean;
  literal: boolean;
  /** Plain-text bare words (no substitutions). */
  bare: boolean;
  /** Plain-text quoted words. */
  quoted: boolean;
  /** Braced words that are not parsed as code. */
  braced: boolean;
}

/** Whether the walk leaves `node` out (see {@link Quiet}). */
function skipped(node: Node, q: Quiet): boolean {
  switch (node.type) {
    case 'Text':
      return q.text;
    case 'Escape':
      return q.escape;
    case 'ExprLiteral':
      return q.literal;
    case 'BareWord':
      return q.bare && plainText(node.parts);
    case 'QuotedWord':
      return q.quoted && plainText(node.parts);
    case 'BracedWord':
      return q.braced && node.parsed === undefined;
    default:
      return false;
  }
}

/** Whether word parts are all text and escapes (no substitutions). */
function plainText(parts: readonly Part[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].type;
    if (t !== 'Text' && t !== 'Escape') return false;
  }
  return true;
}

function add(table: Map<string, Handler[]>, key: string, h: Handler): void {
  const list = table.get(key);
  if (list) list.push(h);
  else table.set(key, [h]);
}

/** The context one rule gets for one file; its methods read the shared {@link FileRun}. */
class RuleRun implements RuleContext<string> {
  /** Set once the rule has thrown on this file. */
  failed = false;

  constructor(
    readonly rule: AnyRule,
    readonly file: FileRun,
  ) {}

  get id(): string {
    return this.rule.id;
  }
  get source(): string {
    return this.file.source;
  }
  get ast(): Script {
    return this.file.ast;
  }
  get dialect(): Dialect {
    return this.file.dialect;
  }
  get version(): BigipVersion {
    return this.file.version;
  }
  get bigip(): BigipConfig | undefined {
    return this.file.bigip;
  }
  get catalog(): RuleCatalog {
    return catalog;
  }
  get lines(): LineIndex {
    return this.file.lines;
  }
  ancestors(): readonly Node[] {
    return this.file.ancestors;
  }
  enclosingWhen(): When | undefined {
    const whens = this.file.whens;
    // Guarded: index -1 of an empty array is a slow property lookup, not an element read.
    return whens.length > 0 ? whens[whens.length - 1] : undefined;
  }
  enclosingProc(): Proc | undefined {
    const procs = this.file.procs;
    return procs.length > 0 ? procs[procs.length - 1] : undefined;
  }
  analysis<T>(a: Analysis<T>): T {
    const analyses = this.file.analyses;
    if (analyses.has(a.key)) return analyses.get(a.key) as T;
    const { visitors, result } = a.create(this);
    analyses.set(a.key, result);
    // An analysis fails with the rule that first asked for it.
    this.file.register(visitors, this);
    return result;
  }
  shared<T>(key: string, compute: () => T): T {
    const values = this.file.sharedValues;
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  }
  report(desc: ReportDescriptor<string>): void {
    const rule = this.rule;
    const template = (rule.meta.messages as Record<string, string>)[desc.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${desc.messageId}"`);
    const range = desc.range ?? desc.node?.range;
    if (!range) throw new Error('report needs a node or a range');
    const d: Diagnostic = {
      ruleId: rule.id,
      severity: this.file.severityFor(rule, desc.severity),
      message: formatMessage(template, desc.data),
      range: { start: range.start, end: range.end },
    };
    if (desc.fix && rule.meta.fixable !== 'none') d.fix = desc.fix;
    this.file.found.push(d);
  }
}

/** Lints one text. Never throws on user input. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const rules = options.ruleSet ?? allRules;
  const plan = planFor(rules, options.rules ?? NO_LAYERS);
  const dialect = options.dialect ?? 'irule';
  const { ast, diagnostics: parseDiagnostics } = parse(text, { dialect });
  const file = new FileRun(text, ast, dialect, options.version ?? defaultVersion(), options.bigip, plan.settings, plan.explicit);
  const found = file.found;

  // Parser problems are the findings of `syntax-error`; their own severity stands unless configured.
  const syntaxRule = plan.syntaxRule;
  if (syntaxRule) {
    for (let i = 0; i < parseDiagnostics.length; i++) {
      const d = parseDiagnostics[i];
      found.push({ ...d, severity: file.severityFor(syntaxRule, d.severity) });
    }
  }

  const walked = plan.walked[dialect];
  for (let i = 0; i < walked.length; i++) {
    const rule = walked[i];
    const ctx = new RuleRun(rule, file);
    let visitors: RuleVisitors;
    try {
      visitors = rule.create(ctx);
    } catch (err) {
      file.fail(ctx, err);
      continue;
    }
    file.register(visitors, ctx, rule.commandFilter);
  }

  file.walk();
  file.dispatch(file.ends, undefined);

  const knownRules = idsOf(rules);
  const { kept, problems } = applySuppressions(found, {
    comments: file.comments,
    lineIndex: () => file.lines,
    knownRules,
    enabledRules: plan.enabled[dialect],
  });
  for (const p of problems) {
    const rule = rules.find((r) => r.id === p.ruleId);
    if (!rule || file.setting(rule.id) === 'off') continue;
    kept.push({
      ruleId: p.ruleId,
      severity: file.severityFor(rule, undefined),
      message: formatMessage((rule.meta.messages as Record<string, string>)[p.messageId] ?? p.messageId, p.data),
      range: p.range,
    });
  }
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { ast, diagnostics: kept };
}
