/**
 * Deterministic generator of realistic iRules for benchmarks. Pure: no I/O, no clock; the same
 * seed and templates always give the same text.
 *
 * Corpus files start from a real template (the fixture iRules), with local variables renamed,
 * literals (hosts, addresses, pool names, log facilities, priorities) varied and indentation
 * restyled, and usually gain a few generated procs and a generated handler for an event the
 * template lacks. The large single file is a typical "redirect map" rule: RULE_INIT constants,
 * helper procs and an HTTP_REQUEST handler built around a long `switch -glob`.
 */

/** A seeded pseudo-random generator (mulberry32). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A named iRule text to vary. */
export interface Template {
  /** File name, for reports. */
  name: string;
  /** The iRule source. */
  text: string;
}

const APPS = [
  'web', 'api', 'auth', 'static', 'media', 'portal', 'shop', 'search', 'admin', 'mobile',
  'billing', 'reports', 'sso', 'mail', 'cdn', 'legacy', 'partner', 'intranet', 'docs', 'status',
];
const DOMAINS = [
  'example.com', 'example.org', 'example.net', 'corp.local', 'acme-corp.com', 'contoso.com',
  'shop.example.co.uk', 'intra.example.de', 'app.example.io', 'svc.internal',
];
const WORDS = [
  'account', 'orders', 'cart', 'checkout', 'login', 'logout', 'profile', 'search', 'images',
  'assets', 'v1', 'v2', 'v3', 'reports', 'export', 'download', 'upload', 'help', 'news',
  'products', 'catalog', 'payments', 'invoices', 'users', 'settings', 'health', 'metrics',
];
const HEADERS = [
  'X-Forwarded-For', 'X-Request-Id', 'X-Client-Region', 'X-Tenant', 'X-Api-Version',
  'X-Correlation-Id', 'X-Device-Type', 'X-Original-Uri', 'X-Debug', 'X-Cache-Key',
];
const DATA_GROUPS = [
  'allowed_clients', 'blocked_networks', 'partner_networks', 'admin_networks', 'uri_redirects',
  'host_map', 'bot_agents', 'maintenance_hosts', 'tenant_pools', 'trusted_proxies',
];
const LEVELS = ['info', 'notice', 'warn', 'debug', 'err'];
const HTTP_EVENTS = ['HTTP_REQUEST', 'HTTP_RESPONSE'];
const L4_EVENTS = ['CLIENT_ACCEPTED', 'CLIENT_CLOSED', 'SERVER_CONNECTED', 'LB_SELECTED'];

/** Words too common to rename safely: subcommand names, option values, words in comments. */
const KEEP_NAMES = new Set([
  'static', 'path', 'query', 'host', 'length', 'count', 'value', 'values', 'names', 'exists',
  'version', 'method', 'status', 'payload', 'target', 'location', 'total', 'these', 'once',
  'over', 'cookie', 'header', 'name', 'cipher', 'client', 'server', 'default', 'content',
]);

/**
 * Local variable names worth renaming: declared with set/incr/append/lappend/foreach, at
 * least five characters or containing `_`, and not a common word.
 */
function localVariables(text: string): string[] {
  const names = new Set<string>();
  const decl = /\b(?:set|incr|append|lappend|foreach)\s+([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_:])/g;
  for (const m of text.matchAll(decl)) names.add(m[1]);
  return [...names].filter((n) => (n.length >= 5 || n.includes('_')) && !KEEP_NAMES.has(n));
}

/**
 * Rename a variable everywhere it appears as a whole word that is not part of a command name,
 * option, path or host name (so `$x`, `${x}`, `set x`, `x(i)`, `scan ... x` all follow).
 */
function renameVariable(text: string, from: string, to: string): string {
  const re = new RegExp(`(?<![A-Za-z0-9_:./-])${from}(?![A-Za-z0-9_:./-])`, 'g');
  return text.replace(re, to);
}

/** A fresh but plausible variable name. */
function newVariableName(rng: Rng, base: string, n: number): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `${base}_${n}`;
    case 1:
      return `${rng.pick(APPS)}_${base}`;
    case 2:
      return `${base}${rng.pick(['_val', '_str', 'Value', '_tmp', '_cur'])}`;
    default:
      return `l_${base}`;
  }
}

/** A random private IPv4 address. */
function privateAddress(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 1:
      return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    default:
      return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }
}

/** Re-indent 4-space indentation as 2 spaces or tabs (multi-line strings change too; harmless). */
function restyleIndent(text: string, style: 'spaces4' | 'spaces2' | 'tabs'): string {
  if (style === 'spaces4') return text;
  const unit = style === 'tabs' ? '\t' : '  ';
  return text.replace(/^((?: {4})+)/gm, (lead: string) => unit.repeat(lead.length / 4));
}

/** Vary one template: rename locals, change literals, restyle indentation. */
export function varyTemplate(rng: Rng, text: string, serial: number): string {
  let out = text;
  for (const name of localVariables(text)) {
    if (rng.chance(0.7)) out = renameVariable(out, name, newVariableName(rng, name, serial));
  }
  const domain = rng.pick(DOMAINS);
  out = out.replace(/\b(?:example\.(?:com|org)|corp\.local)\b/g, () => domain);
  out = out.replace(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g, (addr: string, a: string) =>
    a === '255' || a === '0' || rng.chance(0.3) ? addr : privateAddress(rng),
  );
  out = out.replace(/(?<![%A-Za-z0-9_])([a-z]+)_pool\b/g, () => `${rng.pick(APPS)}_pool`);
  out = out.replace(/\blocal0\./g, () => `local${rng.int(0, 7)}.`);
  out = out.replace(/^when ([A-Z_0-9]+) priority \d+/gm, (_m: string, ev: string) =>
    `when ${ev} priority ${rng.int(1, 99) * 10}`,
  );
  return restyleIndent(out, rng.pick(['spaces4', 'spaces4', 'spaces2', 'tabs'] as const));
}

/** Emits indented lines. */
class Writer {
  readonly lines: string[] = [];

  line(depth: number, text: string): void {
    this.lines.push(text === '' ? '' : '    '.repeat(depth) + text);
  }
}

/** A condition for an `if` in the given event family. */
function condition(rng: Rng, http: boolean): string {
  const simple = (): string => {
    const choices: (() => string)[] = [
      () => `[class match [IP::client_addr] equals ${rng.pick(DATA_GROUPS)}]`,
      () => `[IP::addr [IP::client_addr] equals ${privateAddress(rng)}/${rng.pick([8, 16, 24])}]`,
      () => `[active_members ${rng.pick(APPS)}_pool] > ${rng.int(0, 2)}`,
      () => `$conn_count > ${rng.int(10, 5000)}`,
    ];
    if (http) {
      choices.push(
        () => `[HTTP::path] starts_with "/${rng.pick(WORDS)}/"`,
        () => `[string tolower [HTTP::host]] ends_with ".${rng.pick(DOMAINS)}"`,
        () => `[HTTP::header exists "${rng.pick(HEADERS)}"]`,
        () => `[HTTP::method] equals "${rng.pick(['GET', 'POST', 'PUT', 'DELETE'])}"`,
        () => `[HTTP::uri] contains "${rng.pick(WORDS)}="`,
        () => `[HTTP::header value "User-Agent"] matches_glob "*${rng.pick(['bot', 'curl', 'Mobile', 'MSIE'])}*"`,
        () => `[class match -- [HTTP::uri] starts_with ${rng.pick(DATA_GROUPS)}]`,
      );
    }
    return rng.pick(choices)();
  };
  switch (rng.int(0, 5)) {
    case 0:
      return `${simple()} and ${simple()}`;
    case 1:
      return `${simple()} || ${simple()}`;
    case 2:
      return `not (${simple()})`;
    default:
      return simple();
  }
}

/** One simple (non-compound) statement. */
function simpleStatement(rng: Rng, http: boolean): string {
  const choices: (() => string)[] = [
    () => `log local${rng.int(0, 7)}.${rng.pick(LEVELS)} "${rng.pick(WORDS)}: client [IP::client_addr]:[TCP::client_port] via [virtual name]"`,
    () => `set ${rng.pick(WORDS)}_${rng.pick(['id', 'key', 'flag', 'name'])} [string range [md5 "[IP::client_addr][clock clicks]"] 0 ${rng.int(3, 15)}]`,
    () => `pool ${rng.pick(APPS)}_pool`,
    () => `incr conn_count`,
    () => `set limit_key "${rng.pick(WORDS)}:[IP::client_addr]"`,
    () => `table incr -subtable ${rng.pick(WORDS)}_hits -- [IP::client_addr]`,
    () => `snat ${privateAddress(rng)}`,
    () => `persist source_addr 255.255.255.${rng.pick([0, 255])} ${rng.int(1, 60) * 60}`,
  ];
  if (http) {
    choices.push(
      () => `HTTP::header insert ${rng.pick(HEADERS)} "${rng.pick(WORDS)}-[TCP::client_port]"`,
      () => `HTTP::header replace ${rng.pick(HEADERS)} [IP::client_addr]`,
      () => `HTTP::header remove ${rng.pick(HEADERS)}`,
      () => `HTTP::redirect "https://${rng.pick(WORDS)}.${rng.pick(DOMAINS)}[HTTP::uri]"`,
      () => `HTTP::respond ${rng.pick([403, 404, 429, 503])} content "${rng.pick(WORDS)} unavailable" Retry-After ${rng.int(1, 60) * 10}`,
      () => `HTTP::uri [string map {/${rng.pick(WORDS)}/ /${rng.pick(WORDS)}/} [HTTP::uri]]`,
      () => `set target [class lookup [string tolower [HTTP::host]] ${rng.pick(DATA_GROUPS)}]`,
      () => `HTTP::cookie remove ${rng.pick(['_ga', 'utm_source', 'tracking', 'SESSIONID'])}`,
    );
  }
  return rng.pick(choices)();
}

/** A statement at a nesting depth, possibly compound (if/switch/foreach). */
function statement(rng: Rng, w: Writer, depth: number, nest: number, http: boolean): void {
  const roll = rng.next();
  if (nest < 3 && roll < 0.22) {
    w.line(depth, `if { ${condition(rng, http)} } {`);
    block(rng, w, depth + 1, nest + 1, http, 1, 3);
    if (rng.chance(0.35)) {
      w.line(depth, `} elseif { ${condition(rng, http)} } {`);
      block(rng, w, depth + 1, nest + 1, http, 1, 2);
    }
    if (rng.chance(0.5)) {
      w.line(depth, '} else {');
      block(rng, w, depth + 1, nest + 1, http, 1, 2);
    }
    w.line(depth, '}');
  } else if (nest < 2 && http && roll < 0.3) {
    w.line(depth, 'switch -glob -- [string tolower [HTTP::path]] {');
    const cases = rng.int(2, 5);
    for (let i = 0; i < cases; i++) {
      if (rng.chance(0.3)) w.line(depth + 1, `"/${rng.pick(WORDS)}/${rng.pick(WORDS)}*" -`);
      w.line(depth + 1, `"/${rng.pick(WORDS)}/*" {`);
      block(rng, w, depth + 2, nest + 1, http, 1, 2);
      w.line(depth + 1, '}');
    }
    w.line(depth + 1, 'default {');
    w.line(depth + 2, `pool ${rng.pick(APPS)}_pool`);
    w.line(depth + 1, '}');
    w.line(depth, '}');
  } else if (nest < 2 && roll < 0.36) {
    const list = `${rng.pick(WORDS)}_list`;
    w.line(depth, `foreach item $static::${list} {`);
    w.line(depth + 1, `if { [string first $item [IP::client_addr]] >= 0 } {`);
    w.line(depth + 2, simpleStatement(rng, http));
    w.line(depth + 2, 'break');
    w.line(depth + 1, '}');
    w.line(depth, '}');
  } else if (roll < 0.42) {
    w.line(depth, `# ${rng.pick(['TODO', 'NOTE', 'Ticket', 'Change'])} ${rng.int(1000, 99999)}: ${rng.pick(WORDS)} ${rng.pick(WORDS)} handling`);
    w.line(depth, simpleStatement(rng, http));
  } else {
    const s = simpleStatement(rng, http);
    w.line(depth, rng.chance(0.08) ? `${s} ;# ${rng.pick(WORDS)}` : s);
  }
}

/** Several statements. */
function block(rng: Rng, w: Writer, depth: number, nest: number, http: boolean, min: number, max: number): void {
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) statement(rng, w, depth, nest, http);
}

/** A generated `when` handler. */
function generatedWhen(rng: Rng, w: Writer, event: string, statements: number): void {
  const http = event.startsWith('HTTP_');
  const prio = rng.chance(0.2) ? ` priority ${rng.int(1, 99) * 10}` : '';
  w.line(0, `when ${event}${prio} {`);
  w.line(1, 'set conn_count 0');
  block(rng, w, 1, 0, http, statements, statements);
  w.line(0, '}');
}

/** A generated helper proc. */
function generatedProc(rng: Rng, w: Writer, name: string): void {
  w.line(0, `proc ${name} { value {fallback ""} } {`);
  w.line(1, `# ${rng.pick(WORDS)} helper`);
  w.line(1, 'if { $value eq "" } {');
  w.line(2, 'return $fallback');
  w.line(1, '}');
  switch (rng.int(0, 2)) {
    case 0:
      w.line(1, 'set parts [split [string trim $value] ","]');
      w.line(1, 'set out {}');
      w.line(1, 'foreach part $parts {');
      w.line(2, `lappend out [string tolower [string trim $part " \\t"]]`);
      w.line(1, '}');
      w.line(1, 'return [join $out ","]');
      break;
    case 1:
      w.line(1, `if { [scan $value {%d.%d} major minor] == 2 } {`);
      w.line(2, 'return [format "%d.%02d" $major $minor]');
      w.line(1, '}');
      w.line(1, 'return $fallback');
      break;
    default:
      w.line(1, `for { set i 0 } { $i < [string length $value] } { incr i ${rng.int(1, 4)} } {`);
      w.line(2, 'if { [string index $value $i] eq "/" } {');
      w.line(3, 'return [string range $value 0 [expr {$i - 1}]]');
      w.line(2, '}');
      w.line(1, '}');
      w.line(1, 'return $value');
  }
  w.line(0, '}');
}

/** Events a script handles, from its top-level `when` lines. */
function eventsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^\s*when\s+([A-Z_0-9]+)/gm)].map((m) => m[1]));
}

/** One corpus file: a varied template plus generated procs and maybe one generated handler. */
export function corpusFile(rng: Rng, templates: readonly Template[], serial: number): string {
  const base = varyTemplate(rng, rng.pick(templates).text, serial);
  const w = new Writer();
  w.line(0, `# ${rng.pick(APPS)}-${rng.pick(WORDS)} rule, revision ${rng.int(1, 60)}`);
  const procs = rng.int(0, 2);
  for (let i = 0; i < procs; i++) {
    generatedProc(rng, w, `${rng.pick(WORDS)}_${rng.pick(['norm', 'parse', 'first', 'clean'])}_${i}`);
    w.line(0, '');
  }
  const parts = [w.lines.join('\n'), base.trimEnd()];
  const used = eventsOf(base);
  const free = [...HTTP_EVENTS, ...L4_EVENTS].filter((e) => !used.has(e));
  if (free.length > 0 && rng.chance(0.7)) {
    const extra = new Writer();
    generatedWhen(rng, extra, rng.pick(free), rng.int(3, 12));
    parts.push(extra.lines.join('\n'));
  }
  return parts.join('\n\n') + '\n';
}

/** Corpus files until their total length reaches `minChars`. */
export function generateCorpus(seed: number, templates: readonly Template[], minChars: number): string[] {
  if (templates.length === 0) throw new Error('no templates to build a corpus from');
  const rng = new Rng(seed);
  const files: string[] = [];
  let total = 0;
  while (total < minChars) {
    const text = corpusFile(rng, templates, files.length);
    files.push(text);
    total += text.length;
  }
  return files;
}

/**
 * One large rule of exactly `lineCount` lines: RULE_INIT constants, helper procs, a
 * CLIENT_ACCEPTED handler, an HTTP_REQUEST handler around a long `switch -glob` redirect map,
 * and an HTTP_RESPONSE handler.
 */
export function generateLargeFile(seed: number, lineCount: number): string {
  const rng = new Rng(seed);
  const w = new Writer();
  w.line(0, '# Site migration rule: redirect map, tenant routing and response hardening.');
  w.line(0, '# Generated by bench/corpus.ts for parser benchmarks.');
  w.line(0, 'priority 400');
  w.line(0, '');
  w.line(0, 'when RULE_INIT {');
  for (const word of WORDS) w.line(1, `set static::${word}_list [list ${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)}]`);
  w.line(1, 'set static::debug 0');
  w.line(0, '}');
  w.line(0, '');
  for (let i = 0; i < 12; i++) {
    generatedProc(rng, w, `helper_${rng.pick(WORDS)}_${i}`);
    w.line(0, '');
  }
  generatedWhen(rng, w, 'CLIENT_ACCEPTED', 8);
  w.line(0, '');

  const response = new Writer();
  response.line(0, '');
  generatedWhen(rng, response, 'HTTP_RESPONSE', 12);

  w.line(0, 'when HTTP_REQUEST {');
  w.line(1, 'set conn_count 0');
  w.line(1, 'set path [string tolower [HTTP::path]]');
  w.line(1, 'switch -glob -- $path {');
  const budget = lineCount - response.lines.length - 6; // default case and closers follow
  let n = 0;
  for (;;) {
    n += 1;
    const from = `/${rng.pick(WORDS)}/${rng.pick(WORDS)}-${n}`;
    const redirect = `HTTP::respond 301 noserver Location "https://${rng.pick(WORDS)}.${rng.pick(DOMAINS)}/${rng.pick(WORDS)}/${n}[HTTP::query]"`;
    const entry = new Writer();
    if (rng.chance(0.25)) entry.line(2, `"${from}/index.html" -`);
    entry.line(2, `"${from}*" {`);
    if (rng.chance(0.6)) {
      entry.line(3, redirect);
      entry.line(3, 'return');
    } else {
      block(rng, entry, 3, 1, true, 1, 3);
    }
    entry.line(2, '}');
    if (w.lines.length + entry.lines.length <= budget) {
      w.lines.push(...entry.lines);
    } else if (w.lines.length + 4 <= budget) {
      w.line(2, `"${from}*" {`);
      w.line(3, redirect);
      w.line(3, 'return');
      w.line(2, '}');
    } else {
      break;
    }
  }
  w.line(2, 'default {');
  w.line(3, `pool ${rng.pick(APPS)}_pool`);
  w.line(2, '}');
  w.line(1, '}');
  while (w.lines.length < lineCount - response.lines.length - 1) {
    w.line(1, `# reserved for map entry ${w.lines.length}`);
  }
  w.line(0, '}');
  w.lines.push(...response.lines);
  if (w.lines.length !== lineCount) {
    throw new Error(`large file has ${w.lines.length} lines, expected ${lineCount}`);
  }
  return w.lines.join('\n') + '\n';
}

/** One file of a generated rule folder. */
export interface FolderFile {
  /** File name, `.irule` or `.tcl`. */
  name: string;
  text: string;
}

/** A URI switch with comments inside its pattern list (BIG-IP reads them as patterns). */
function switchListRule(rng: Rng, w: Writer): void {
  w.line(0, 'when HTTP_REQUEST {');
  w.line(1, `if { [class match [IP::client_addr] equals ${rng.pick(DATA_GROUPS)}] } {`);
  w.line(2, `log local0.${rng.pick(LEVELS)} "client [IP::client_addr] matched"`);
  w.line(1, '}');
  w.line(1, 'switch -glob -- [string tolower [HTTP::uri]] {');
  const cases = rng.int(6, 22);
  for (let i = 0; i < cases; i++) {
    if (rng.chance(0.3)) w.line(2, `# ${rng.pick(WORDS)} moved ${rng.int(2015, 2024)}`);
    const path = `/${rng.pick(WORDS)}/${rng.pick(WORDS)}*`;
    if (rng.chance(0.3)) {
      w.line(2, `"${path}" -`);
      continue;
    }
    w.line(2, `"${path}" {`);
    if (rng.chance(0.5)) w.line(3, `pool ${rng.pick(APPS)}_pool`);
    else w.line(3, `HTTP::redirect "https://${rng.pick(APPS)}.${rng.pick(DOMAINS)}[HTTP::uri]"`);
    w.line(2, '}');
  }
  w.line(2, 'default {');
  w.line(3, `set target [class lookup [HTTP::host] ${rng.pick(DATA_GROUPS)}]`);
  w.line(3, 'if { $target ne "" } { pool $target }');
  w.line(2, '}');
  w.line(1, '}');
  w.line(0, '}');
}

/** A GTM (DNS) rule with the bare GTM command names public rules use. */
function gtmRule(rng: Rng, w: Writer): void {
  w.line(0, 'when DNS_REQUEST {');
  w.line(1, `if { [IP::addr [IP::client_addr] equals 10.${rng.int(0, 255)}.0.0/16] } {`);
  w.line(2, `cname ${rng.pick(APPS)}.${rng.pick(DOMAINS)}`);
  w.line(1, `} elseif { [class match [IP::client_addr] equals ${rng.pick(DATA_GROUPS)}] } {`);
  w.line(2, `host ${privateAddress(rng)}`);
  w.line(1, '} else {');
  w.line(2, `pool ${rng.pick(APPS)}_gtm_pool`);
  w.line(1, '}');
  w.line(0, '}');
}

/** Words a public rule calls that the catalog does not know (helpers from other rules, typos). */
const UNKNOWN_WORDS = ['log_debug', 'HTTP::hedaer', 'set_pool_name', 'IP::clent_addr', 'debug_log', 'TCP::colect', 'check_auth', 'HTPP::uri'];

/**
 * A folder of rules shaped like a public collection: small files (about 2 KB on average), varied
 * fixture rules with generated procs and handlers, switch lists with comments, GTM rules, data
 * group lookups, unknown commands, and `.irule` and `.tcl` names.
 */
export function generateFolder(seed: number, templates: readonly Template[], count: number): FolderFile[] {
  const rng = new Rng(seed);
  const small = templates.filter((t) => t.text.length < 2500);
  if (small.length === 0) throw new Error('no small templates to build a folder from');
  const files: FolderFile[] = [];
  for (let serial = 0; serial < count; serial++) {
    const w = new Writer();
    w.line(0, `# ${rng.pick(APPS)} ${rng.pick(WORDS)} rule`);
    const kind = rng.next();
    if (kind < 0.5) w.lines.push(varyTemplate(rng, rng.pick(small).text, serial).trimEnd());
    else if (kind < 0.8) switchListRule(rng, w);
    else if (kind < 0.9) gtmRule(rng, w);
    else generatedWhen(rng, w, rng.pick([...HTTP_EVENTS, ...L4_EVENTS]), rng.int(3, 10));
    const free = [...HTTP_EVENTS, ...L4_EVENTS].filter((e) => !eventsOf(w.lines.join('\n')).has(e));
    if (free.length > 0 && rng.chance(0.5)) {
      w.line(0, '');
      generatedWhen(rng, w, rng.pick(free), rng.int(2, 8));
    }
    if (rng.chance(0.6)) {
      w.line(0, '');
      generatedProc(rng, w, `${rng.pick(WORDS)}_helper`);
    }
    if (rng.chance(0.3)) {
      w.line(0, '');
      w.line(0, 'when SERVER_CLOSED {');
      w.line(1, `${rng.pick(UNKNOWN_WORDS)} "${rng.pick(WORDS)}"`);
      w.line(0, '}');
    }
    const ext = rng.chance(0.3) ? 'tcl' : 'irule';
    files.push({ name: `${String(serial).padStart(4, '0')}_${rng.pick(APPS)}_${rng.pick(WORDS)}.${ext}`, text: w.lines.join('\n') + '\n' });
  }
  return files;
}
