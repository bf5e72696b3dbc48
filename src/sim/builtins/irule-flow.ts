/**
 * Commands that steer the connection and the iRule engine: `event`, `drop`, `discard`, `reject`,
 * `after`, `call`, `clientside`, `serverside`, `virtual`, `log`, `timing`, `TMM::cmp_*`.
 *
 * - `event [<name>] disable|enable`, `event disable all|enable all`: for the rest of the
 *   connection, across every rule on the virtual server; the running script continues.
 * - `drop`/`discard`/`reject`: end the connection after the running event; no implied return.
 * - `after <ms>` advances the simulated clock (the rule is parked); `after <ms> <script>` runs the
 *   script once the event's handlers are done (periodic ones once, with a remark).
 */
import type { Word } from '../../syntax/ast.js';
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { formatList } from '../values.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { isConn, needConn } from '../irule/util.js';

/** BIG-IP cuts a log message at 1,024 bytes. */
const LOG_MAX = 1024;

/** `log [-noname] [<remote>] [<facility>.<level>] <message>`. */
function logCmd(ctx: SimContext, argv: string[]): TclResult {
  let i = 1;
  let noname = false;
  if (argv[i] === '-noname') {
    noname = true;
    i++;
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return err('wrong # args: should be "log [-noname] [<facility>.<level>] <message>"');
  const message = rest[rest.length - 1];
  let target = '';
  if (rest.length === 3) target = ` (to ${rest[0]})`;
  const text = message.length > LOG_MAX ? message.slice(0, LOG_MAX) : message;
  // Folders (`/Common/...`) came with 11.0: 10.x names the rule alone (`Rule smtp_irule`).
  const rule = ctx.rule ? (ctx.atLeast('11.0') ? ctx.rule.name : ctx.rule.shortName) : '';
  ctx.log(noname ? `${text}${target}` : `Rule ${rule} <${ctx.event}>: ${text}${target}`);
  return OK_EMPTY;
}

/** `event ...`. */
function eventCmd(ctx: SimContext, argv: string[]): TclResult {
  const args = argv.slice(1);
  if (args[0] === 'info') {
    if (!ctx.atLeast('11.0')) return err('bad option "info": must be enable or disable');
    ctx.notModelled('event info');
    return OK_EMPTY;
  }
  const conn = ctx.conn;
  let name = ctx.event;
  let verb = args[0];
  let all = false;
  if (args.length === 2 && args[1] === 'all') all = true;
  else if (args.length === 2) {
    name = args[0];
    verb = args[1];
  }
  if (verb !== 'enable' && verb !== 'disable') return err(`bad option "${verb ?? ''}": must be enable, disable, or info`);
  if (!conn) return OK_EMPTY;
  if (all) conn.allDisabled = verb === 'disable';
  else if (verb === 'disable') conn.disabled.add(name);
  else conn.disabled.delete(name);
  return OK_EMPTY;
}

/** `after ...`. */
function afterCmd(ctx: SimContext, argv: string[], words: readonly Word[] | undefined): TclResult {
  const conn = ctx.conn;
  const a1 = argv[1];
  if (a1 === 'cancel') {
    if (!conn) return OK_EMPTY;
    const ids = argv.slice(2);
    for (let k = conn.afterJobs.length - 1; k >= 0; k--) {
      if (ids.includes(conn.afterJobs[k].id)) ctx.interp.chargeMemory(-conn.afterJobs.splice(k, 1)[0].script.length);
    }
    return OK_EMPTY;
  }
  if (a1 === 'info') {
    if (!conn) return OK_EMPTY;
    if (argv.length === 2) return ok(formatList(conn.afterJobs.map((j) => j.id)));
    const job = conn.afterJobs.find((j) => j.id === argv[2]);
    if (!job) return err(`event "${argv[2]}" doesn't exist`);
    return ok(formatList([job.script, 'timer']));
  }
  if (!/^\d+$/.test(a1 ?? '')) return err('invalid argument ; expected syntax spec: (MILLI_SECONDS|cancel|info) ');
  const ms = Number(a1);
  if (argv.length === 2) {
    ctx.clock += ms;
    return OK_EMPTY;
  }
  let i = 2;
  let periodic = false;
  if (argv[i] === '-periodic') {
    periodic = true;
    i++;
  }
  const script = argv.slice(i).join(' ');
  if (!conn || !ctx.rule) {
    ctx.note('after with a script outside a connection is not run by the simulator');
    return OK_EMPTY;
  }
  void words;
  const id = `after#${++ctx.idCounter}`;
  const full = ctx.interp.chargeMemory(script.length);
  if (full) return full;
  conn.afterJobs.push({ id, due: ctx.clock + ms, script, rule: ctx.rule, event: ctx.event, periodic });
  return ok(id);
}

/** `call [<rule>::]<proc> [<arg> ...]`. */
function callCmd(ctx: SimContext, argv: string[]): TclResult {
  const name = argv[1];
  const sep = name.lastIndexOf('::');
  let rule = ctx.rule;
  let procName = name;
  if (sep > 0) {
    const ruleName = name.slice(0, sep).replace(/^::/, '');
    procName = name.slice(sep + 2);
    rule = ctx.rules.find((r) => r.name === ruleName || r.shortName === ruleName || r.name === `/Common/${ruleName}`);
  }
  const def = rule?.procs.get(procName);
  if (!def || !rule) return err(`proc ${name} not found`);
  const saveRule = ctx.rule;
  ctx.rule = rule;
  const r = ctx.interp.callProc(def, [name, ...argv.slice(2)]);
  ctx.rule = saveRule;
  return r;
}

/** `clientside|serverside [<script>]`: run the script as if on that side. */
function sideCmd(side: 'client' | 'server') {
  return (ctx: SimContext, argv: string[], words: readonly Word[] | undefined): TclResult => {
    if (argv.length < 2) return OK_EMPTY;
    const save = ctx.sideOverride;
    ctx.sideOverride = side;
    const r = ctx.interp.evalBody(argv[1], words?.[1], `"${side}side" body`);
    ctx.sideOverride = save;
    return r;
  };
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'log', logCmd);
  defineCommand(interp, ctx, 'event', eventCmd);
  defineCommand(interp, ctx, 'after', afterCmd);
  defineCommand(interp, ctx, 'call', callCmd);
  defineCommand(interp, ctx, 'clientside', sideCmd('client'));
  defineCommand(interp, ctx, 'serverside', sideCmd('server'));
  for (const [name, action] of [
    ['drop', 'drop'],
    ['discard', 'drop'],
    ['reject', 'reject'],
  ] as const) {
    defineCommand(interp, ctx, name, (c) => {
      const conn = needConn(c);
      if (!isConn(conn)) return conn;
      conn.terminate(action);
      conn.decidedBy.action ??= c.site();
      return OK_EMPTY;
    });
  }
  defineCommand(interp, ctx, 'virtual', (c, argv) => {
    if (argv.length === 1 || (argv.length === 2 && argv[1] === 'name')) return ok(c.virtual.name);
    c.notModelled('virtual <name>');
    c.note(`virtual ${argv.slice(1).join(' ')}: sending the connection to another virtual server is not modelled`);
    return OK_EMPTY;
  });
  defineCommand(interp, ctx, 'timing', () => OK_EMPTY);
  defineCommand(interp, ctx, 'TMM::cmp_count', () => ok('1'));
  defineCommand(interp, ctx, 'TMM::cmp_unit', () => ok('0'));
  defineCommand(interp, ctx, 'TMM::cmp_group', () => ok('0'));
  defineCommand(interp, ctx, 'TMM::cmp_primary_group', () => ok('0'));
  defineCommand(interp, ctx, 'TMM::cmp_groups', () => ok('1'));
}
