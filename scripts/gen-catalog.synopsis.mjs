// Synopsis parser for the catalog generator (scripts/gen-catalog.mjs). Reads the usage lines of
// the reference data, which mix three notations:
//   tmsh man-page grammar   snat (automap | none | IP_TUPLE | (IP_ADDR (PORT)?))
//   clouddocs               snat <addr> [<port>]      table timeout|lifetime [-subtable <name>]
//   Tcl man page            append varName ?value value ...?
// and turns them into the catalog's argument forms (src/catalog/types.ts ArgForm). A line that
// cannot be read is reported as `broken`; the generator then leaves the command's form unknown
// instead of guessing. Lines that are prose or examples are `junk` and are skipped.

/** @typedef {{ t: 'lit', word: string } | { t: 'ph', name: string } | { t: 'seq', items: Node[] } | { t: 'alt', opts: Node[] } | { t: 'opt', node: Node } | { t: 'rep', node: Node, min: number } | { t: 'perm', node: Node }} Node */

/**
 * One element of a flattened form.
 * @typedef {{ kind: 'lit', choices: string[], optional?: boolean, repeat?: boolean }
 *         | { kind: 'ph', name: string, type: string, optional?: boolean, repeat?: boolean }
 *         | { kind: 'switch', name: string, value?: string, optional: true }
 *         | { kind: 'eoo', optional: true }} Elem
 */

class Broken extends Error {}

const PROSE = new Set([
  'the', 'returns', 'return', 'attempts', 'recommend', 'is', 'are', 'of', 'an', 'to', 'and', 'if', 'for', 'by',
  'with', 'this', 'that', 'be', 'it', 'we', 'setting', 'valid', 'events', 'contexts', 'number', 'error', 'occurs',
  'provided', 'applying', 'directly', 'matches', 'which', 'command', 'has', 'will', 'when', 'reports', 'only', 'called',
  'from', 'can', 'must', 'should', 'used',
]);

/** Words that are placeholders when written bare inside `[ ]` in clouddocs notation. */
const BARE_PLACEHOLDERS = new Set([
  'name', 'value', 'string', 'version', 'path', 'domain', 'index', 'count', 'key', 'data', 'length', 'offset',
  'size', 'timeout', 'seconds', 'expiration', 'ports', 'comment', 'commenturl', 'maxage', 'expires', 'args',
]);

/**
 * Splits a synopsis body into tokens.
 * Token kinds: ( ) [ ] { } | (tight: no blanks around) ? (postfix) topen tclose * + # ... word quoted angle glued
 */
function tokenize(text) {
  const toks = [];
  let i = 0;
  const n = text.length;
  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n';
  const wordChar = (c) => c !== undefined && !isSpace(c) && !'()[]{}|<>\'"'.includes(c);
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const before = i > 0 ? text[i - 1] : ' ';
    if (c === '<') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (text[j] === '<') depth++;
        else if (text[j] === '>' && --depth === 0) break;
      }
      if (j >= n) throw new Broken('unclosed <');
      const inner = text.slice(i + 1, j).trim();
      toks.push({ k: 'angle', v: inner, glueBefore: !isSpace(before) && i > 0 && !'([{|'.includes(before) });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const j = text.indexOf("'", i + 1);
      if (j < 0) throw new Broken("unclosed '");
      toks.push({ k: 'quoted', v: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const j = text.indexOf('"', i + 1);
      if (j < 0) throw new Broken('unclosed "');
      const inner = text.slice(i + 1, j).trim();
      // "<key>" or "index": a placeholder written in quotes; "lws": a quoted keyword.
      if (/^<[^<>]+>$/.test(inner)) toks.push({ k: 'angle', v: inner.slice(1, -1) });
      else if (/^[a-z]+$/.test(inner) && !BARE_PLACEHOLDERS.has(inner)) toks.push({ k: 'quoted', v: inner });
      else toks.push({ k: 'angle', v: inner });
      i = j + 1;
      continue;
    }
    if (c === '?') {
      const prev = toks[toks.length - 1];
      const after = text[i + 1];
      if (prev && ((!isSpace(before) && (before === ')' || before === ']' || before === '>' || before === '}')) || (prev.k === ')' && (after === undefined || isSpace(after))))) {
        toks.push({ k: '?' });
      } else if (isSpace(before) || i === 0) {
        toks.push({ k: 'topen' });
      } else if (after === undefined || isSpace(after) || after === '?' || after === ')' || after === ']') {
        toks.push({ k: 'tclose' });
      } else {
        throw new Broken('stray ?');
      }
      i++;
      continue;
    }
    if (text.startsWith('...', i)) {
      toks.push({ k: '...' });
      i += 3;
      continue;
    }
    if (c === '|') {
      const tight = !isSpace(before) && !isSpace(text[i + 1] ?? ' ') && before !== '(' && text[i + 1] !== ')';
      toks.push({ k: '|', tight });
      i++;
      continue;
    }
    if ('()[]{}*+#'.includes(c)) {
      if ((c === '*' || c === '+' || c === '#') && !(before === ')' || before === ']' || before === '>' || before === '}')) {
        // A bare word made of these characters, e.g. "#####".
        let j = i;
        while (j < n && wordChar(text[j])) j++;
        toks.push({ k: 'word', v: text.slice(i, Math.max(j, i + 1)) });
        i = Math.max(j, i + 1);
        continue;
      }
      toks.push({ k: c });
      i++;
      continue;
    }
    let j = i;
    while (j < n && wordChar(text[j]) && text[j] !== '?' && !text.startsWith('...', j)) {
      if ((text[j] === '*' || text[j] === '+' || text[j] === '#') && j > i) break;
      j++;
    }
    if (j === i) throw new Broken(`unexpected character ${c}`);
    toks.push({ k: 'word', v: text.slice(i, j), glueBefore: i > 0 && !isSpace(before) && before === '>' });
    i = j;
  }
  return glue(toks);
}

/** `<addr>:<port>` and similar runs without blanks become one placeholder. */
function glue(toks) {
  const out = [];
  for (const t of toks) {
    const prev = out[out.length - 1];
    if (prev && t.glueBefore && (prev.k === 'angle' || prev.k === 'word') && (t.k === 'angle' || t.k === 'word')) {
      const pv = prev.k === 'angle' ? prev.v : prev.v;
      out[out.length - 1] = { k: 'angle', v: `${pv}${t.k === 'word' ? t.v : `:${t.v}`}`.replace(/::/g, ':'), glued: true };
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Recursive-descent parser over the tokens; `mode` is the line's notation. */
class Parser {
  constructor(toks, mode, lits, known) {
    this.toks = toks;
    this.i = 0;
    this.mode = mode;
    this.lits = lits;
    /** Literal words of the command's tmsh-notation lines, when it has any: other bare words are placeholders. */
    this.known = known;
  }
  peek() {
    return this.toks[this.i];
  }
  next() {
    return this.toks[this.i++];
  }
  expect(k) {
    const t = this.next();
    if (!t || t.k !== k) throw new Broken(`expected ${k}`);
  }
  parseAlt(inBrackets) {
    const opts = [this.parseSeq(inBrackets)];
    while (this.peek()?.k === '|') {
      this.next();
      opts.push(this.parseSeq(inBrackets));
    }
    return opts.length === 1 ? opts[0] : { t: 'alt', opts };
  }
  parseSeq(inBrackets) {
    const items = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.k === ')' || t.k === ']' || t.k === '}' || t.k === 'tclose' || (t.k === '|' && !t.tight)) break;
      if (t.k === '|') throw new Broken('dangling |');
      let node = this.parsePostfix(inBrackets);
      // a|b without blanks binds tighter than the sequence
      while (this.peek()?.k === '|' && this.peek().tight) {
        this.next();
        const other = this.parsePostfix(inBrackets);
        node = node.t === 'alt' ? { t: 'alt', opts: [...node.opts, other] } : { t: 'alt', opts: [node, other] };
      }
      items.push(node);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }
  parsePostfix(inBrackets) {
    let node = this.parseAtom(inBrackets);
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.k === '?') node = { t: 'opt', node };
      else if (t.k === '*') node = { t: 'opt', node: { t: 'rep', node, min: 1 } };
      else if (t.k === '+') node = { t: 'rep', node, min: 1 };
      else if (t.k === '#') node = { t: 'perm', node };
      else if (t.k === '...' && node.t === 'lit') node = { t: 'seq', items: [node, { t: 'opt', node: { t: 'rep', node: { t: 'ph', name: 'args' }, min: 1 } }] };
      else if (t.k === '...') node = { t: 'rep', node, min: 1 };
      else break;
      this.next();
    }
    return node;
  }
  parseAtom(inBrackets) {
    const t = this.next();
    if (!t) throw new Broken('unexpected end');
    switch (t.k) {
      case '(': {
        const inner = this.parseAlt(false);
        this.expect(')');
        return inner;
      }
      case '[': {
        const inner = this.parseAlt(true);
        this.expect(']');
        return { t: 'opt', node: this.bareInBrackets(inner) };
      }
      case '{': {
        const inner = this.parseAlt(false);
        this.expect('}');
        return inner;
      }
      case 'topen': {
        const inner = this.parseAlt(true);
        this.expect('tclose');
        return { t: 'opt', node: inner };
      }
      case 'quoted':
        return { t: 'lit', word: t.v };
      case 'angle':
        return this.angle(t.v);
      case 'word':
        return this.word(t.v);
      default:
        throw new Broken(`unexpected ${t.k}`);
    }
  }
  /** `[version]` in clouddocs notation: a lone bare word in brackets is usually a placeholder. */
  bareInBrackets(node) {
    if (this.mode === 'clouddocs' && node.t === 'lit' && BARE_PLACEHOLDERS.has(node.word)) return { t: 'ph', name: node.word };
    return node;
  }
  angle(v) {
    if (/[<>()[\]]/.test(v)) throw new Broken('nested angle brackets');
    if (v.includes('|')) {
      const parts = v.split('|').map((s) => s.trim()).filter(Boolean);
      if (parts.every((p) => /^[a-z0-9][a-z0-9_.-]*$/i.test(p))) return { t: 'alt', opts: parts.map((p) => ({ t: 'lit', word: p })) };
      return { t: 'ph', name: v };
    }
    if (v.endsWith('...')) return { t: 'rep', node: { t: 'ph', name: v.slice(0, -3).trim() }, min: 1 };
    return { t: 'ph', name: v };
  }
  word(v) {
    if (v === '--') return { t: 'lit', word: v };
    if (/^-[A-Za-z]/.test(v)) return { t: 'lit', word: v };
    if (/^#+$/.test(v)) return { t: 'ph', name: 'integer' };
    if (/^[0-9][0-9.]*$/.test(v)) return { t: 'lit', word: v };
    if (/^[A-Z][A-Z0-9_]*$/.test(v)) return { t: 'ph', name: v };
    if (this.mode === 'tcl') {
      if (this.lits.has(v)) return { t: 'lit', word: v };
      return { t: 'ph', name: v };
    }
    if (/^[a-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$/.test(v)) return { t: 'ph', name: v }; // camelCase
    if (/[_-](obj|name|id|addr|address|port|value|string|index|num|number|count|key|data)$/.test(v)) return { t: 'ph', name: v }; // rr_obj, header-name
    if (/^[a-z][a-z0-9_.-]*$/.test(v) || /^[a-z0-9_.-]+$/i.test(v)) {
      if (this.known && this.mode !== 'tmsh' && !this.known.has(v)) return { t: 'ph', name: v };
      return { t: 'lit', word: v };
    }
    throw new Broken(`odd word ${v}`);
  }
}

/** The argument type a placeholder name implies (closed set of src/catalog/types.ts). */
export function typeOf(name) {
  const n = name.trim();
  const u = n.toUpperCase().replace(/[\s-]+/g, '_');
  if (/^NESTING_SCRIPT$/.test(u)) return 'script';
  if (/^(SNAT_?POOL)(_OBJ|_NAME)?$/.test(u)) return 'snatPool';
  if (/^(POOL)(_OBJ|_NAME)?$/.test(u)) return 'pool';
  if (/^(CLASS|CLASS_OBJ|CLASS_NAME|DATA_?GROUP|DG|DATAGROUP_NAME|DATA_GROUP_NAME)$/.test(u)) return 'dataGroup';
  if (/^(VAR_?NAME|VARIABLE|VARIABLE_NAME|ARRAY_?NAME)$/.test(u)) return 'varName';
  if (/^(EVENT|EVENT_NAME|EVENT_NAME_LIST)$/.test(u)) return 'event';
  if (/^(PROC_?NAME)$/.test(u)) return 'procName';
  if (/^(BOOLEAN|BOOL)$/.test(u)) return 'bool';
  if (/^(IP_ADDR|IP_ADDRESS|ADDR|ADDRESS|IP|IPV4_ADDR|IPV6_ADDR|IP_ADDR_OBJ|DESTINATION_IP_ADDRESS|GATEWAY_IP_ADDRESS|SOURCE_IP_ADDRESS|[A-Z_]*_IP_ADDR(ESS)?)$/.test(u)) return 'ipAddress';
  if (/^(PORT|[A-Z_]*_PORT|SERVICE_PORT|PORT_NUMBER)$/.test(u)) return 'port';
  if (/^(INTEGER|INT|UNSIGNED_SHORT|UNSIGNED_INT|NUMBER|NUM|COUNT|LENGTH|LEN|OFFSET|SIZE|BYTES|SECONDS|MILLI_SECONDS|MS|MILLISECONDS|0_1000)$/.test(u)) return 'integer';
  if (/^0-1000$/.test(n)) return 'integer';
  return 'any';
}

const isDash = (w) => /^-[A-Za-z]/.test(w);

/** Flattens a syntax node into alternative element lists. */
function flatten(node) {
  switch (node.t) {
    case 'lit':
      if (node.word === '--') return [[{ kind: 'eoo', optional: true }]];
      return [[{ kind: 'lit', choices: [node.word] }]];
    case 'ph':
      return [[{ kind: 'ph', name: node.name, type: typeOf(node.name) }]];
    case 'seq': {
      let acc = [[]];
      for (const item of node.items) {
        const alts = flatten(item);
        const next = [];
        for (const a of acc) for (const b of alts) next.push([...a, ...b]);
        if (next.length > 64) throw new Broken('too many alternatives');
        acc = next;
      }
      return acc;
    }
    case 'alt': {
      const alts = node.opts.flatMap(flatten);
      const singles = alts.every((a) => a.length === 1 && !a[0].optional && !a[0].repeat);
      if (singles && alts.every((a) => a[0].kind === 'lit')) {
        return [[{ kind: 'lit', choices: [...new Set(alts.flatMap((a) => a[0].choices))] }]];
      }
      if (singles && alts.every((a) => a[0].kind === 'ph' || a[0].kind === 'lit')) {
        const types = new Set(alts.map((a) => (a[0].kind === 'ph' ? a[0].type : 'lit')));
        const type = types.size === 1 && !types.has('lit') ? [...types][0] : 'any';
        return [[{ kind: 'ph', name: alts.map((a) => (a[0].kind === 'ph' ? a[0].name : a[0].choices.join('|'))).join('|'), type }]];
      }
      if (alts.length > 64) throw new Broken('too many alternatives');
      return alts;
    }
    case 'opt': {
      const inner = node.node;
      // [-switch], [-switch VALUE], [-a|-b]
      const sw = asSwitches(inner);
      if (sw) return [sw];
      const alts = flatten(inner);
      if (alts.length === 1 && alts[0].length === 1) {
        return [[{ ...alts[0][0], optional: true }]];
      }
      return [[], ...alts];
    }
    case 'rep': {
      const alts = flatten(node.node);
      if (alts.length === 1 && alts[0].length === 1 && alts[0][0].kind !== 'switch' && alts[0][0].kind !== 'eoo') {
        const e = alts[0][0];
        if (node.min === 0) return [[{ ...e, repeat: true, optional: true }]];
        return [[{ ...e, repeat: true, optional: e.optional }]];
      }
      // a repeated group: one repeated placeholder of the common type
      const elems = alts.flat().filter((e) => e.kind === 'ph' || e.kind === 'lit');
      if (elems.length === 0) throw new Broken('empty repeat');
      const types = new Set(elems.map((e) => (e.kind === 'ph' ? e.type : 'any')));
      const name = elems.map((e) => (e.kind === 'ph' ? e.name : e.choices.join('|'))).join(' ');
      return [[{ kind: 'ph', name, type: types.size === 1 ? [...types][0] : 'any', repeat: true, optional: node.min === 0 || alts.some((a) => a.length === 0) }]];
    }
    case 'perm': {
      // (A B C)# = any subset in any order; only switches can express that.
      const alts = flatten(node.node);
      const elems = alts.flat();
      if (!elems.every((e) => e.kind === 'switch' || e.kind === 'eoo')) throw new Broken('permutation of non-options');
      const seen = new Map();
      for (const e of elems) seen.set(e.kind === 'eoo' ? '--' : e.name, e);
      return [[...seen.values()]];
    }
    default:
      throw new Broken('unknown node');
  }
}

/** `-x`, `-x VALUE`, `-a|-b`, or a sequence/permutation of such, as switch elements; else null. */
function asSwitches(node) {
  if (node.t === 'lit' && node.word === '--') return [{ kind: 'eoo', optional: true }];
  if (node.t === 'lit' && isDash(node.word)) return [{ kind: 'switch', name: node.word, optional: true }];
  if (node.t === 'alt' && node.opts.every((o) => o.t === 'lit' && isDash(o.word))) {
    return node.opts.map((o) => ({ kind: 'switch', name: o.word, optional: true }));
  }
  if (node.t === 'alt' && node.opts.every((o) => asSwitches(o))) return node.opts.flatMap((o) => asSwitches(o));
  if (node.t === 'seq' && node.items.length === 2 && node.items[0].t === 'lit' && isDash(node.items[0].word) && node.items[1].t === 'ph') {
    return [{ kind: 'switch', name: node.items[0].word, value: typeOf(node.items[1].name), optional: true }];
  }
  if (
    node.t === 'seq' &&
    node.items.length === 2 &&
    node.items[0].t === 'lit' &&
    isDash(node.items[0].word) &&
    node.items[1].t === 'alt' &&
    node.items[1].opts.every((o) => (o.t === 'lit' && !isDash(o.word)) || o.t === 'ph')
  ) {
    return [{ kind: 'switch', name: node.items[0].word, value: 'any', optional: true }];
  }
  if (node.t === 'opt') return asSwitches(node.node);
  if (node.t === 'perm') {
    const inner = asSwitches(node.node);
    return inner;
  }
  if (node.t === 'seq' && node.items.every((it) => asSwitches(it))) return node.items.flatMap((it) => asSwitches(it));
  return null;
}

/** The notation of a synopsis body. */
function notationOf(body) {
  if (/(^|\s)\?\S/.test(body) || /\S\?(\s|$)/.test(body.replace(/[)\]>}]\?/g, ''))) return 'tcl';
  if (/'/.test(body) || /\b[A-Z][A-Z0-9_]+\b/.test(body.replace(/<[^>]*>/g, '')) || /\)[?*+#]/.test(body)) return 'tmsh';
  return 'clouddocs';
}

/**
 * Reads one usage line of command `name`.
 * @returns {{ status: 'ok', forms: Elem[][], notation: string } | { status: 'junk' | 'generic' | 'broken', reason: string }}
 */
export function parseLine(name, line, context = {}) {
  let text = line.trim();
  if (!text.startsWith(name) || (text.length > name.length && !/\s/.test(text[name.length]))) {
    return { status: 'junk', reason: 'does not start with the command name' };
  }
  let body = text.slice(name.length).trim();
  // remarks such as "(v11.5+)" or "(IPv6 literal; ...)"
  body = body.replace(/\((v\d[^)]*|[^)]*;[^)]*|IPv6[^)]*)\)\s*$/, '').trim();
  if (/\$/.test(body) || /\[[A-Za-z0-9_]+::/.test(body) || /(^|\s)\//.test(body)) return { status: 'junk', reason: 'example' };
  if (/[&;]|-->/.test(body)) return { status: 'junk', reason: 'prose' };
  if (/\{[^<}]*@/.test(body)) return { status: 'junk', reason: 'example' };
  const bare = body.replace(/<[^>]*>/g, ' ').replace(/'[^']*'/g, ' ');
  const proseWords = bare.split(/[^A-Za-z]+/).filter((w) => PROSE.has(w));
  if (proseWords.length >= 2 || /[a-z]\.\s*$/.test(bare) || /,\s/.test(bare)) return { status: 'junk', reason: 'prose' };
  if (/^<?(subcommand|option)>?\s+(\?|arg|arrayName)/.test(body)) {
    return { status: 'generic', reason: 'generic subcommand line' };
  }
  if (/^\?options\?\s+\?--\?\s+args/.test(body) || /^<subcommand>/.test(body)) return { status: 'generic', reason: 'generic' };
  const notation = notationOf(body);
  try {
    const toks = tokenize(body);
    const p = new Parser(toks, notation, context.tclLiterals ?? new Set(), context.knownLiterals);
    const node = toks.length === 0 ? { t: 'seq', items: [] } : p.parseAlt(false);
    if (p.i < toks.length) throw new Broken(`unexpected ${toks[p.i].k}`);
    const forms = flatten(node);
    return { status: 'ok', forms, notation };
  } catch (e) {
    if (e instanceof Broken) return { status: 'broken', reason: e.message };
    throw e;
  }
}

/** The literal words of a command's tmsh-notation usage lines, or undefined when it has none. */
export function tmshLiterals(name, lines) {
  let any = false;
  const words = new Set();
  const visit = (node) => {
    if (node.t === 'lit') words.add(node.word);
    for (const k of ['node']) if (node[k]) visit(node[k]);
    for (const k of ['items', 'opts']) for (const n of node[k] ?? []) visit(n);
  };
  for (const line of lines ?? []) {
    const text = line.trim();
    if (!text.startsWith(name)) continue;
    const body = text.slice(name.length).trim();
    if (notationOf(body) !== 'tmsh') continue;
    try {
      const toks = tokenize(body);
      const p = new Parser(toks, 'tmsh', new Set(), undefined);
      const node = toks.length === 0 ? { t: 'seq', items: [] } : p.parseAlt(false);
      if (p.i < toks.length) continue;
      any = true;
      visit(node);
    } catch (e) {
      if (!(e instanceof Broken)) throw e;
    }
  }
  return any ? words : undefined;
}

const sameElem = (a, b) =>
  a.kind === b.kind &&
  (a.kind === 'lit' ? a.choices.join('|') === b.choices.join('|') : a.kind === 'ph' ? a.type === b.type : a.name === b.name) &&
  !!a.repeat === !!b.repeat;

/** Positional entry for an element. */
function positional(e) {
  if (e.kind === 'lit') {
    const p = { name: e.choices.join('|'), type: 'any', literal: [...e.choices] };
    if (e.optional) p.optional = true;
    if (e.repeat) p.repeat = true;
    return p;
  }
  const p = { name: e.name, type: e.type };
  if (e.optional) p.optional = true;
  if (e.repeat) p.repeat = true;
  return p;
}

/** Merges element lists of one (sub)command into positionals; `approx` when the merge loosened them. */
function mergePositionals(forms) {
  const uniq = [];
  for (const f of forms) if (!uniq.some((u) => u.length === f.length && u.every((e, i) => sameElem(e, f[i]) && !!e.optional === !!f[i].optional))) uniq.push(f);
  if (uniq.length === 1) return { positionals: uniq[0].map(positional), approx: false };
  // Prefix merge: every form is the longest one cut short.
  const longest = uniq.reduce((a, b) => (b.length > a.length ? b : a));
  if (uniq.every((f) => f.every((e, i) => sameElem(e, longest[i])))) {
    const minLen = Math.min(...uniq.map((f) => f.filter((e) => !e.optional).length));
    let mandatorySeen = 0;
    const out = longest.map((e) => {
      const p = positional(e);
      if (!e.optional) {
        mandatorySeen++;
        if (mandatorySeen > minLen) p.optional = true;
      }
      return p;
    });
    return { positionals: out, approx: false };
  }
  // Loose merge: accept every count any form accepts; keep a type only where all forms agree.
  const minCount = Math.min(...uniq.map((f) => f.filter((e) => !e.optional).length));
  const repeats = uniq.some((f) => f.some((e) => e.repeat));
  const maxLen = Math.max(...uniq.map((f) => f.length));
  const out = [];
  for (let i = 0; i < maxLen; i++) {
    const at = uniq.map((f) => (f.slice(0, i + 1).every((e) => !e.optional && !e.repeat) ? f[i] : undefined));
    const all = at.every((e) => e !== undefined) && at.every((e) => sameElem(e, at[0]));
    const base = longest[i] ?? uniq.find((f) => f[i])[i];
    const p = all ? positional(at[0]) : { name: base.kind === 'lit' ? base.choices.join('|') : base.name, type: 'any' };
    delete p.optional;
    delete p.repeat;
    if (i >= minCount) p.optional = true;
    out.push(p);
  }
  if (repeats) {
    const last = out[out.length - 1];
    last.repeat = true;
    last.optional = true;
    last.type = 'any';
    delete last.literal;
  }
  return { positionals: out, approx: true };
}

/** Options after a positional cannot be placed in a form: they become optional words (looser). */
function looseOptions(f) {
  if (!f.some((e) => e.kind === 'switch' || e.kind === 'eoo')) return f;
  const out = f.flatMap((e) =>
    e.kind === 'switch'
      ? [{ kind: 'lit', choices: [e.name], optional: true }, ...(e.value ? [{ kind: 'ph', name: 'value', type: e.value, optional: true }] : [])]
      : e.kind === 'eoo'
        ? [{ kind: 'lit', choices: ['--'], optional: true }]
        : [e],
  );
  out.loose = true;
  return out;
}

/**
 * Builds an ArgForm from the forms of all usable lines of one command.
 * @returns {{ form: object, approx: boolean }}
 */
export function buildForm(forms) {
  let approx = false;
  const groups = new Map();
  const fallback = [];
  const switches = new Map();
  let eoo = false;
  for (const raw of forms) {
    let f = raw;
    // leading options belong to this level
    let k = 0;
    while (k < f.length && (f[k].kind === 'switch' || f[k].kind === 'eoo')) {
      if (f[k].kind === 'eoo') eoo = true;
      else if (!switches.has(f[k].name)) switches.set(f[k].name, f[k].value);
      k++;
    }
    f = f.slice(k);
    const first = f[0];
    if (first && first.kind === 'lit' && !first.repeat && k === 0) {
      for (const c of first.choices) {
        if (!groups.has(c)) groups.set(c, []);
        groups.get(c).push(f.slice(1));
      }
      if (first.optional) fallback.push(looseOptions(f.slice(1)));
    } else {
      fallback.push(looseOptions(f));
    }
  }
  if (fallback.some((f) => f.loose)) approx = true;
  const form = {};
  if (switches.size) form.switches = [...switches].map(([name, value]) => (value ? { name, value } : { name }));
  if (eoo) form.endOfOptions = true;
  if (groups.size) {
    form.subcommands = {};
    for (const [k, v] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const sub = buildForm(v);
      approx ||= sub.approx;
      form.subcommands[k] = sub.form;
    }
  }
  if (fallback.length) {
    const m = mergePositionals(fallback);
    approx ||= m.approx;
    form.positionals = m.positionals;
  } else if (!groups.size) {
    form.positionals = [];
  }
  return { form, approx };
}
