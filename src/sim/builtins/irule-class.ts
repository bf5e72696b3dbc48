/**
 * Data-group commands: `class` (match, search, lookup, element, type, exists, size, names, get,
 * startsearch, nextelement, anymore, donesearch) and the pre-10 forms `matchclass` and
 * `findclass`. Matching rules are in src/sim/bigip/datagroups.ts. Before 11.0 the class argument
 * of the matching forms may be the list value of `$::dg`, as BIG-IP 9.4.4-10.x allowed.
 */
import { keywordOf } from '../../catalog/args.js';
import { getCommand } from '../../catalog/load.js';
import { formAt } from '../../catalog/match.js';
import type { Positional } from '../../catalog/types.js';
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { globMatch } from '../tcl/glob.js';
import { formatList } from '../values.js';
import { type ClassOperator, type DataGroupView, classMatches, classTypeName } from '../bigip/datagroups.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';

/** The operator keyword slot of a command form in the catalog (`class match`, `matchclass`). */
function operatorSlot(path: readonly string[]): Positional {
  const spec = getCommand(path[0]);
  const pos = (spec && formAt(spec, path.slice(1)))?.positionals?.find((x) => x.literal !== undefined);
  if (!pos?.literal) throw new Error(`catalog has no operator for ${path.join(' ')}`); // a simulator bug, not user input
  return pos;
}

/** The operator `op` means for the command at `path` (`eq` is `equals` for class match/search), or BIG-IP's error. */
function operatorOf(path: readonly string[], op: string): ClassOperator | TclResult {
  const pos = operatorSlot(path);
  const k = keywordOf(pos, op);
  if (k !== undefined) return k as ClassOperator;
  const list = pos.literal!;
  return err(`bad operator "${op}": must be ${list.slice(0, -1).join(', ')}, or ${list[list.length - 1]}`);
}

/** The result forms of `class match` / `class search`. */
type Want = 'bool' | 'index' | 'name' | 'value' | 'element';

/** The options BIG-IP lists in its `bad option` message (`-all` since 11.0). */
function optionList(ctx: SimContext): string {
  return ctx.atLeast('11.0') ? '-all, -index, -element, -list, -name, or -value' : '-index, -element, -name, or -value';
}

/** A data group that does not exist: treated as empty, with a remark. */
function missing(ctx: SimContext, name: string): void {
  ctx.note(`data group "${name}" does not exist; the simulator treats it as empty`);
}

/** One element in the requested form. */
function element(view: DataGroupView, i: number, want: Want): string {
  const r = view.records[i];
  switch (want) {
    case 'index':
      return String(i);
    case 'name':
      return r.key;
    case 'value':
      return r.data;
    case 'element':
      return formatList([r.key, r.data]);
    default:
      return '1';
  }
}

/** `class match|search [options] [--] ...`. */
function matchOrSearch(ctx: SimContext, argv: string[], search: boolean): TclResult {
  let i = 2;
  let want: Want = 'bool';
  let all = false;
  while (i < argv.length && argv[i].startsWith('-')) {
    const o = argv[i];
    if (o === '--') {
      i++;
      break;
    }
    if (o === '-all' && ctx.atLeast('11.0')) all = true;
    else if (o === '-list' && ctx.atLeast('11.0')) all = true;
    else if (o === '-index') want = 'index';
    else if (o === '-name') want = 'name';
    else if (o === '-value') want = 'value';
    else if (o === '-element') want = 'element';
    else return err(`bad option "${o}": must be ${optionList(ctx)}`);
    i++;
  }
  if (argv.length - i !== 3) {
    return err(`wrong # args: should be "class ${search ? 'search' : 'match'} [<options>] [--] ${search ? '<class> <operator> <item>' : '<item> <operator> <class>'}"`);
  }
  const [a, word, b] = argv.slice(i);
  const op = operatorOf(['class', search ? 'search' : 'match'], word);
  if (typeof op !== 'string') return op;
  const className = search ? a : b;
  const item = search ? b : a;
  const view = ctx.dataGroup(className, true);
  if (!view) {
    missing(ctx, className);
    return ok(all ? '' : want === 'bool' ? '0' : want === 'index' ? '-1' : '');
  }
  const hits = classMatches(view, item, op, search, all);
  if (ctx.interp.probe !== undefined) ctx.interp.probe.classMatch(view, item, op, search, all, want);
  if (want === 'bool') return ok(hits.length > 0 ? '1' : '0');
  if (all) return ok(formatList(hits.map((h) => element(view, h, want))));
  if (hits.length === 0) return ok(want === 'index' ? '-1' : '');
  return ok(element(view, hits[0], want));
}

/** `class names|get [-nocase] <class> [<pattern>]`. */
function namesOrGet(ctx: SimContext, argv: string[], get: boolean): TclResult {
  let i = 2;
  let nocase = false;
  if (argv[i] === '-nocase') {
    nocase = true;
    i++;
  }
  const name = argv[i];
  const pattern = argv[i + 1];
  const view = name !== undefined ? ctx.dataGroup(name) : undefined;
  if (!view) {
    if (name !== undefined) missing(ctx, name);
    return OK_EMPTY;
  }
  const out: string[] = [];
  for (const r of view.records) {
    if (pattern !== undefined && !globMatch(pattern, r.key, nocase)) continue;
    out.push(get ? formatList([r.key, r.data]) : r.key);
  }
  return ok(formatList(out));
}

/** The `class` command. */
function classCmd(ctx: SimContext, argv: string[]): TclResult {
  const sub = argv[1];
  switch (sub) {
    case 'match':
      return matchOrSearch(ctx, argv, false);
    case 'search':
      return matchOrSearch(ctx, argv, true);
    case 'lookup':
      return matchOrSearch(ctx, ['class', 'match', '-value', '--', argv[2], 'equals', argv[3]], false);
    case 'exists':
      return ok(ctx.dataGroup(argv[2]) ? '1' : '0');
    case 'type': {
      const view = ctx.dataGroup(argv[2]);
      if (!view) missing(ctx, argv[2]);
      return ok(view ? classTypeName(view.type) : '');
    }
    case 'size': {
      const view = ctx.dataGroup(argv[2]);
      if (!view) missing(ctx, argv[2]);
      return ok(String(view?.records.length ?? 0));
    }
    case 'names':
      return namesOrGet(ctx, argv, false);
    case 'get':
      return namesOrGet(ctx, argv, true);
    case 'element': {
      let i = 2;
      let want: Want = 'element';
      if (argv[i] === '-name' || argv[i] === '-value') want = argv[i++] === '-name' ? 'name' : 'value';
      if (argv[i] === '--') i++;
      const index = Number(argv[i]);
      const view = ctx.dataGroup(argv[i + 1] ?? '');
      if (!view) {
        missing(ctx, argv[i + 1] ?? '');
        return OK_EMPTY;
      }
      if (!/^\d+$/.test(argv[i] ?? '')) return err(`expected integer but got "${argv[i] ?? ''}"`);
      if (index >= view.records.length) return OK_EMPTY;
      return ok(element(view, index, want));
    }
    case 'startsearch': {
      const view = ctx.dataGroup(argv[2]);
      if (!view) {
        missing(ctx, argv[2]);
        return OK_EMPTY;
      }
      const id = `search-${++ctx.idCounter}`;
      ctx.searches.set(id, { view, next: 0 });
      return ok(id);
    }
    case 'nextelement': {
      let i = 2;
      let want: Want = 'element';
      while (argv[i]?.startsWith('-')) {
        const o = argv[i++];
        if (o === '--') break;
        if (o === '-index') want = 'index';
        else if (o === '-name') want = 'name';
        else if (o === '-value') want = 'value';
        else return err(`bad option "${o}": must be -index, -name, or -value`);
      }
      const s = ctx.searches.get(argv[i + 1] ?? '');
      if (!s) return err(`invalid search id "${argv[i + 1] ?? ''}"`);
      if (s.next >= s.view.records.length) return OK_EMPTY;
      return ok(element(s.view, s.next++, want));
    }
    case 'anymore': {
      const s = ctx.searches.get(argv[3] ?? '');
      if (!s) return err(`invalid search id "${argv[3] ?? ''}"`);
      return ok(s.next < s.view.records.length ? '1' : '0');
    }
    case 'donesearch':
      ctx.searches.delete(argv[3] ?? '');
      return OK_EMPTY;
    default:
      return err(`bad option "${sub ?? ''}": must be anymore, donesearch, element, exists, get, lookup, match, names, nextelement, search, size, startsearch, or type`);
  }
}

/**
 * `matchclass <value> <op> <class>` or `matchclass <class> <op> <value>`: the 1-based index of
 * the matching element, or 0. Either way the operator compares the value with the elements as
 * `class match` does.
 */
function matchclassCmd(ctx: SimContext, argv: string[]): TclResult {
  const [, a, word, b] = argv;
  const op = operatorOf(['matchclass'], word);
  if (typeof op !== 'string') return op;
  let view = ctx.dataGroup(b);
  let item = a;
  if (!view && (view = ctx.dataGroup(a))) item = b;
  if (!view && (view = ctx.dataGroup(b, true))) item = a;
  if (!view && (view = ctx.dataGroup(a, true))) item = b;
  if (!view) {
    missing(ctx, b);
    return ok('0');
  }
  const hits = classMatches(view, item, op, false, false);
  if (ctx.interp.probe !== undefined) ctx.interp.probe.classMatch(view, item, op, false, false, 'index');
  return ok(hits.length > 0 ? String(hits[0] + 1) : '0');
}

/** `findclass <string> <class> [<separator>]`: the first element starting with the string (after the separator when given). */
function findclassCmd(ctx: SimContext, argv: string[]): TclResult {
  const [, str, name, sep] = argv;
  const view = ctx.dataGroup(name, true);
  if (!view) {
    missing(ctx, name);
    return OK_EMPTY;
  }
  const separator = sep ?? ' ';
  for (const r of view.records) {
    const text = r.data !== '' ? `${r.key}${separator}${r.data}` : r.key;
    if (!text.startsWith(str)) continue;
    if (sep === undefined) return ok(text);
    const at = text.indexOf(separator);
    return ok(at < 0 ? '' : text.slice(at + separator.length));
  }
  return OK_EMPTY;
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'class', classCmd);
  defineCommand(interp, ctx, 'matchclass', matchclassCmd);
  defineCommand(interp, ctx, 'findclass', findclassCmd);
}
