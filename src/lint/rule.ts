/**
 * What a lint rule is: metadata plus a `create(ctx)` that returns visitors keyed by node type
 * and/or by command name. `defineRule` is generic over the message ids, so a misspelt id in
 * `ctx.report` does not compile, and it derives the documentation URL from the rule id.
 */
import { excerpt, type Range, type Severity, type TextEdit } from '../diagnostics.js';
import type { BigipConfig } from '../bigip/model.js';
import type { EventVerdict } from '../catalog/load.js';
import type { CommandSpec, EventSpec } from '../catalog/types.js';
import type { Command, Dialect, Node, Proc, Script, When } from '../syntax/ast.js';
import type { LineIndex } from '../syntax/line-index.js';
import type { BigipVersion } from './version.js';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * Where rule documentation lives; a rule's page is `<DOCS_BASE><id>.md`: the docs/rules folder
 * of the repository named in package.json, on its main branch.
 */
export const DOCS_BASE = `${packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/rules/`;

/** What kind of problem a rule finds. */
export type RuleCategory = 'correctness' | 'security' | 'performance' | 'style';

/** Whether a rule offers fixes, and whether `--fix` may apply them without review. */
export type Fixable = 'none' | 'safe' | 'unsafe';

/** Metadata of a rule. */
export interface RuleMeta<M extends string> {
  /** One line; identical to the H1 of the rule's doc page. */
  description: string;
  /** Kind of problem. */
  category: RuleCategory;
  /** Severity when the configuration says nothing. */
  defaultSeverity: Severity;
  /** Part of the recommended set (on by default). */
  recommended: boolean;
  /** Fix kind. */
  fixable: Fixable;
  /** Not yet proven on real code: off unless configured. */
  preview?: boolean;
  /**
   * The dialects the rule runs in. Rules about BIG-IP (events, iRule commands, CMP, data groups,
   * disabled commands...) say `['irule']` and stay silent on plain Tcl scripts; rules about Tcl
   * itself say both.
   */
  dialects: readonly Dialect[];
  /** Message templates by message id; `{{name}}` is replaced by `data.name`. */
  messages: Record<M, string>;
}

/** What a rule reports. Exactly one of `node` and `range` says where. */
export interface ReportDescriptor<M extends string> {
  /** The node the problem is on. */
  node?: { range: Range };
  /** Or an explicit range. */
  range?: Range;
  /** Which message. */
  messageId: M;
  /** Values for the message's placeholders. */
  data?: Record<string, string | number>;
  /** The edits of a fix (applied by `--fix` when the rule's fix kind is `safe`). */
  fix?: TextEdit[];
  /**
   * The severity this finding deserves when the configuration does not set the rule's severity
   * (for rules whose gravity depends on the BIG-IP version).
   */
  severity?: Severity;
}

/** The command and event catalog as rules see it (src/catalog). */
export interface RuleCatalog {
  /** The spec of a command (by exact name; a leading `::` is ignored), or undefined. */
  command(name: string): CommandSpec | undefined;
  /** The spec of an event, or undefined. */
  event(name: string): EventSpec | undefined;
  /** Every event name. */
  eventNames(): readonly string[];
  /** Whether a command may be used in an event, with the strength of the evidence. */
  commandInEvent(spec: CommandSpec, event: string): EventVerdict;
}

/** What a rule's `create` receives. One context per rule and file. */
export interface RuleContext<M extends string> {
  /** The rule id. */
  readonly id: string;
  /** The whole source text. */
  readonly source: string;
  /** The parsed file. */
  readonly ast: Script;
  /** Dialect the file was parsed with. */
  readonly dialect: Dialect;
  /** The BIG-IP version checked against. */
  readonly version: BigipVersion;
  /** The BIG-IP configuration given with `--bigip-conf`, if any. */
  readonly bigip: BigipConfig | undefined;
  /** The command catalog. */
  readonly catalog: RuleCatalog;
  /** Offset to line/column mapping of the source. */
  readonly lines: LineIndex;
  /** Ancestors of the node being visited, outermost first (live during the walk). */
  ancestors(): readonly Node[];
  /** The `when` handler the visited node is in, if any. */
  enclosingWhen(): When | undefined;
  /** The `proc` the visited node is in, if any. */
  enclosingProc(): Proc | undefined;
  /** A per-file value shared by all rules, computed on first use (analyses such as call graphs). */
  shared<T>(key: string, compute: () => T): T;
  /**
   * The result of an analysis that runs as visitors in the same walk as the rules (registered on
   * the first request, ahead of the requesting rule's visitors). Complete once the walk is over,
   * so read it in `end()`. Call it from `create`.
   */
  analysis<T>(analysis: Analysis<T>): T;
  /** Report a finding. */
  report(descriptor: ReportDescriptor<M>): void;
}

/** What an analysis sees: the file and the walk position, no reporting. */
export type AnalysisContext = Pick<RuleContext<never>, 'source' | 'ast' | 'dialect' | 'version' | 'lines' | 'catalog' | 'ancestors' | 'enclosingWhen' | 'enclosingProc'>;

/** A per-file fact gathering, shared by the rules that ask for it, run inside the one walk. */
export interface Analysis<T> {
  /** Unique key. */
  key: string;
  /** Visitors that fill `result` during the walk. */
  create(ctx: AnalysisContext): { visitors: RuleVisitors; result: T };
}

/** A visitor for one node type. */
type Handler<T extends Node['type']> = (node: Extract<Node, { type: T }>) => void;

/** What `create` returns: handlers by node type (`When`, `When:exit` ...) and by command name. */
export type RuleVisitors = { [T in Node['type']]?: Handler<T> } & {
  [T in Node['type'] as `${T}:exit`]?: Handler<T>;
} & {
  /** Handlers for commands by literal name (`HTTP::respond`, `class` ...); `::name` counts as `name`. */
  commands?: Record<string, (command: Command) => void>;
  /** Called once after the whole tree was walked. */
  end?: () => void;
};

/** A rule as written in its file. */
export interface RuleDefinition<M extends string> {
  /** Kebab-case id; the rule file, test file and doc page are named after it. */
  id: string;
  /** Metadata. */
  meta: RuleMeta<M>;
  /** Builds the visitors for one file. */
  create(ctx: RuleContext<M>): RuleVisitors;
  /**
   * Which commands the rule's `Command` visitor needs, by catalog spec (undefined: not in the
   * catalog, or a computed name). The runner skips the visitor for the others, asking once per
   * spec and file, so the answer must depend on the spec alone.
   */
  commandFilter?: (spec: CommandSpec | undefined) => boolean;
}

/** A registered rule: its definition plus derived data. */
export interface Rule<M extends string = string> extends RuleDefinition<M> {
  /** Link to the rule's documentation page. */
  docsUrl: string;
}

/** Declares a rule. Message ids are checked at compile time. */
export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule<M> {
  return { ...definition, docsUrl: `${DOCS_BASE}${definition.id}.md` };
}

/** A rule of any message ids (for registries and runners). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/**
 * Fills `{{name}}` placeholders of a message template. Unknown names are left as written. Every
 * value is cut to an {@link excerpt}: placeholders quote
 * the offending text, which can be as long as the input.
 */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const pieces = piecesOf(template);
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i += 3) {
    const key = pieces[i];
    out += (Object.prototype.hasOwnProperty.call(data, key) ? excerpt(String(data[key])) : pieces[i + 1]) + pieces[i + 2];
  }
  return out;
}

/** Templates split once: text, then (key, placeholder as written, text) for each placeholder. */
const templatePieces = new Map<string, string[]>();

function piecesOf(template: string): string[] {
  let pieces = templatePieces.get(template);
  if (!pieces) {
    pieces = [''];
    const re = /\{\{\s*(\w+)\s*\}\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      pieces[pieces.length - 1] += template.slice(last, m.index);
      pieces.push(m[1], m[0], '');
      last = m.index + m[0].length;
    }
    pieces[pieces.length - 1] += template.slice(last);
    // Templates are the rules' own messages: a bounded set.
    templatePieces.set(template, pieces);
  }
  return pieces;
}
