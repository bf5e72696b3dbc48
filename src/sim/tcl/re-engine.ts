/**
 * The matcher behind `regexp`, `regsub`, `switch -regexp` and friends: a program of simple
 * instructions run by a Pike VM (a breadth-first NFA simulation: time linear in the string for a
 * given pattern, whatever the pattern) or, for patterns with back references (which no automaton
 * can match), by a backtracking VM with a step budget.
 *
 * Tcl's engine finds the leftmost-longest overall match (leftmost-shortest when the RE prefers
 * shortest); so does the Pike VM's first pass. Capture groups are then chosen as a backtracking
 * engine would among the matches of exactly that extent (the second pass runs the VM in priority
 * order, the same preference the former JS translation had), which is where the simulator may differ
 * from Tcl's POSIX submatch rules.
 *
 * Work is counted: every few thousand units the caller's guard is asked whether its deadline
 * passed, so a long match ends with the simulator's time limit instead of hanging.
 */

/** Whether a code point matches a one-character atom. */
export type CharPred = (cp: number) => boolean;

/** Zero-width assertions, resolved against the compile options. */
export const enum Assert {
  Never,
  /** Start of the string. */
  Bos,
  /** End of the string. */
  Eos,
  /** Start of the string or after a newline. */
  BolLine,
  /** After a newline. */
  AfterNewline,
  /** End of the string or before a newline. */
  EolLine,
  /** `\m` */
  WordStart,
  /** `\M` */
  WordEnd,
  /** `\y` */
  WordBoundary,
  /** `\Y` */
  NotWordBoundary,
}

/** Pattern syntax tree built by the ARE parser (regexp.ts). */
export type ReNode =
  | { k: 'char'; pred: CharPred; lit?: string }
  | { k: 'cat'; items: ReNode[] }
  | { k: 'alt'; items: ReNode[] }
  | { k: 'group'; index: number; body: ReNode }
  | { k: 'rep'; body: ReNode; min: number; max: number; lazy: boolean }
  | { k: 'assert'; a: Assert }
  | { k: 'look'; neg: boolean; body: ReNode }
  | { k: 'backref'; n: number };

const enum Op {
  Char,
  Split,
  Jmp,
  Save,
  Assert,
  Look,
  Backref,
  Match,
  /** Records the position at the start of a loop iteration (in slot `a`). */
  Mark,
  /** Fails when the iteration started at slot `a` consumed nothing (as JS does for `*`). */
  Progress,
}

interface Ins {
  op: Op;
  a: number;
  b: number;
  pred?: CharPred;
}

/** A compiled program. */
export interface Program {
  ins: Ins[];
  /** Capture slots (2 per group, group 0 included) followed by loop marks. */
  nslots: number;
  /** Capture groups (without group 0). */
  groups: number;
  /** Lookahead bodies. */
  looks: Program[];
  hasBackref: boolean;
  nocase: boolean;
}

/** Raised when a pattern compiles to more instructions than Tcl's engine accepts. */
export class ProgramTooLarge extends Error {}

/** Most instructions of a program (Tcl refuses patterns of this order with "out of memory"). */
export const MAX_PROGRAM = 32_768;

class Emitter {
  ins: Ins[] = [];
  looks: Program[] = [];
  marks = 0;
  hasBackref = false;

  constructor(
    readonly groups: number,
    readonly nocase: boolean,
  ) {}

  emit(op: Op, a = 0, b = 0, pred?: CharPred): number {
    if (this.ins.length >= MAX_PROGRAM) throw new ProgramTooLarge();
    this.ins.push({ op, a, b, pred });
    return this.ins.length - 1;
  }

  node(n: ReNode): void {
    switch (n.k) {
      case 'char':
        this.emit(Op.Char, 0, 0, n.pred);
        return;
      case 'cat':
        for (const it of n.items) this.node(it);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let i = 0; i < n.items.length; i++) {
          if (i < n.items.length - 1) {
            const split = this.emit(Op.Split);
            this.ins[split].a = split + 1;
            this.node(n.items[i]);
            jumps.push(this.emit(Op.Jmp));
            this.ins[split].b = this.ins.length;
          } else this.node(n.items[i]);
        }
        for (const j of jumps) this.ins[j].a = this.ins.length;
        return;
      }
      case 'group':
        this.emit(Op.Save, 2 * n.index);
        this.node(n.body);
        this.emit(Op.Save, 2 * n.index + 1);
        return;
      case 'rep':
        this.rep(n.body, n.min, n.max, n.lazy);
        return;
      case 'assert':
        this.emit(Op.Assert, n.a);
        return;
      case 'look': {
        const sub = new Emitter(0, this.nocase);
        sub.node(n.body);
        sub.emit(Op.Match);
        if (this.ins.length + sub.ins.length >= MAX_PROGRAM) throw new ProgramTooLarge();
        this.looks.push(sub.program());
        this.emit(Op.Look, this.looks.length - 1, n.neg ? 1 : 0);
        return;
      }
      case 'backref':
        this.hasBackref = true;
        this.emit(Op.Backref, n.n);
        return;
    }
  }

  /** x{min,max}: min copies, then a loop (max infinite) or max-min nested optional copies. */
  rep(body: ReNode, min: number, max: number, lazy: boolean): void {
    for (let i = 0; i < min; i++) this.node(body);
    if (max === Infinity) {
      const mark = 2 * (this.groups + 1) + this.marks++;
      const split = this.emit(Op.Split);
      const start = this.emit(Op.Mark, mark);
      this.node(body);
      this.emit(Op.Progress, mark);
      this.emit(Op.Jmp, split);
      this.branch(split, start, this.ins.length, lazy);
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      const split = this.emit(Op.Split);
      splits.push(split);
      this.node(body);
      this.ins[split].a = split + 1;
    }
    for (const s of splits) this.branch(s, s + 1, this.ins.length, lazy);
  }

  branch(split: number, body: number, out: number, lazy: boolean): void {
    this.ins[split].a = lazy ? out : body;
    this.ins[split].b = lazy ? body : out;
  }

  program(): Program {
    return { ins: this.ins, nslots: 2 * (this.groups + 1) + this.marks, groups: this.groups, looks: this.looks, hasBackref: this.hasBackref, nocase: this.nocase };
  }
}

/** Compiles a syntax tree (group 0 wraps the whole pattern). Throws ProgramTooLarge. */
export function compileProgram(root: ReNode, groups: number, nocase: boolean): Program {
  const e = new Emitter(groups, nocase);
  e.node({ k: 'group', index: 0, body: root });
  e.emit(Op.Match);
  return e.program();
}

// ---- Running ------------------------------------------------------------------------------------

/** Asked every few thousand units of work whether the caller's deadline passed. */
export interface RegexGuard {
  expired(): boolean;
}

/** Why a match could not finish. */
export class MatchAbort {
  constructor(
    readonly message: string,
    /** The guard's deadline passed (a time limit), rather than the backtracking budget. */
    readonly timeout: boolean,
  ) {}
}

/** Backtracking steps one match may take (patterns with back references only). */
export const BACKTRACK_BUDGET = 2_000_000;
const CHECK_EVERY = 4096;

/** A one-character test by a JS RegExp anchored on both ends, with its answers for Latin-1 remembered. */
export function regexPred(re: RegExp): CharPred {
  const memo = new Int8Array(256);
  return (cp) => {
    if (cp < 256) {
      const m = memo[cp];
      if (m !== 0) return m > 0;
      const r = re.test(String.fromCharCode(cp));
      memo[cp] = r ? 1 : -1;
      return r;
    }
    return re.test(String.fromCodePoint(cp));
  };
}

/** Word characters of `\m \M \y \Y` (as `\w`). */
const isWordCp = regexPred(/^[\p{L}\p{Nd}_]$/u);

/** Buffers of a program's first pass, reused across matches (`gen` stamps the states seen at a position). */
interface Scratch {
  seen: Int32Array;
  gen: number;
  cpc: Int32Array;
  cst: Int32Array;
  npc: Int32Array;
  nst: Int32Array;
  /** Closure stack: each state is pushed at most once per incoming edge (two at most). */
  stack: Int32Array;
}

const scratches = new WeakMap<Program, Scratch>();

function scratchOf(prog: Program): Scratch {
  let sc = scratches.get(prog);
  const n = prog.ins.length;
  if (sc === undefined || sc.gen > 0x3fffffff) {
    sc = { seen: new Int32Array(n), gen: 1, cpc: new Int32Array(n), cst: new Int32Array(n), npc: new Int32Array(n), nst: new Int32Array(n), stack: new Int32Array(2 * n + 2) };
    scratches.set(prog, sc);
  }
  return sc;
}

/** Runs programs over one string, sharing the work counter and guard. */
class Run {
  readonly len: number;

  constructor(
    readonly str: string,
    readonly guard: RegexGuard | undefined,
  ) {
    this.len = str.length;
  }

  count(units: number): void {
    this.untilCheck -= units;
    if (this.untilCheck > 0) return;
    this.untilCheck = CHECK_EVERY;
    if (this.guard?.expired()) throw new MatchAbort('regular expression matching took longer than the time limit', true);
  }

  private untilCheck = CHECK_EVERY;

  cpAt(pos: number): number {
    return this.str.codePointAt(pos)!;
  }

  wordBefore(pos: number): boolean {
    if (pos <= 0) return false;
    let cp = this.str.charCodeAt(pos - 1);
    if (cp >= 0xdc00 && cp <= 0xdfff && pos >= 2) {
      const hi = this.str.charCodeAt(pos - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) cp = this.str.codePointAt(pos - 2)!;
    }
    return isWordCp(cp);
  }

  wordAt(pos: number): boolean {
    return pos < this.len && isWordCp(this.cpAt(pos));
  }

  assert(kind: Assert, pos: number): boolean {
    switch (kind) {
      case Assert.Never:
        return false;
      case Assert.Bos:
        return pos === 0;
      case Assert.Eos:
        return pos === this.len;
      case Assert.BolLine:
        return pos === 0 || this.str.charCodeAt(pos - 1) === 10;
      case Assert.AfterNewline:
        return pos > 0 && this.str.charCodeAt(pos - 1) === 10;
      case Assert.EolLine:
        return pos === this.len || this.str.charCodeAt(pos) === 10;
      case Assert.WordStart:
        return !this.wordBefore(pos) && this.wordAt(pos);
      case Assert.WordEnd:
        return this.wordBefore(pos) && !this.wordAt(pos);
      case Assert.WordBoundary:
        return this.wordBefore(pos) !== this.wordAt(pos);
      case Assert.NotWordBoundary:
        return this.wordBefore(pos) === this.wordAt(pos);
    }
  }

  look(prog: Program, index: number, neg: boolean, pos: number): boolean {
    return this.exists(prog.looks[index], pos) !== neg;
  }

  /** Whether `prog` matches starting at `pos` (any end): a lookahead. */
  exists(prog: Program, pos: number): boolean {
    // The caller's extent pass is under way: keep its best match.
    const s = this.bestS;
    const e = this.bestE;
    const found = this.extent(prog, pos, true, true) !== null;
    this.bestS = s;
    this.bestE = e;
    return found;
  }

  /**
   * The leftmost-longest (or leftmost-shortest) match at or after `from`: [start, end] or null.
   * Threads are kept in order of their start, and a state reached twice at one position keeps the
   * earlier start (both have the same future), so the set of threads never exceeds the program.
   * `anchored`: only matches starting at `from`.
   */
  extent(prog: Program, from: number, shortest: boolean, anchored = false): [number, number] | null {
    const sc = scratchOf(prog);
    const ins = prog.ins;
    let cpc = sc.cpc;
    let cst = sc.cst;
    let npc = sc.npc;
    let nst = sc.nst;
    this.bestS = -1;
    this.bestE = -1;
    let pos = from;
    let ccount = this.addThread(prog, sc, 0, pos, pos, cpc, cst, 0, shortest);
    while (pos < this.len && (ccount > 0 || (this.bestS < 0 && !anchored))) {
      this.count(ccount + 1);
      const cp = this.str.codePointAt(pos)!;
      const next = pos + (cp > 0xffff ? 2 : 1);
      sc.gen++;
      let ncount = 0;
      for (let i = 0; i < ccount; i++) {
        const st = cst[i];
        const bestS = this.bestS;
        if (bestS >= 0 && (st > bestS || (shortest && st === bestS))) continue;
        const pc = cpc[i];
        if (ins[pc].pred!(cp)) ncount = this.addThread(prog, sc, pc + 1, st, next, npc, nst, ncount, shortest);
      }
      if (this.bestS < 0 && !anchored) ncount = this.addThread(prog, sc, 0, next, next, npc, nst, ncount, shortest);
      const tp = cpc;
      cpc = npc;
      npc = tp;
      const ts = cst;
      cst = nst;
      nst = ts;
      ccount = ncount;
      pos = next;
    }
    sc.gen++;
    return this.bestS < 0 ? null : [this.bestS, this.bestE];
  }

  private bestS = -1;
  private bestE = -1;

  /** Adds the closure of `pc0` (a thread that started at `start`) to the list at `at`. */
  private addThread(prog: Program, sc: Scratch, pc0: number, start: number, at: number, pcs: Int32Array, sts: Int32Array, count: number, shortest: boolean): number {
    const seen = sc.seen;
    const gen = sc.gen;
    const stack = sc.stack;
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp];
      if (seen[pc] === gen) continue;
      seen[pc] = gen;
      const ins = prog.ins[pc];
      switch (ins.op) {
        case Op.Char:
          pcs[count] = pc;
          sts[count++] = start;
          break;
        case Op.Match:
          if (this.bestS < 0 || start < this.bestS || (!shortest && start === this.bestS && at > this.bestE)) {
            this.bestS = start;
            this.bestE = at;
          }
          break;
        case Op.Jmp:
          stack[sp++] = ins.a;
          break;
        case Op.Split:
          stack[sp++] = ins.b;
          stack[sp++] = ins.a;
          break;
        case Op.Assert:
          if (this.assert(ins.a, at)) stack[sp++] = pc + 1;
          break;
        case Op.Look:
          if (this.look(prog, ins.a, ins.b === 1, at)) stack[sp++] = pc + 1;
          break;
        default:
          stack[sp++] = pc + 1;
      }
    }
    return count;
  }

  /**
   * The capture slots of the highest-priority match (in backtracking order) that starts at `s`
   * and ends at `e`; a Pike VM in priority order, each thread carrying its slots.
   */
  captures(prog: Program, s: number, e: number): Int32Array | null {
    const n = prog.ins.length;
    const seen = new Int32Array(n).fill(-1);
    let cur: { pc: number; slots: Int32Array }[] = [];
    let next: { pc: number; slots: Int32Array }[] = [];
    const stack: { pc: number; slots: Int32Array }[] = [];
    const closure = (pc0: number, slots0: Int32Array, at: number, list: { pc: number; slots: Int32Array }[]): void => {
      stack.push({ pc: pc0, slots: slots0 });
      while (stack.length > 0) {
        const t = stack.pop()!;
        const pc = t.pc;
        if (seen[pc] === at) continue;
        seen[pc] = at;
        const ins = prog.ins[pc];
        switch (ins.op) {
          case Op.Char:
            list.push(t);
            break;
          case Op.Match:
            if (at === e) list.push(t);
            break;
          case Op.Jmp:
            stack.push({ pc: ins.a, slots: t.slots });
            break;
          case Op.Split:
            stack.push({ pc: ins.b, slots: t.slots }, { pc: ins.a, slots: t.slots });
            break;
          case Op.Save:
          case Op.Mark: {
            const slots = t.slots.slice();
            slots[ins.a] = at;
            stack.push({ pc: pc + 1, slots });
            break;
          }
          case Op.Progress:
            if (t.slots[ins.a] !== at) stack.push({ pc: pc + 1, slots: t.slots });
            break;
          case Op.Assert:
            if (this.assert(ins.a, at)) stack.push({ pc: pc + 1, slots: t.slots });
            break;
          case Op.Look:
            if (this.look(prog, ins.a, ins.b === 1, at)) stack.push({ pc: pc + 1, slots: t.slots });
            break;
          default:
            break;
        }
      }
    };
    closure(0, new Int32Array(prog.nslots).fill(-1), s, cur);
    let pos = s;
    while (pos < e && cur.length > 0) {
      this.count(cur.length);
      const cp = this.cpAt(pos);
      const w = cp > 0xffff ? 2 : 1;
      next = [];
      for (const t of cur) {
        const ins = prog.ins[t.pc];
        if (ins.op === Op.Char && ins.pred!(cp)) closure(t.pc + 1, t.slots, pos + w, next);
      }
      cur = next;
      pos += w;
    }
    for (const t of cur) if (prog.ins[t.pc].op === Op.Match) return t.slots;
    return null;
  }

  /**
   * Backtracking match anchored at `start` whose end satisfies `endOk` (first in priority order);
   * the only way to match back references. Counts steps against BACKTRACK_BUDGET.
   */
  backtrack(prog: Program, start: number, endOk: (pos: number) => boolean): Int32Array | null {
    const slots = new Int32Array(prog.nslots).fill(-1);
    // Entries of three numbers: (pc, pos, 0) for a branch to retry, (slot, old value, 1) to restore.
    const stack: number[] = [];
    let pc = 0;
    let pos = start;
    let steps = 0;
    for (;;) {
      if (++steps % 1024 === 0) {
        this.count(1024);
        if (steps > BACKTRACK_BUDGET) {
          throw new MatchAbort(`error while matching regular expression: more than ${BACKTRACK_BUDGET} backtracking steps (simulator limit)`, false);
        }
      }
      const ins = prog.ins[pc];
      let ok = true;
      switch (ins.op) {
        case Op.Char:
          if (pos < this.len) {
            const cp = this.cpAt(pos);
            if (ins.pred!(cp)) {
              pos += cp > 0xffff ? 2 : 1;
              pc++;
              break;
            }
          }
          ok = false;
          break;
        case Op.Jmp:
          pc = ins.a;
          break;
        case Op.Split:
          stack.push(ins.b, pos, 0);
          pc = ins.a;
          break;
        case Op.Save:
        case Op.Mark:
          stack.push(ins.a, slots[ins.a], 1);
          slots[ins.a] = pos;
          pc++;
          break;
        case Op.Progress:
          ok = slots[ins.a] !== pos;
          pc++;
          break;
        case Op.Assert:
          ok = this.assert(ins.a, pos);
          pc++;
          break;
        case Op.Look:
          ok = this.look(prog, ins.a, ins.b === 1, pos);
          pc++;
          break;
        case Op.Backref: {
          const gs = slots[2 * ins.a];
          const ge = slots[2 * ins.a + 1];
          if (gs >= 0 && ge >= gs) {
            const len = ge - gs;
            let a = this.str.slice(gs, ge);
            let b = this.str.slice(pos, pos + len);
            if (prog.nocase) {
              a = a.toLowerCase();
              b = b.toLowerCase();
            }
            ok = pos + len <= this.len && a === b;
            pos += len;
          }
          pc++;
          break;
        }
        case Op.Match:
          if (endOk(pos)) return slots;
          ok = false;
          break;
      }
      if (ok) continue;
      // Fail: undo slot writes back to the latest branch, and take it.
      for (;;) {
        if (stack.length === 0) return null;
        const kind = stack.pop()!;
        const b = stack.pop()!;
        const a = stack.pop()!;
        if (kind === 1) slots[a] = b;
        else {
          pc = a;
          pos = b;
          break;
        }
      }
    }
  }
}

/** Match result: [start, end) per group (group 0 first), -1 for groups that took no part. */
export type Slots = number[];

function toSlots(slots: Int32Array, groups: number): Slots {
  return Array.from(slots.subarray(0, 2 * (groups + 1)));
}

/**
 * Finds the first match at or after `from`: Tcl's overall extent, captures in backtracking
 * preference. `wantGroups` false skips the capture pass (only the whole match is filled in).
 * Throws MatchAbort when the guard's deadline passes or the backtracking budget runs out.
 */
export function runProgram(prog: Program, str: string, from: number, shortest: boolean, guard: RegexGuard | undefined, wantGroups = true): Slots | null {
  const run = new Run(str, guard);
  if (prog.hasBackref) return backtrackSearch(run, prog, from, shortest);
  const ext = run.extent(prog, from, shortest);
  if (ext === null) return null;
  if (prog.groups === 0 || !wantGroups) {
    const out = new Array<number>(2 * (prog.groups + 1)).fill(-1);
    out[0] = ext[0];
    out[1] = ext[1];
    return out;
  }
  const slots = run.captures(prog, ext[0], ext[1]);
  // The capture pass always finds the match the first pass proved exists.
  return toSlots(slots!, prog.groups);
}

function backtrackSearch(run: Run, prog: Program, from: number, shortest: boolean): Slots | null {
  for (let start = from; start <= run.len; ) {
    let best = run.backtrack(prog, start, () => true);
    if (best !== null) {
      for (;;) {
        const end = best[1];
        const better = run.backtrack(prog, start, shortest ? (p) => p < end : (p) => p > end);
        if (better === null) break;
        best = better.slice();
      }
      return toSlots(best, prog.groups);
    }
    if (start >= run.len) break;
    start += run.cpAt(start) > 0xffff ? 2 : 1;
  }
  return null;
}
