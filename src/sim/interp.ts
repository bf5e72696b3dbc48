/**
 * The Tcl 8.4 evaluator the iRule simulator runs on. It evaluates the parser's AST directly:
 * words are substituted from their parts, braced bodies arrive pre-parsed from the parser, and
 * code held in strings (`eval $x`, `if $cond`, unbraced bodies, `uplevel`, `subst`) is parsed with
 * the same parser and cached by text. Every command returns a `TclResult`; JS exceptions are only
 * for simulator bugs (and a last-resort JS stack overflow guard in `run`).
 *
 * Safety: a run has a step budget (commands executed, and empty bodies, so `while 1 {}` counts),
 * a nesting limit and a deadline; the step and time limits cannot be caught by `catch`. Commands
 * that could allocate without bound check `maxStringLength`. Nothing here touches files, processes
 * or the network.
 *
 * Errors follow Tcl 8.4's bytecode conventions: within one compiled unit (a handler body, a proc
 * body, an `eval` script; braced bodies of `if`/`foreach`/... and `[...]` are part of their unit)
 * errorInfo names the innermost failing command once ("while executing"), each enclosing unit
 * adds "invoked from within", and `errorLine` is that innermost command's line within the run's
 * script. `errorCommand` is the failing top-level command of the script run, so BIG-IP's
 * `<message> (line N) invoked from within "<command>"` is `value`, `errorLine`, `errorCommand`.
 *
 * The iRule layer builds on it:
 *   const interp = createTclInterp();               // src/sim/index.ts: all Tcl builtins
 *   interp.register('HTTP::uri', handler, { min: 0, max: 1, usage: '?uri?' });
 *   interp.onUnknownCommand = (it, argv) => ...;    // commands the simulator does not model
 *   const { ast, diagnostics } = parse(ruleText);   // the rule as the iRule layer parses it
 *   interp.noteDiagnostics(ast, diagnostics, ruleText);
 *   const conn = interp.newFrame();                 // per-connection variables
 *   const r = interp.run(whenNode.body, { frame: conn, src: ruleText, limits });
 *   if (r.code === Code.ERROR) log(r.value, r.errorLine, r.errorCommand, r.limit);
 */
import type { Dialect, Expr, Script, Statement, Word, Part, VarRef } from '../syntax/ast.js';
import { parse, parseExpressionText } from '../syntax/index.js';
import { Code, err, ok, OK_EMPTY, wrongArgs, type TclResult } from './result.js';
import { compileExpr, CompiledExpr } from './expr.js';
import { concatStrings, formatList, parseList } from './values.js';
import { execRegex, MatchAbort, type RegexMatch, type TclRegex } from './tcl/regexp.js';
import type { ValueProbe } from './probe.js';

export { Code, type TclResult } from './result.js';

// ---- Public types ------------------------------------------------------------------------------

/** Resource limits of one `run`. */
export interface Limits {
  /** Most commands one run may execute. */
  maxSteps: number;
  /** Deepest nesting of scripts, substitutions and procedure calls. */
  maxDepth: number;
  /** Wall-clock budget of one run, in milliseconds (measured with the interp's `now`). */
  timeMs: number;
  /** Longest string a single command may build (e.g. `string repeat`, `format`, `append`, `list`). */
  maxStringLength: number;
  /**
   * Most characters one run (or one client's budget) may hold at once in variables, arrays,
   * session table entries and `after` scripts together.
   */
  maxMemory: number;
}

/** Defaults: generous for real iRules, small enough that runaway code ends quickly. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxSteps: 1_000_000,
  maxDepth: 1000,
  timeMs: 2000,
  maxStringLength: 16 * 1024 * 1024,
  maxMemory: 64 * 1024 * 1024,
});

/** Which limit a run hit. */
export type LimitKind = 'steps' | 'time' | 'depth' | 'stack' | 'memory';

/**
 * One client's share of the limits, spent by every run made for it (its event handlers and its
 * `after` jobs): steps and memory add up, and the deadline is fixed when the budget is made.
 */
export class Budget {
  /** Steps spent so far. */
  steps = 0;
  /** Characters held (see Limits.maxMemory). */
  memory = 0;
  /** The limit a run of this budget hit, if any (later runs stop at once). */
  limit: LimitKind | undefined;
  constructor(
    /** The limits (the interp's defaults merged with the client's). */
    readonly limits: Limits,
    /** Wall-clock deadline (ms, on the interp's clock). */
    readonly deadline: number,
  ) {}
}

/**
 * A command implementation. `argv` holds the substituted words (argv[0] is the command name as
 * invoked). `words` are the raw AST words when the command was invoked from source without
 * `{*}` expansion (so control commands can reuse pre-parsed bodies and expressions); undefined
 * when invoked dynamically.
 */
export type CommandHandler = (interp: Interp, argv: string[], words: readonly Word[] | undefined) => TclResult;

/** Arity of a command, checked before dispatch (counts exclude the command name). */
export interface CommandSpec {
  /** Fewest arguments. */
  min?: number;
  /** Most arguments (omit for no limit). */
  max?: number;
  /** The usage shown after the command name in `wrong # args: should be "..."`. */
  usage?: string;
}

/** A registered command. */
export interface CommandEntry {
  /** Implementation. */
  handler: CommandHandler;
  /** Arity checked before dispatch. */
  spec?: CommandSpec;
  /** Set for procedures defined with `proc`. */
  proc?: ProcDef;
}

/** A variable slot (shared between frames by `upvar`/`global`). */
export class Var {
  /** Scalar value, when the variable is a set scalar. */
  value: string | undefined = undefined;
  /** Elements, when the variable is an array. */
  arr: Map<string, string> | undefined = undefined;
  /** For an `upvar` alias of an array element: the array and key it stands for. */
  ref: { owner: Var; key: string } | undefined = undefined;

  /** Whether the variable exists (as a scalar or array). */
  exists(): boolean {
    if (this.ref) return this.ref.owner.arr?.has(this.ref.key) ?? false;
    return this.value !== undefined || this.arr !== undefined;
  }
}

/** A variable frame: the global frame, a connection frame, or a procedure call. */
export class Frame {
  /** Variables by name. */
  readonly vars = new Map<string, Var>();
  constructor(
    /** `info level` of the frame (0 for global and connection frames). */
    readonly level: number,
    /** The frame this one was called from (for `uplevel`/`upvar`). */
    readonly parent: Frame | undefined,
    /** The words of the procedure call (`info level N`). */
    readonly argv?: readonly string[],
    /** The procedure running in the frame. */
    readonly proc?: ProcDef,
  ) {}
}

/** A procedure. */
export interface ProcDef {
  /** Name as defined. */
  name: string;
  /** Parameters in order; `args` last collects the rest. */
  params: { name: string; def?: string }[];
  /** Body text. */
  body: string;
  /** The body word, when defined from source (to reuse its parsed script). */
  bodyWord?: Word;
  /** Resolved body (parsed lazily on first call). */
  code?: CodeUnit;
  /** Source text the body word's ranges index into. */
  src?: string;
}

/** A parsed script and the text its ranges index into. */
export interface CodeUnit {
  /** The script. */
  script: Script;
  /** The text `script`'s ranges are offsets into. */
  src: string;
}

/** Options of a `run`. */
export interface RunOptions {
  /** Variable frame to run in (default: the global frame). A connection frame keeps its variables across runs. */
  frame?: Frame;
  /** The text the script's ranges index into (required when `code` is a Script from a larger source). */
  src?: string;
  /** Limits for this run (default: the interp's limits). */
  limits?: Partial<Limits>;
  /** A budget shared with other runs (a client's): its limits, deadline, steps and memory are used instead of fresh ones. */
  budget?: Budget;
}

/** What a `run` returns. */
export interface RunResult extends TclResult {
  /** Tcl's `errorInfo` traceback (ERROR only). */
  errorInfo?: string;
  /** Tcl's `errorCode` (ERROR only). */
  errorCode?: string;
  /** Line, within the script run, of the top-level command that failed (1-based, as Tcl's errorLine). */
  errorLine?: number;
  /** Source text of that top-level command. */
  errorCommand?: string;
  /** The innermost command that failed: its text, line and offset within its own source text. */
  errorSite?: ErrorSite;
  /** Set when a simulator limit ended the run. */
  limit?: LimitKind;
  /** Commands executed. */
  steps: number;
}

/** Where an error started. */
export interface ErrorSite {
  /** The failing command's source text (as in errorInfo, ellipsized after 150 characters). */
  command: string;
  /** Its line within the script it belongs to (1-based). */
  line: number;
  /** Offset of the command in `src`. */
  offset: number;
  /** The text the offset refers to (the rule source, or dynamic code such as an `eval` string). */
  src: string;
}

/** Options of an interpreter. */
export interface InterpOptions {
  /** Parser dialect for code held in strings and for list backslashes (default `irule`). */
  dialect?: Dialect;
  /** Default limits of each run. */
  limits?: Partial<Limits>;
  /** Clock in milliseconds since the epoch (for `clock` and deadlines); default `Date.now`. */
  now?: () => number;
  /** Seed for `rand()` (default: derived from the clock, as Tcl does). */
  randomSeed?: number;
}

/** Hook for commands nobody registered: return a result, or undefined for Tcl's `invalid command name`. */
export type UnknownCommandHook = (interp: Interp, argv: string[], words: readonly Word[] | undefined) => TclResult | undefined;

// ---- Helpers -----------------------------------------------------------------------------------

/** A variable name split into array base and index. */
interface VarName {
  base: string;
  index: string | undefined;
}

function splitVarName(name: string): VarName {
  const n = name.length;
  if (n > 0 && name.charCodeAt(n - 1) === 41) {
    const open = name.indexOf('(');
    if (open > 0) return { base: name.slice(0, open), index: name.slice(open + 1, n - 1) };
  }
  return { base: name, index: undefined };
}

/** Tcl_LogCommandInfo limits the quoted command to 150 characters. */
function ellipsize(text: string): string {
  return text.length > 150 ? text.slice(0, 150) + '...' : text;
}

function countLines(src: string, from: number, to: number): number {
  let line = 1;
  for (let i = from; i < to; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Messages of the parser's structural errors, mapped to Tcl's wording. `at` is the source
 * character the diagnostic points at: command substitutions nested deeper than the parser
 * analyses cannot be evaluated (bodies nested that deep are parsed when they run).
 */
function structuralError(message: string, dialect: Dialect, at?: string): string | undefined {
  if (message.startsWith('nesting deeper than')) {
    return at === '[' ? DEEP_SUBST_MESSAGE : undefined;
  }
  if (message.startsWith('missing close-brace for variable name')) return 'missing close-brace for variable name';
  if (message.startsWith('missing close-brace')) return 'missing close-brace';
  if (message.startsWith('missing close-quote')) return 'missing "';
  if (message.startsWith('missing close-bracket')) return 'missing close-bracket';
  if (message.startsWith('missing ) to close')) return 'missing )';
  if (dialect === 'tcl' && message.startsWith('extra characters after close-brace')) return 'extra characters after close-brace';
  if (dialect === 'tcl' && message.startsWith('extra characters after close-quote')) return 'extra characters after close-quote';
  if (message.startsWith('internal parser error')) return message;
  return undefined;
}

/** The innermost parsed body (braced script word, or switch arm) whose content contains `offset`. */
function innermostBody(script: Script, offset: number): Script | undefined {
  let found: Script | undefined;
  const visitParts = (parts: readonly Part[]): void => {
    for (const p of parts) {
      if (p.type === 'CmdSubst' && p.range.start <= offset && offset < p.range.end) visitScript(p.script);
      else if (p.type === 'VarRef' && p.index) visitParts(p.index);
    }
  };
  const visitWord = (w: Word): void => {
    if (w.type === 'ExpandWord') return visitWord(w.word);
    if (w.type === 'BracedWord') {
      const parsed = w.parsed;
      if (!parsed || offset < w.contentRange.start || offset >= w.contentRange.end) return;
      if (parsed.type === 'Script') {
        found = parsed;
        visitScript(parsed);
      } else if (parsed.type === 'List') {
        for (const item of parsed.items) {
          if (item.parsed?.type === 'Script' && item.contentRange.start <= offset && offset < item.contentRange.end) {
            found = item.parsed;
            visitScript(item.parsed);
          }
        }
      }
      return;
    }
    if (offset >= w.range.start && offset < w.range.end) visitParts(w.parts);
  };
  const visitScript = (sc: Script): void => {
    for (const st of sc.body) {
      if (st.type === 'Comment' || offset < st.range.start || offset > st.range.end) continue;
      for (const w of st.words) visitWord(w);
    }
  };
  visitScript(script);
  return found;
}

/** What substitution helpers return: the string, or the (error) result that stopped them. */
export type StrOrResult = string | TclResult;

const TEXT_CACHE_MAX = 2000;

/** Tcl 8.4's message when scripts nest deeper than the limit (catchable, as in Tcl). */
const NESTING_MESSAGE = 'too many nested calls to Tcl_EvalObj (infinite loop?)';
/** Command substitutions nested deeper than the parser builds a tree for. */
/** Steps between two readings of the clock. */
const CHECK_CLOCK_EVERY = 64;
/** Arguments or results at least this long make a command read the clock (its work grows with them). */
const LARGE_VALUE = 65536;

const DEEP_SUBST_MESSAGE = 'simulator limit: command substitutions nested deeper than the parser analyses';

// ---- The interpreter ---------------------------------------------------------------------------

/** A Tcl interpreter. */
export class Interp {
  /** Parser dialect. */
  readonly dialect: Dialect;
  /** Commands by name. */
  readonly commands = new Map<string, CommandEntry>();
  /** The global frame. */
  readonly globalFrame = new Frame(0, undefined);
  /** `static::` variables (shared by all connections, as on BIG-IP). */
  readonly statics = new Map<string, Var>();
  /** Current variable frame. */
  frame: Frame = this.globalFrame;
  /** Default limits. */
  limits: Limits;
  /** Clock (ms). */
  now: () => number;
  /** Called for unknown commands. */
  onUnknownCommand: UnknownCommandHook | undefined;
  /** Per-interp data for builtins (e.g. the `rand()` seed); keyed by module. */
  readonly data = new Map<string, unknown>();
  /** Watches commands and value tests (set by `irule-sim --explain`; undefined otherwise). */
  probe: ValueProbe | undefined;

  // Run state.
  /** Commands executed in the current run. */
  steps = 0;
  private depth = 0;
  private runLimits: Limits;
  private deadline = Infinity;
  /** Set once a limit was hit; the run then unwinds (and `catch` cannot stop it). */
  limitHit: LimitKind | undefined;
  private limitMessage = '';

  // Error state (Tcl's errorInfo machinery).
  /** errorInfo being built. */
  errorInfo = '';
  /** errorCode of the current error. */
  errorCode = 'NONE';
  /** Whether an error is propagating (further levels add "invoked from within"). */
  errInProgress = false;
  /** Set once errorInfo has the failing command of the current unit (or `error msg info` wrote it). */
  errLogged = false;
  /** Line of the failing command within the script that last logged it. */
  errorLine = 0;
  private errorSite: ErrorSite | undefined;
  private topCommand: string | undefined;
  /** Completion code requested by `return -code` (applied when a procedure returns). */
  returnCode = Code.OK as number;
  /** `-errorinfo` of `return`. */
  returnErrorInfo: string | undefined;
  /** `-errorcode` of `return`. */
  returnErrorCode: string | undefined;

  /** Text the current script's ranges index into. */
  src = '';

  private readonly textCache = new Map<string, CodeUnit | TclResult>();
  private readonly wordCache = new WeakMap<Word, CodeUnit | TclResult>();
  private readonly exprCache = new Map<string, CompiledExpr | TclResult>();
  private readonly exprNodeCache = new WeakMap<Expr, CompiledExpr | TclResult>();

  constructor(options: InterpOptions = {}) {
    this.dialect = options.dialect ?? 'irule';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.runLimits = this.limits;
    this.now = options.now ?? Date.now;
    if (options.randomSeed !== undefined) this.data.set('randSeed', options.randomSeed);
  }

  // ---- Registration --------------------------------------------------------------------------

  /** Registers (or replaces) a command. */
  register(name: string, handler: CommandHandler, spec?: CommandSpec): void {
    this.commands.set(name, { handler, spec });
  }

  /** Removes a command. */
  unregister(name: string): void {
    this.commands.delete(name);
  }

  /** Looks a command up (a leading `::` is ignored). */
  getCommand(name: string): CommandEntry | undefined {
    return this.commands.get(name) ?? (name.startsWith('::') ? this.commands.get(name.slice(2)) : undefined);
  }

  /** A new top-level variable frame (for a connection's variables). */
  newFrame(): Frame {
    return new Frame(0, undefined);
  }

  // ---- Running -------------------------------------------------------------------------------

  /**
   * Runs a script with fresh limits: the entry point for event handlers and tests. `code` is
   * source text, or a Script node whose ranges index into `options.src`.
   */
  run(code: string | Script, options: RunOptions = {}): RunResult {
    if (this.running) return this.runNested(code, options);
    this.running = true;
    try {
      return this.runTop(code, options);
    } finally {
      this.running = false;
    }
  }

  /** Set while a `run` is in progress (a command handler calling `run` gets a nested evaluation). */
  private running = false;

  /** A `run` from inside a running command: same limits and error state, just another frame/script. */
  private runNested(code: string | Script, options: RunOptions): RunResult {
    const saveFrame = this.frame;
    const saveSrc = this.src;
    if (options.frame) this.frame = options.frame;
    let result: TclResult;
    if (typeof code === 'string') {
      const unit = this.parseText(code);
      result = 'code' in unit ? unit : this.evalScript(unit.script, unit.src);
    } else result = this.evalScript(code, options.src ?? this.src);
    this.frame = saveFrame;
    this.src = saveSrc;
    return { code: result.code, value: result.value, steps: this.steps };
  }

  /** A budget for a series of runs (one client's), starting now. */
  newBudget(limits?: Partial<Limits>): Budget {
    const l = limits ? { ...this.limits, ...limits } : this.limits;
    return new Budget(l, l.timeMs === Infinity ? Infinity : this.now() + l.timeMs);
  }

  private runTop(code: string | Script, options: RunOptions): RunResult {
    const budget = options.budget;
    if (budget) {
      this.runLimits = budget.limits;
      this.steps = budget.steps;
      this.memory = budget.memory;
      this.deadline = budget.deadline;
    } else {
      this.runLimits = options.limits ? { ...this.limits, ...options.limits } : this.limits;
      this.steps = 0;
      this.memory = 0;
      this.deadline = this.runLimits.timeMs === Infinity ? Infinity : this.now() + this.runLimits.timeMs;
    }
    this.depth = 0;
    this.limitHit = undefined;
    this.sinceCheck = 0;
    this.resetError();
    this.returnCode = Code.OK;
    this.topCommand = undefined;
    const saveFrame = this.frame;
    const saveSrc = this.src;
    this.frame = options.frame ?? this.globalFrame;
    let result: TclResult;
    try {
      if (budget?.limit) {
        result = this.hitLimit(budget.limit, `simulator limit: this client already reached its ${budget.limit} limit`);
      } else if (typeof code === 'string') {
        const unit = this.parseText(code);
        result = 'code' in unit ? unit : this.evalTop(unit.script, unit.src);
      } else {
        result = this.evalTop(code, options.src ?? this.src);
      }
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      if (/call stack/i.test(e.message)) {
        // The JS stack ran out before our nesting limit: report it as a limit, never crash.
        this.limitHit = 'stack';
        result = err('simulator limit: nesting too deep for the JavaScript stack');
      } else if (/invalid (string|array|typed array) length|allocation failed/i.test(e.message)) {
        // A value larger than JavaScript allows: a memory limit, never a crash.
        this.limitHit = 'memory';
        result = err('simulator limit: a string or list larger than JavaScript can hold');
      } else throw e;
    } finally {
      this.frame = saveFrame;
      this.src = saveSrc;
      this.depth = 0;
      if (budget) {
        budget.steps = this.steps;
        budget.memory = this.memory;
        budget.limit ??= this.limitHit;
      }
    }
    const out: RunResult = { code: result.code, value: result.value, steps: this.steps };
    if (result.code === Code.BREAK || result.code === Code.CONTINUE) {
      out.code = Code.ERROR;
      out.value = `invoked "${result.code === Code.BREAK ? 'break' : 'continue'}" outside of a loop`;
    }
    if (result.code === Code.RETURN) {
      out.code = this.returnCode;
      this.returnCode = Code.OK;
      if (out.code === Code.ERROR) {
        if (this.returnErrorInfo !== undefined) this.errorInfo = this.returnErrorInfo;
        else this.errorInfo = result.value;
        this.errorCode = this.returnErrorCode ?? 'NONE';
      }
    }
    if (out.code === Code.ERROR) {
      out.errorInfo = this.errInProgress ? this.errorInfo : out.value;
      out.errorCode = this.errorCode;
      out.errorLine = this.errorLine;
      if (this.topCommand !== undefined) out.errorCommand = this.topCommand;
      if (this.errorSite) out.errorSite = this.errorSite;
      if (this.limitHit) out.limit = this.limitHit;
      else if (out.value === NESTING_MESSAGE || out.value.startsWith(DEEP_SUBST_MESSAGE)) out.limit = 'depth';
      this.setGlobal('errorInfo', out.errorInfo);
      this.setGlobal('errorCode', out.errorCode);
    }
    this.resetError();
    this.limitHit = undefined;
    return out;
  }

  /** Evaluates a top-level script, remembering which of its commands failed. */
  private evalTop(script: Script, src: string): TclResult {
    const r = this.evalScript(script, src);
    if (r.code === Code.ERROR && this.lastFailed) {
      this.topCommand = ellipsize(src.slice(this.lastFailed.range.start, this.lastFailed.range.end));
    }
    return r;
  }

  private lastFailed: Statement | undefined;

  /** Clears the error state (after `catch`, or before a new run). */
  resetError(): void {
    this.errorInfo = '';
    this.errorCode = 'NONE';
    this.errInProgress = false;
    this.errLogged = false;
    this.errLineSet = false;
    this.errorSite = undefined;
    this.returnErrorInfo = undefined;
    this.returnErrorCode = undefined;
  }

  /** Evaluates source text as a script (nested: no limit reset). */
  eval(text: string): TclResult {
    const unit = this.parseText(text);
    if ('code' in unit) return unit;
    return this.evalScript(unit.script, unit.src);
  }

  /**
   * Evaluates a script as its own unit (what Tcl compiles separately: a procedure body, an
   * `eval`/`uplevel` script, code held in a string, an event handler). Within a unit, an error is
   * logged once, at the innermost failing command (as Tcl 8.4's bytecode does); the calling unit
   * then adds "invoked from within" for its own command.
   */
  evalScript(script: Script, src: string): TclResult {
    const saveStart = this.unitStart;
    const saveUnitSrc = this.unitSrc;
    this.unitStart = script.range.start;
    this.unitSrc = src;
    const r = this.runScript(script, src);
    this.unitStart = saveStart;
    this.unitSrc = saveUnitSrc;
    if (r.code === Code.ERROR) {
      this.errLogged = false;
      this.errLineSet = false;
    }
    return r;
  }

  /** Evaluates a script inline, as part of the current unit (command substitutions, braced bodies of compiled commands). */
  evalInline(script: Script, src: string): TclResult {
    return this.runScript(script, src);
  }

  /** Start offset (in `unitSrc`) of the unit being evaluated, for errorLine. */
  private unitStart = 0;
  private unitSrc = '';
  /** errorLine was computed for the current error in the current unit. */
  private errLineSet = false;

  private runScript(script: Script, src: string): TclResult {
    if (++this.depth > this.runLimits.maxDepth) {
      this.depth--;
      return err(NESTING_MESSAGE);
    }
    if (script.body.length === 0) {
      this.depth--;
      return this.tick() ?? OK_EMPTY;
    }
    const saveSrc = this.src;
    this.src = src;
    let result: TclResult = OK_EMPTY;
    const body = script.body;
    for (let i = 0; i < body.length; i++) {
      const st = body[i];
      if (st.type === 'Comment') continue;
      result = this.evalCommand(st.words);
      if (result.code !== Code.OK) {
        if (result.code === Code.ERROR) this.logError(st, script, src, result.value);
        break;
      }
    }
    this.src = saveSrc;
    this.depth--;
    return result;
  }

  /** Records a failed command: errorLine, and the "while executing" / "invoked from within" lines once per unit. */
  private logError(st: Statement, script: Script, src: string, message: string): void {
    this.lastFailed = st;
    const line = () =>
      src === this.unitSrc && this.unitStart <= st.range.start ? countLines(src, this.unitStart, st.range.start) : countLines(src, script.range.start, st.range.start);
    if (!this.errLineSet) {
      this.errorLine = line();
      this.errLineSet = true;
    }
    const text = ellipsize(src.slice(st.range.start, st.range.end));
    if (!this.errorSite) this.errorSite = { command: text, line: this.errorLine, offset: st.range.start, src };
    if (this.errLogged) return;
    this.errLogged = true;
    if (!this.errInProgress) {
      this.errInProgress = true;
      this.errorInfo = `${message}\n    while executing\n"${text}"`;
    } else {
      this.errorInfo += `\n    invoked from within\n"${text}"`;
    }
  }

  /** Appends a line to errorInfo (e.g. `("foreach" body line 2)`); starts it when needed. */
  addErrorInfo(message: string, text: string): void {
    if (!this.errInProgress) {
      this.errInProgress = true;
      this.errorInfo = message;
    }
    this.errorInfo += text;
  }

  /** Evaluates the words of a command and invokes it. */
  evalCommand(words: readonly Word[]): TclResult {
    const n = words.length;
    const argv: string[] = new Array(n);
    let expanded: string[] | undefined;
    for (let i = 0; i < n; i++) {
      const w = words[i];
      if (w.type === 'ExpandWord') {
        const v = this.evalWord(w.word);
        if (typeof v !== 'string') return v;
        const items = parseList(v, this.dialect);
        if (!Array.isArray(items)) return err(items.error);
        expanded ??= argv.slice(0, i);
        for (const item of items) expanded.push(item);
        continue;
      }
      const v = this.evalWord(w);
      if (typeof v !== 'string') return v;
      if (expanded) expanded.push(v);
      else argv[i] = v;
    }
    if (expanded) {
      if (expanded.length === 0) return OK_EMPTY;
      return this.invoke(expanded, undefined);
    }
    return this.invoke(argv, words);
  }

  /** The value of a word after substitution, or an error result. */
  evalWord(w: Word): StrOrResult {
    switch (w.type) {
      case 'BracedWord':
        return w.text;
      case 'BareWord':
      case 'QuotedWord': {
        const parts = w.parts;
        if (parts.length === 1) {
          const p = parts[0];
          if (p.type === 'Text') return p.value;
          return this.evalPart(p);
        }
        return this.evalParts(parts);
      }
      case 'ExpandWord':
        return this.evalWord(w.word);
    }
  }

  /** Substitutes a run of word parts. */
  evalParts(parts: readonly Part[]): StrOrResult {
    let s = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.type === 'Text' || p.type === 'Escape') {
        s += p.value;
        continue;
      }
      const v = this.evalPart(p);
      if (typeof v !== 'string') return v;
      s += v;
    }
    return s;
  }

  /** Substitutes one part. */
  evalPart(p: Part): StrOrResult {
    switch (p.type) {
      case 'Text':
      case 'Escape':
        return p.value;
      case 'VarRef':
        return this.readVarRef(p);
      case 'CmdSubst': {
        const r = this.evalInline(p.script, this.src);
        return r.code === Code.OK ? r.value : r;
      }
    }
  }

  /** Reads `$name` or `$name(index)`. */
  readVarRef(ref: VarRef): StrOrResult {
    if (ref.index) {
      const idx = ref.index.length === 1 && ref.index[0].type === 'Text' ? ref.index[0].value : this.evalParts(ref.index);
      if (typeof idx !== 'string') return idx;
      return this.getVar2(ref.name, idx);
    }
    return this.getVar(ref.name);
  }

  /** Invokes a command by its substituted words. */
  invoke(argv: string[], words: readonly Word[] | undefined): TclResult {
    const limited = this.tick();
    if (limited) return limited;
    const name = argv[0];
    let entry = this.commands.get(name);
    if (entry === undefined && name.startsWith('::')) entry = this.commands.get(name.slice(2));
    if (entry === undefined) {
      const r = this.onUnknownCommand?.(this, argv, words) ?? err(`invalid command name "${name}"`);
      if (this.probe !== undefined) this.probe.command(argv, r);
      return r;
    }
    const spec = entry.spec;
    if (spec !== undefined) {
      const nargs = argv.length - 1;
      if ((spec.min !== undefined && nargs < spec.min) || (spec.max !== undefined && nargs > spec.max)) {
        return wrongArgs(spec.usage ? `${name} ${spec.usage}` : name);
      }
    }
    // A command over large values can take long: look at the clock around it.
    let size = 0;
    for (let i = 1; i < argv.length; i++) size += argv[i].length;
    if (size >= LARGE_VALUE) {
      const late = this.checkDeadline();
      if (late) return late;
    }
    const r = entry.handler(this, argv, words);
    if (this.probe !== undefined) this.probe.command(argv, r);
    if (r.value.length >= LARGE_VALUE) return this.checkDeadline() ?? r;
    return r;
  }

  /** Calls a command by name with arguments (for the iRule layer and `call`). */
  call(argv: string[]): TclResult {
    return this.invoke(argv, undefined);
  }

  /**
   * Counts one step (a command, or the evaluation of a script body, so that `while 1 {}` is
   * counted too) and checks the step budget and the deadline. Returns the limit error, if any.
   */
  tick(): TclResult | undefined {
    if (this.limitHit) return err(this.limitMessage);
    const steps = ++this.steps;
    if (steps > this.runLimits.maxSteps) return this.hitLimit('steps', `simulator limit: more than ${this.runLimits.maxSteps} steps executed (infinite loop?)`);
    if (++this.sinceCheck >= CHECK_CLOCK_EVERY) return this.checkDeadline();
    return undefined;
  }

  /** Steps since the clock was last read. */
  private sinceCheck = 0;

  /** Reads the clock: the time limit error once the deadline has passed. */
  private checkDeadline(): TclResult | undefined {
    this.sinceCheck = 0;
    if (this.deadline !== Infinity && this.now() > this.deadline) {
      return this.hitLimit('time', `simulator limit: the run took longer than ${this.runLimits.timeMs} ms`);
    }
    return undefined;
  }

  /** Characters held by the current run or budget (see Limits.maxMemory). */
  memory = 0;

  /**
   * Accounts for `delta` more (or, negative, fewer) characters held: variables, array elements,
   * session table entries, `after` scripts. Returns the memory limit error once past the limit.
   */
  chargeMemory(delta: number): TclResult | undefined {
    const m = this.memory + delta;
    this.memory = m > 0 ? m : 0;
    if (m > this.runLimits.maxMemory) return this.memoryLimit();
    return undefined;
  }

  private memoryLimit(): TclResult {
    return this.hitLimit('memory', `simulator limit: more than ${this.runLimits.maxMemory} characters held in variables, tables and after jobs`);
  }

  /** `items` as a Tcl list, within the string length limit (checked before building it, and after quoting). */
  listOf(items: readonly string[]): TclResult {
    const tooLong = this.checkTotal(items, items.length);
    if (tooLong) return tooLong;
    const s = formatList(items, this.dialect);
    return this.checkLength(s.length) ?? ok(s);
  }

  /** Tcl's `concat` of `args`, within the string length limit; a string, or the limit error. */
  concatOf(args: readonly string[]): string | TclResult {
    return this.checkTotal(args, args.length) ?? concatStrings(args);
  }

  /** Checks that strings of these lengths joined (plus `extra`) stay within the length limit. */
  checkTotal(parts: readonly string[], extra = 0): TclResult | undefined {
    let n = extra;
    for (const p of parts) n += p.length;
    return this.checkLength(n);
  }

  /** Ends the run with a simulator limit (which `catch` cannot stop). */
  hitLimit(kind: LimitKind, message: string): TclResult {
    this.limitHit = kind;
    this.limitMessage = message;
    return err(message);
  }

  /**
   * Matches a compiled regexp under this run's deadline: a match that runs past it ends the run
   * with the time limit, and a back-reference pattern that exhausts its budget is a Tcl error.
   */
  regexExec(re: TclRegex, str: string, from = 0, wantGroups = true): RegexMatch | null | TclResult {
    const m = execRegex(re, str, from, this.regexGuard, wantGroups);
    if (!(m instanceof MatchAbort)) return m;
    if (m.timeout) return this.hitLimit('time', `simulator limit: the run took longer than ${this.runLimits.timeMs} ms`);
    return err(m.message);
  }

  /** Whether a compiled regexp matches anywhere in `str` (see regexExec). */
  regexTest(re: TclRegex, str: string): boolean | TclResult {
    const m = this.regexExec(re, str, 0, false);
    return m === null ? false : Array.isArray(m) ? true : m;
  }

  private readonly regexGuard = { expired: (): boolean => this.deadline !== Infinity && this.now() > this.deadline };

  /** Checks a string about to be built against the length limit. */
  checkLength(n: number): TclResult | undefined {
    if (n > this.runLimits.maxStringLength) {
      return err(`simulator limit: string of ${n} characters is longer than the ${this.runLimits.maxStringLength} allowed`);
    }
    return undefined;
  }

  // ---- Code held in words and strings ---------------------------------------------------------

  /** Parses source text (cached by text). */
  parseText(text: string): CodeUnit | TclResult {
    const hit = this.textCache.get(text);
    if (hit) return hit;
    const { ast, diagnostics } = parse(text, { dialect: this.dialect });
    let unit: CodeUnit | TclResult = { script: ast, src: text };
    let fatalAt = -1;
    for (const d of diagnostics) {
      if (d.severity !== 'error') continue;
      const msg = structuralError(d.message, this.dialect, text[d.range.start]);
      if (!msg) continue;
      // A problem inside a nested body only fails when that body runs (as in Tcl).
      const body = innermostBody(ast, d.range.start);
      if (body) {
        if (!this.brokenBodies.has(body)) this.brokenBodies.set(body, err(msg));
        continue;
      }
      // Of nested unclosed constructs, Tcl reports the innermost (it runs out of input first).
      if (d.range.start > fatalAt) {
        fatalAt = d.range.start;
        unit = err(msg);
      }
    }
    if (this.textCache.size >= TEXT_CACHE_MAX) this.textCache.clear();
    this.textCache.set(text, unit);
    return unit;
  }

  /** Parsed bodies that hold a syntax error, with Tcl's message (reported when they run). */
  private readonly brokenBodies = new WeakMap<Script, TclResult>();

  /** Marks the nested bodies of an already parsed source that have syntax errors (for sources parsed by the caller). */
  noteDiagnostics(ast: Script, diagnostics: readonly { severity: string; message: string; range: { start: number } }[], src?: string): void {
    for (const d of diagnostics) {
      if (d.severity !== 'error') continue;
      const msg = structuralError(d.message, this.dialect, src?.[d.range.start]);
      if (!msg) continue;
      const body = innermostBody(ast, d.range.start);
      if (body && !this.brokenBodies.has(body)) this.brokenBodies.set(body, err(msg));
    }
  }

  /** The script for a body argument: the parser's tree when the word is a parsed braced body, else parsed from `text`. */
  bodyCode(text: string, word: Word | undefined): CodeUnit | TclResult {
    if (word !== undefined && word.type === 'BracedWord') {
      const parsed = word.parsed;
      if (parsed !== undefined && parsed.type === 'Script') return this.brokenBodies.get(parsed) ?? { script: parsed, src: this.src };
      const hit = this.wordCache.get(word);
      if (hit) return hit;
      const unit = this.parseText(text);
      this.wordCache.set(word, unit);
      return unit;
    }
    return this.parseText(text);
  }

  /**
   * Evaluates a body argument. A braced body the parser already parsed is part of the current
   * unit (Tcl compiles it inline); anything else is its own unit, and when it fails `context`
   * (e.g. `"foreach" body`) is added to errorInfo as `(<context> line N)`.
   */
  evalBody(text: string, word: Word | undefined, context?: string): TclResult {
    if (word !== undefined && word.type === 'BracedWord' && word.parsed !== undefined && word.parsed.type === 'Script') {
      return this.brokenBodies.get(word.parsed) ?? this.runScript(word.parsed, this.src);
    }
    return this.evalUnit(text, word, context);
  }

  /** Evaluates a body argument as its own unit (`eval`, `uplevel`), adding `(<context> line N)` on error. */
  evalUnit(text: string, word: Word | undefined, context?: string): TclResult {
    const unit = this.bodyCode(text, word);
    if ('code' in unit) return unit;
    const r = this.evalScript(unit.script, unit.src);
    if (r.code === Code.ERROR && context !== undefined) this.addErrorInfo(r.value, `\n    (${context} line ${this.errorLine})`);
    return r;
  }

  /** The compiled expression for an expression argument. */
  exprCode(text: string, word: Word | undefined): CompiledExpr | TclResult {
    if (word !== undefined && word.type === 'BracedWord' && word.parsed !== undefined && word.parsed.type === 'Expr') {
      const node = word.parsed;
      const hit = this.exprNodeCache.get(node);
      if (hit) return hit;
      const c = this.compileExprNode(node, this.src, text);
      this.exprNodeCache.set(node, c);
      return c;
    }
    const hit = this.exprCache.get(text);
    if (hit) return hit;
    const c = this.compileExprText(text);
    if (this.exprCache.size >= TEXT_CACHE_MAX) this.exprCache.clear();
    this.exprCache.set(text, c);
    return c;
  }

  private compileExprNode(node: Expr, src: string, text: string): CompiledExpr | TclResult {
    if (!node.root) return this.compileExprText(text);
    return compileExpr(node.root, src, text, this.dialect);
  }

  private compileExprText(text: string): CompiledExpr | TclResult {
    if (/^[ \t\n\r\v\f]*$/.test(text)) return err(`syntax error in expression "${text}": premature end of expression`);
    const res = parseExpressionText(text, { dialect: this.dialect });
    const src = text;
    const expr: Expr = res.ast;
    const diagnostics = res.diagnostics;
    const problem = diagnostics.find((d) => d.severity === 'error');
    if (problem || !expr?.root) {
      const structural = problem ? structuralError(problem.message, 'tcl') : undefined;
      if (structural) return err(structural);
      return err(`syntax error in expression "${text}": ${problem ? problem.message : 'premature end of expression'}`);
    }
    return compileExpr(expr.root, src, text, this.dialect);
  }

  /** Evaluates an expression argument to its result string (what `expr` returns). */
  evalExpr(text: string, word: Word | undefined): TclResult {
    const c = this.exprCode(text, word);
    if (!(c instanceof CompiledExpr)) return c;
    return c.run(this);
  }

  /** Evaluates a condition argument to a boolean. */
  evalCondition(text: string, word: Word | undefined): boolean | TclResult {
    const c = this.exprCode(text, word);
    if (!(c instanceof CompiledExpr)) return c;
    return c.truth(this);
  }

  // ---- Variables ---------------------------------------------------------------------------------

  /**
   * Finds the variable slot for a base name (no index), creating it when `create` is set.
   * Handles `::name` (global), `static::name` and `::static::name`. Returns undefined when
   * it does not exist, or a string error for an unknown namespace.
   */
  lookupVar(base: string, create: boolean): Var | undefined | string {
    let table: Map<string, Var>;
    let key = base;
    if (base.indexOf(':') >= 0 && base.indexOf('::') >= 0) {
      if (key.startsWith('::')) {
        key = key.replace(/^:+/, '');
        table = this.globalFrame.vars;
      } else table = this.frame.vars;
      if (key.startsWith('static::')) {
        table = this.statics;
        key = key.slice(8);
      } else if (key.indexOf('::') >= 0) {
        return 'parent namespace doesn\'t exist';
      }
    } else table = this.frame.vars;
    let v = table.get(key);
    if (v === undefined && create) {
      v = new Var();
      table.set(key, v);
    }
    return v;
  }

  /** Reads a variable by name (`a`, `a(i)`, `::a`, `static::a`). */
  getVar(name: string): StrOrResult {
    if (name.charCodeAt(name.length - 1) === 41) {
      const { base, index } = splitVarName(name);
      if (index !== undefined) return this.getVar2(base, index, name);
    }
    const v = this.frame.vars.get(name) ?? this.lookupVarOrUndefined(name);
    if (v !== undefined) {
      if (v.value !== undefined) return v.value;
      if (v.ref) {
        const e = v.ref.owner.arr?.get(v.ref.key);
        if (e !== undefined) return e;
      }
      if (v.arr !== undefined) return err(`can't read "${name}": variable is array`);
    }
    return err(`can't read "${name}": no such variable`);
  }

  private lookupVarOrUndefined(name: string): Var | undefined {
    if (name.indexOf('::') < 0) return undefined;
    const v = this.lookupVar(name, false);
    return typeof v === 'string' ? undefined : v;
  }

  /** Reads an array element. */
  getVar2(base: string, index: string, display = `${base}(${index})`): StrOrResult {
    const v = this.frame.vars.get(base) ?? this.lookupVarOrUndefined(base);
    if (v === undefined || (!v.exists() && !v.ref)) return err(`can't read "${display}": no such variable`);
    if (v.arr === undefined) {
      if (v.value !== undefined || v.ref) return err(`can't read "${display}": variable isn't array`);
      return err(`can't read "${display}": no such variable`);
    }
    const e = v.arr.get(index);
    if (e === undefined) return err(`can't read "${display}": no such element in array`);
    return e;
  }

  /** Sets a variable by name; returns the value or an error. */
  setVar(name: string, value: string): StrOrResult {
    if (name.charCodeAt(name.length - 1) === 41) {
      const { base, index } = splitVarName(name);
      if (index !== undefined) return this.setVar2(base, index, value, name);
    }
    let v = this.frame.vars.get(name);
    if (v === undefined) {
      const found = this.lookupVar(name, true);
      if (typeof found === 'string') return err(`can't set "${name}": ${found}`);
      v = found!;
    }
    if (v.ref) return this.setElement(v.ref.owner, v.ref.key, value, name);
    if (v.arr !== undefined) return err(`can't set "${name}": variable is array`);
    const old = v.value;
    v.value = value;
    const m = this.memory + value.length - (old === undefined ? 0 : old.length);
    this.memory = m > 0 ? m : 0;
    if (m > this.runLimits.maxMemory) return this.memoryLimit();
    return value;
  }

  /** Sets an array element. */
  setVar2(base: string, index: string, value: string, display = `${base}(${index})`): StrOrResult {
    let v = this.frame.vars.get(base);
    if (v === undefined) {
      const found = this.lookupVar(base, true);
      if (typeof found === 'string') return err(`can't set "${display}": ${found}`);
      v = found!;
    }
    return this.setElement(v, index, value, display);
  }

  private setElement(v: Var, index: string, value: string, display: string): StrOrResult {
    if (v.ref) return err(`can't set "${display}": variable isn't array`);
    if (v.arr === undefined) {
      if (v.value !== undefined) return err(`can't set "${display}": variable isn't array`);
      v.arr = new Map();
    }
    const old = v.arr.get(index);
    v.arr.set(index, value);
    const m = this.memory + value.length - (old === undefined ? -index.length : old.length);
    this.memory = m > 0 ? m : 0;
    if (m > this.runLimits.maxMemory) return this.memoryLimit();
    return value;
  }

  /** Reads a variable of `frame` (default: the current frame) for the host; undefined when it is not set. */
  readVar(name: string, frame: Frame = this.frame): string | undefined {
    const save = this.frame;
    this.frame = frame;
    const r = this.getVar(name);
    this.frame = save;
    return typeof r === 'string' ? r : undefined;
  }

  /** Sets a variable of `frame` (default: the current frame) for the host; returns Tcl's error if it cannot. */
  writeVar(name: string, value: string, frame: Frame = this.frame): TclResult | undefined {
    const save = this.frame;
    this.frame = frame;
    const r = this.setVar(name, value);
    this.frame = save;
    return typeof r === 'string' ? undefined : r;
  }

  /** Sets a global variable (errorInfo, errorCode). */
  setGlobal(name: string, value: string): void {
    let v = this.globalFrame.vars.get(name);
    if (!v) {
      v = new Var();
      this.globalFrame.vars.set(name, v);
    }
    if (v.arr === undefined) v.value = value;
  }

  /** Whether a variable (or element) exists. */
  varExists(name: string): boolean {
    const { base, index } = splitVarName(name);
    const v = this.frame.vars.get(base) ?? this.lookupVarOrUndefined(base);
    if (v === undefined) return false;
    if (index === undefined) return v.exists();
    return v.arr?.has(index) ?? false;
  }

  /** Unsets a variable or element; returns an error result when it does not exist (unless `quiet`). */
  unsetVar(name: string, quiet = false): TclResult | undefined {
    const { base, index } = splitVarName(name);
    let table = this.frame.vars;
    let key = base;
    let v = table.get(base);
    if (v === undefined && base.indexOf('::') >= 0) {
      v = this.lookupVarOrUndefined(base);
      if (base.replace(/^:+/, '').startsWith('static::')) {
        table = this.statics;
        key = base.replace(/^:+/, '').slice(8);
      } else {
        table = this.globalFrame.vars;
        key = base.replace(/^:+/, '');
      }
    }
    if (v === undefined || !v.exists()) return quiet ? undefined : err(`can't unset "${name}": no such variable`);
    if (index !== undefined) {
      if (v.arr === undefined) return quiet ? undefined : err(`can't unset "${name}": variable isn't array`);
      const old = v.arr.get(index);
      if (old === undefined || !v.arr.delete(index)) return quiet ? undefined : err(`can't unset "${name}": no such element in array`);
      this.chargeMemory(-(old.length + index.length));
      return undefined;
    }
    if (v.ref) {
      const old = v.ref.owner.arr?.get(v.ref.key);
      if (old !== undefined && v.ref.owner.arr!.delete(v.ref.key)) this.chargeMemory(-(old.length + v.ref.key.length));
      return undefined;
    }
    this.chargeMemory(-heldBy(v));
    v.value = undefined;
    v.arr = undefined;
    // A plain local is removed; a linked one keeps its slot so that the link survives.
    if (table.get(key) === v && !this.isLinked(v)) table.delete(key);
    return undefined;
  }

  private readonly linked = new WeakSet<Var>();

  /** Marks a slot as shared between frames (by upvar/global). */
  markLinked(v: Var): void {
    this.linked.add(v);
  }

  private isLinked(v: Var): boolean {
    return this.linked.has(v);
  }

  /** Makes `local` in the current frame an alias of `other` resolved in `target` frame. */
  linkVar(target: Frame, other: string, local: string): TclResult | undefined {
    if (local.indexOf('(') >= 0 && local.endsWith(')')) return err(`bad variable name "${local}": upvar won't create a scalar variable that looks like an array element`);
    const { base, index } = splitVarName(other);
    const save = this.frame;
    this.frame = target;
    const found = this.lookupVar(base, true);
    this.frame = save;
    if (typeof found === 'string' || found === undefined) return err(`can't upvar from variable to itself`);
    let slot: Var = found;
    if (index !== undefined) {
      slot = new Var();
      slot.ref = { owner: found, key: index };
      if (found.arr === undefined && found.value === undefined) found.arr = new Map();
    }
    const existing = this.frame.vars.get(local);
    if (existing === slot) return undefined;
    if (existing !== undefined && existing.exists() && !this.isLinked(existing)) return err(`variable "${local}" already exists`);
    this.markLinked(slot);
    this.frame.vars.set(local, slot);
    return undefined;
  }

  /** Finds the frame for an `uplevel`/`upvar` level argument (`1`, `#0`); undefined when bad. */
  frameAt(level: string): Frame | undefined {
    let target: number;
    if (level.startsWith('#')) {
      const n = Number(level.slice(1));
      if (!/^#[0-9]+$/.test(level)) return undefined;
      target = n;
    } else {
      if (!/^[0-9]+$/.test(level)) return undefined;
      target = this.frame.level - Number(level);
    }
    if (target < 0 || target > this.frame.level) return undefined;
    let f: Frame | undefined = this.frame;
    while (f && f.level > target) f = f.parent;
    return f && f.level === target ? f : undefined;
  }

  // ---- Procedures ----------------------------------------------------------------------------

  /** Defines a procedure (what `proc` does); the iRule layer may call it for rule procs. */
  defineProc(def: ProcDef): void {
    this.commands.set(def.name, { handler: (interp, argv) => interp.callProc(def, argv), proc: def });
  }

  /** Calls a procedure with `argv` (argv[0] is the name as invoked). */
  callProc(def: ProcDef, argv: readonly string[]): TclResult {
    const frame = new Frame(this.frame.level + 1, this.frame, argv, def);
    const params = def.params;
    const np = params.length;
    let ai = 1;
    let held = 0;
    for (let i = 0; i < np; i++) {
      const p = params[i];
      const slot = new Var();
      if (i === np - 1 && p.name === 'args') {
        slot.value = formatList(argv.slice(ai), this.dialect);
        ai = argv.length;
      } else if (ai < argv.length) {
        slot.value = argv[ai++];
      } else if (p.def !== undefined) {
        slot.value = p.def;
      } else {
        return err(`no value given for parameter "${p.name}" to "${argv[0]}"`);
      }
      held += slot.value.length;
      frame.vars.set(p.name, slot);
    }
    if (held > 0) {
      const full = this.chargeMemory(held);
      if (full) return full;
    }
    if (ai < argv.length) return err(`called "${argv[0]}" with too many arguments`);
    let code = def.code;
    if (code === undefined) {
      const saveSrc = this.src;
      if (def.src !== undefined) this.src = def.src;
      const unit = this.bodyCode(def.body, def.bodyWord);
      this.src = saveSrc;
      if ('code' in unit) return unit;
      code = def.code = unit;
    }
    const saveFrame = this.frame;
    this.frame = frame;
    this.returnCode = Code.OK;
    const r = this.evalScript(code.script, code.src);
    this.frame = saveFrame;
    this.releaseFrame(frame);
    switch (r.code) {
      case Code.OK:
        return r;
      case Code.RETURN: {
        const rc = this.returnCode;
        this.returnCode = Code.OK;
        if (rc === Code.ERROR) {
          if (this.returnErrorInfo !== undefined) {
            this.errorInfo = this.returnErrorInfo;
            this.errInProgress = true;
          }
          this.errorCode = this.returnErrorCode ?? 'NONE';
          this.returnErrorInfo = undefined;
          this.returnErrorCode = undefined;
        }
        return rc === Code.OK ? ok(r.value) : { code: rc, value: r.value };
      }
      case Code.ERROR: {
        const name = def.name.length > 60 ? def.name.slice(0, 60) + '...' : def.name;
        this.addErrorInfo(r.value, `\n    (procedure "${name}" line ${this.errorLine})`);
        return r;
      }
      case Code.BREAK:
        return err('invoked "break" outside of a loop');
      case Code.CONTINUE:
        return err('invoked "continue" outside of a loop');
      default:
        return r;
    }
  }

  /** Gives back the memory held by a procedure's own (not linked) variables when it returns. */
  private releaseFrame(frame: Frame): void {
    let held = 0;
    for (const v of frame.vars.values()) if (!this.isLinked(v) && !v.ref) held += heldBy(v);
    if (held > 0) this.chargeMemory(-held);
  }

  /** All procedures, by name. */
  procs(): Map<string, ProcDef> {
    const out = new Map<string, ProcDef>();
    for (const [name, e] of this.commands) if (e.proc) out.set(name, e.proc);
    return out;
  }

  // ---- Misc ----------------------------------------------------------------------------------

  /** Level of the current frame. */
  get level(): number {
    return this.frame.level;
  }
}

/** Characters a variable slot holds (its value, or its elements and their keys). */
function heldBy(v: Var): number {
  if (v.value !== undefined) return v.value.length;
  let n = 0;
  if (v.arr) for (const [k, e] of v.arr) n += k.length + e.length;
  return n;
}
