// Hand-curated command facts for the catalog generator (scripts/gen-catalog.mjs): exact argument
// forms of the commands the parser, linter and simulator care most about, the Tcl 8.4 built-ins
// and their status in iRules, and per-command flags (versions, deprecation, suspension, CMP,
// responses). Everything here is our own description of facts from /work/shared/reference.

// ---------------------------------------------------------------------------------------------
// Small builders so the forms below stay readable.
// ---------------------------------------------------------------------------------------------
const p = (name, type = 'any', extra = {}) => ({ name, type, ...extra });
const opt = (name, type = 'any', extra = {}) => ({ name, type, optional: true, ...extra });
const rep = (name, type = 'any', extra = {}) => ({ name, type, repeat: true, ...extra });
const optRep = (name, type = 'any', extra = {}) => ({ name, type, optional: true, repeat: true, ...extra });
const lit = (words, extra = {}) => ({ name: words.join('|'), type: 'any', literal: words, ...extra });
const optLit = (words, extra = {}) => lit(words, { optional: true, ...extra });
const sw = (name, value) => (value ? { name, value } : { name });
const form = (positionals = [], more = {}) => ({ ...more, positionals });
const none = () => ({ positionals: [] });

/** The entries already in grammar/commands/{tcl,global}.json before the generator: kept verbatim. */
export const EXISTING = {
  tcl: [
    {
      name: 'if',
      summary: 'Evaluates a condition and runs the body of the first true branch (elseif/else).',
      synopsis: ['if expr1 ?then? body1 elseif expr2 ?then? body2 elseif ... ?else? ?bodyN?'],
      args: { handler: 'if' },
    },
    {
      name: 'switch',
      summary: 'Runs the body whose pattern matches a string (exact, glob or regexp matching).',
      synopsis: ['switch ?options? string pattern body ?pattern body ...?', 'switch ?options? string {pattern body ?pattern body ...?}'],
      args: { handler: 'switch' },
    },
    {
      name: 'while',
      summary: 'Runs a body repeatedly while an expression is true.',
      synopsis: ['while test body'],
      args: { positionals: [{ name: 'test', type: 'expr' }, { name: 'body', type: 'body' }] },
    },
    {
      name: 'for',
      summary: 'C-style loop: start script, test expression, next script, body.',
      synopsis: ['for start test next body'],
      args: {
        positionals: [
          { name: 'start', type: 'script' },
          { name: 'test', type: 'expr' },
          { name: 'next', type: 'script' },
          { name: 'body', type: 'body' },
        ],
      },
    },
    {
      name: 'foreach',
      summary: 'Runs a body once per element (or group of elements) of one or more lists.',
      synopsis: ['foreach varname list body', 'foreach varlist1 list1 ?varlist2 list2 ...? body'],
      args: { positionals: [{ name: 'varlist list', type: 'any', repeat: true }, { name: 'body', type: 'body' }] },
    },
    {
      name: 'catch',
      summary: 'Runs a script and returns its completion code instead of raising an error.',
      synopsis: ['catch script ?varName?'],
      args: { positionals: [{ name: 'script', type: 'body' }, { name: 'varName', type: 'varName', optional: true }] },
    },
    {
      name: 'proc',
      summary: 'Defines a procedure (in iRules only at the top level of a rule; invoke it with call).',
      synopsis: ['proc name args body'],
      args: {
        positionals: [
          { name: 'name', type: 'procName' },
          { name: 'args', type: 'params' },
          { name: 'body', type: 'body' },
        ],
      },
    },
    {
      name: 'expr',
      summary: 'Evaluates an expression.',
      synopsis: ['expr arg ?arg ...?'],
      args: { positionals: [{ name: 'arg', type: 'expr', repeat: true }] },
    },
    {
      name: 'eval',
      summary: 'Concatenates its arguments and evaluates the result as a script.',
      synopsis: ['eval arg ?arg ...?'],
      args: { positionals: [{ name: 'arg', type: 'script', repeat: true }] },
    },
    {
      name: 'uplevel',
      summary: 'Evaluates a script in the variable context of a calling level.',
      synopsis: ['uplevel ?level? arg ?arg ...?'],
      args: { handler: 'uplevel' },
    },
  ],
  global: [
    {
      name: 'when',
      summary: 'Declares the handler that runs when an event fires (top level of an iRule only).',
      synopsis: ['when EVENT ?priority N? ?timing on|off? body'],
      args: { handler: 'when' },
    },
    {
      name: 'after',
      summary: 'Waits, or schedules a script to run after a delay (optionally periodic); also cancels or lists scheduled scripts.',
      synopsis: ['after ms', 'after ms ?-periodic? script', 'after cancel id ?id ...?', 'after cancel -current', 'after info ?id ...?'],
      args: { handler: 'after' },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Tcl 8.4 as found in iRules (facts §2.5): present, disabled (refused at load), absent.
// ---------------------------------------------------------------------------------------------

/** Tcl commands the measured interpreter has (52; `after` and `close` are iRules' own versions). */
export const TCL_PRESENT = [
  'after', 'append', 'array', 'binary', 'break', 'case', 'catch', 'clock', 'close', 'concat', 'continue', 'encoding', 'error', 'eval',
  'expr', 'fileevent', 'for', 'foreach', 'format', 'global', 'if', 'incr', 'info', 'join', 'lappend', 'lindex', 'linsert', 'list',
  'llength', 'lrange', 'lreplace', 'lsearch', 'lset', 'lsort', 'proc', 'puts', 'read', 'regexp', 'regsub', 'return', 'scan', 'set',
  'split', 'string', 'subst', 'switch', 'trace', 'unset', 'uplevel', 'upvar', 'variable', 'while',
];
/** Refused by the rule compiler and missing from the TMM interpreter too. */
export const TCL_DISABLED_ABSENT = [
  'auto_execok', 'auto_import', 'auto_load', 'auto_qualify', 'cd', 'exec', 'exit', 'fconfigure', 'file', 'glob', 'load', 'open', 'pwd',
  'socket', 'source', 'unknown',
];
/** Refused by the rule compiler but present in the interpreter (reachable through eval at run time). */
export const TCL_DISABLED_PRESENT = ['eof', 'fblocked', 'fcopy', 'flush', 'gets', 'interp', 'namespace', 'package', 'pid', 'rename', 'seek', 'tell', 'time', 'update', 'vwait'];
/** Tcl library procedures missing in iRules (`undefined procedure`). */
export const TCL_ABSENT = ['auto_load_index', 'tclLog'];
/** Newer Tcl commands people try; none exists in the Tcl 8.4.6 of iRules. */
export const TCL_NEWER = {
  apply: '8.5', chan: '8.5', dict: '8.5', lassign: '8.5', lrepeat: '8.5', lreverse: '8.5',
  try: '8.6', throw: '8.6', lmap: '8.6', tailcall: '8.6', coroutine: '8.6', yield: '8.6', zlib: '8.6',
};
/** Tcl commands that are not in the reference list but that we add so the linter can explain them. */
export const TCL_EXTRA = ['try', 'throw', 'lmap', 'tailcall', 'coroutine', 'yield', 'zlib'];

// In the order of Tcl 8.4's lookup table, which its error messages list.
const STRING_CLASSES = [
  'alnum', 'alpha', 'ascii', 'control', 'boolean', 'digit', 'double', 'false', 'graph', 'integer', 'lower', 'print', 'punct', 'space',
  'true', 'upper', 'wordchar', 'xdigit',
];

/**
 * Tcl 8.4 argument forms (from the Tcl 8.4 manual pages, restricted to what 8.4 accepts).
 * `subcommandPrefixes` marks the built-ins whose C code looks the subcommand up with
 * Tcl_GetIndexFromObj, which takes any unique prefix (`string eq`, `clock second`, `info exist`).
 * Not `trace` (BIG-IP's is not 8.4's, see its note) nor `history` (a Tcl procedure in 8.4).
 */
export const TCL_FORMS = {
  set: { synopsis: ['set varName ?newValue?'], args: form([p('varName', 'varName'), opt('newValue')]) },
  unset: { synopsis: ['unset ?-nocomplain? ?--? ?name name ...?'], args: form([optRep('name', 'varName')], { switches: [sw('-nocomplain')], endOfOptions: true }) },
  incr: { synopsis: ['incr varName ?increment?'], args: form([p('varName', 'varName'), opt('increment', 'integer')]) },
  append: { synopsis: ['append varName ?value value ...?'], args: form([p('varName', 'varName'), optRep('value')]) },
  lappend: { synopsis: ['lappend varName ?value value ...?'], args: form([p('varName', 'varName'), optRep('value')]) },
  lindex: { synopsis: ['lindex list ?index ...?'], args: form([p('list', 'list'), optRep('index')]) },
  llength: { synopsis: ['llength list'], args: form([p('list', 'list')]) },
  lrange: { synopsis: ['lrange list first last'], args: form([p('list', 'list'), p('first'), p('last')]) },
  lsearch: {
    synopsis: ['lsearch ?options? list pattern'],
    args: form([p('list', 'list'), p('pattern', 'pattern')], {
      switches: ['-all', '-ascii', '-decreasing', '-dictionary', '-exact', '-glob', '-increasing', '-inline', '-integer', '-not', '-real', '-regexp', '-sorted'].map((s) => sw(s)).concat([sw('-start', 'any')]),
    }),
    notes: ['Tcl 8.4 has no -index, -nocase or -subindices (Tcl 8.5)'],
  },
  lsort: {
    synopsis: ['lsort ?options? list'],
    args: form([p('list', 'list')], {
      switches: ['-ascii', '-dictionary', '-integer', '-real', '-increasing', '-decreasing', '-unique'].map((s) => sw(s)).concat([sw('-command', 'any'), sw('-index', 'any')]),
    }),
    notes: ['Tcl 8.4 has no -nocase (Tcl 8.5)'],
  },
  lreplace: { synopsis: ['lreplace list first last ?element element ...?'], args: form([p('list', 'list'), p('first'), p('last'), optRep('element')]) },
  linsert: { synopsis: ['linsert list index element ?element element ...?'], args: form([p('list', 'list'), p('index'), rep('element')]) },
  list: { synopsis: ['list ?arg arg ...?'], args: form([optRep('arg')]) },
  concat: { synopsis: ['concat ?arg arg ...?'], args: form([optRep('arg')]) },
  join: { synopsis: ['join list ?joinString?'], args: form([p('list', 'list'), opt('joinString')]) },
  split: { synopsis: ['split string ?splitChars?'], args: form([p('string'), opt('splitChars')]) },
  lset: { synopsis: ['lset varName ?index ...? newValue'], args: form([p('varName', 'varName'), optRep('index'), p('newValue')]) },
  string: {
    synopsis: [
      'string bytelength string',
      'string compare ?-nocase? ?-length int? string1 string2',
      'string equal ?-nocase? ?-length int? string1 string2',
      'string first needleString haystackString ?startIndex?',
      'string index string charIndex',
      'string is class ?-strict? ?-failindex varname? string',
      'string last needleString haystackString ?lastIndex?',
      'string length string',
      'string map ?-nocase? mapping string',
      'string match ?-nocase? pattern string',
      'string range string first last',
      'string repeat string count',
      'string replace string first last ?newstring?',
      'string tolower string ?first? ?last?',
      'string toupper string ?first? ?last?',
      'string totitle string ?first? ?last?',
      'string trim string ?chars?',
      'string trimleft string ?chars?',
      'string trimright string ?chars?',
      'string wordend string charIndex',
      'string wordstart string charIndex',
    ],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        bytelength: form([p('string')]),
        compare: form([p('string1'), p('string2')], { switches: [sw('-nocase'), sw('-length', 'integer')] }),
        equal: form([p('string1'), p('string2')], { switches: [sw('-nocase'), sw('-length', 'integer')] }),
        first: form([p('needleString'), p('haystackString'), opt('startIndex')]),
        index: form([p('string'), p('charIndex')]),
        is: {
          subcommandPrefixes: true,
          subcommands: Object.fromEntries(STRING_CLASSES.map((c) => [c, form([p('string')], { switches: [sw('-strict'), sw('-failindex', 'varName')] })])),
        },
        last: form([p('needleString'), p('haystackString'), opt('lastIndex')]),
        length: form([p('string')]),
        map: form([p('mapping', 'list'), p('string')], { switches: [sw('-nocase')] }),
        match: form([p('pattern', 'pattern'), p('string')], { switches: [sw('-nocase')] }),
        range: form([p('string'), p('first'), p('last')]),
        repeat: form([p('string'), p('count', 'integer')]),
        replace: form([p('string'), p('first'), p('last'), opt('newstring')]),
        tolower: form([p('string'), opt('first'), opt('last')]),
        toupper: form([p('string'), opt('first'), opt('last')]),
        totitle: form([p('string'), opt('first'), opt('last')]),
        trim: form([p('string'), opt('chars')]),
        trimleft: form([p('string'), opt('chars')]),
        trimright: form([p('string'), opt('chars')]),
        wordend: form([p('string'), p('charIndex')]),
        wordstart: form([p('string'), p('charIndex')]),
      },
    },
    notes: ['Tcl 8.4: no string reverse, no string is list/wideinteger/entier (Tcl 8.5)', 'string map tries its keys in list order at each position and never rescans replaced text'],
  },
  regexp: {
    synopsis: ['regexp ?switches? exp string ?matchVar? ?subMatchVar subMatchVar ...?'],
    args: form([p('exp', 'pattern'), p('string'), opt('matchVar', 'varName'), optRep('subMatchVar', 'varName')], {
      switches: ['-about', '-expanded', '-indices', '-line', '-linestop', '-lineanchor', '-nocase', '-all', '-inline'].map((s) => sw(s)).concat([sw('-start', 'integer')]),
      endOfOptions: true,
    }),
  },
  regsub: {
    synopsis: ['regsub ?switches? exp string subSpec ?varName?'],
    args: form([p('exp', 'pattern'), p('string'), p('subSpec'), opt('varName', 'varName')], {
      switches: ['-all', '-expanded', '-line', '-linestop', '-lineanchor', '-nocase'].map((s) => sw(s)).concat([sw('-start', 'integer')]),
      endOfOptions: true,
    }),
  },
  scan: { synopsis: ['scan string format ?varName varName ...?'], args: form([p('string'), p('format'), optRep('varName', 'varName')]) },
  format: { synopsis: ['format formatString ?arg arg ...?'], args: form([p('formatString'), optRep('arg')]) },
  break: { synopsis: ['break'], args: none() },
  continue: { synopsis: ['continue'], args: none() },
  return: {
    synopsis: ['return ?-code code? ?-errorinfo info? ?-errorcode code? ?string?'],
    args: form([opt('string')], { switches: [sw('-code', 'any'), sw('-errorinfo', 'any'), sw('-errorcode', 'any')] }),
  },
  error: { synopsis: ['error message ?info? ?code?'], args: form([p('message'), opt('info'), opt('code')]) },
  info: {
    synopsis: [
      'info args procname', 'info body procname', 'info cmdcount', 'info commands ?pattern?', 'info complete command',
      'info default procname arg varname', 'info exists varName', 'info functions ?pattern?', 'info globals ?pattern?', 'info hostname',
      'info level ?number?', 'info library', 'info loaded ?interp?', 'info locals ?pattern?', 'info nameofexecutable', 'info patchlevel',
      'info procs ?pattern?', 'info script ?filename?', 'info sharedlibextension', 'info tclversion', 'info vars ?pattern?',
    ],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        args: form([p('procname', 'procName')]),
        body: form([p('procname', 'procName')]),
        cmdcount: none(),
        commands: form([opt('pattern', 'pattern')]),
        complete: form([p('command')]),
        default: form([p('procname', 'procName'), p('arg'), p('varname', 'varName')]),
        exists: form([p('varName', 'varName')]),
        functions: form([opt('pattern', 'pattern')]),
        globals: form([opt('pattern', 'pattern')]),
        hostname: none(),
        level: form([opt('number', 'integer')]),
        library: none(),
        loaded: form([opt('interp')]),
        locals: form([opt('pattern', 'pattern')]),
        nameofexecutable: none(),
        patchlevel: none(),
        procs: form([opt('pattern', 'pattern')]),
        script: form([opt('filename')]),
        sharedlibextension: none(),
        tclversion: none(),
        vars: form([opt('pattern', 'pattern')]),
      },
    },
    notes: ['no info frame (Tcl 8.5); info patchlevel reports 8.4.6 in TMM'],
  },
  array: {
    synopsis: [
      'array anymore arrayName searchId', 'array donesearch arrayName searchId', 'array exists arrayName', 'array get arrayName ?pattern?',
      'array names arrayName ?mode? ?pattern?', 'array nextelement arrayName searchId', 'array set arrayName list', 'array size arrayName',
      'array startsearch arrayName', 'array statistics arrayName', 'array unset arrayName ?pattern?',
    ],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        anymore: form([p('arrayName', 'varName'), p('searchId')]),
        donesearch: form([p('arrayName', 'varName'), p('searchId')]),
        exists: form([p('arrayName', 'varName')]),
        get: form([p('arrayName', 'varName'), opt('pattern', 'pattern')]),
        names: form([p('arrayName', 'varName'), opt('mode', 'any', { literal: ['-exact', '-glob', '-regexp'] }), opt('pattern', 'pattern')]),
        nextelement: form([p('arrayName', 'varName'), p('searchId')]),
        set: form([p('arrayName', 'varName'), p('list', 'list')]),
        size: form([p('arrayName', 'varName')]),
        startsearch: form([p('arrayName', 'varName')]),
        statistics: form([p('arrayName', 'varName')]),
        unset: form([p('arrayName', 'varName'), opt('pattern', 'pattern')]),
      },
    },
  },
  binary: {
    synopsis: ['binary format formatString ?arg arg ...?', 'binary scan string formatString ?varName varName ...?'],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        format: form([p('formatString'), optRep('arg')]),
        scan: form([p('string'), p('formatString'), optRep('varName', 'varName')]),
      },
    },
    notes: ['binary encode/decode are Tcl 8.6'],
  },
  clock: {
    synopsis: ['clock clicks ?-milliseconds?', 'clock format clockValue ?-format string? ?-gmt boolean?', 'clock scan dateString ?-base clockVal? ?-gmt boolean?', 'clock seconds'],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        clicks: form([], { switches: [sw('-milliseconds')] }),
        format: form([p('clockValue', 'integer'), optRep('option value')]),
        scan: form([p('dateString'), optRep('option value')]),
        seconds: none(),
      },
    },
    notes: ['clock add, clock milliseconds and clock microseconds are Tcl 8.5'],
  },
  upvar: { synopsis: ['upvar ?level? otherVar myVar ?otherVar myVar ...?'], args: form([opt('level', 'level'), p('otherVar'), p('myVar'), optRep('otherVar myVar')]) },
  global: { synopsis: ['global varname ?varname ...?'], args: form([rep('varname', 'varName')]) },
  variable: { synopsis: ['variable ?name value ...? name ?value?'], args: form([p('name', 'varName'), opt('value'), optRep('name value')]) },
  subst: { synopsis: ['subst ?-nobackslashes? ?-nocommands? ?-novariables? string'], args: form([p('string')], { switches: [sw('-nobackslashes'), sw('-nocommands'), sw('-novariables')] }) },
  trace: {
    synopsis: ['trace variable name ops command', 'trace vdelete name ops command', 'trace vinfo name'],
    args: {
      subcommands: {
        variable: form([p('name', 'varName'), p('ops'), p('command')]),
        vdelete: form([p('name', 'varName'), p('ops'), p('command')]),
        vinfo: form([p('name', 'varName')]),
      },
    },
    notes: ['only the Tcl 8.3 subcommands work: trace add ... is refused with wrong # args'],
  },
  history: {
    synopsis: ['history', 'history add command ?exec?', 'history change newValue ?event?', 'history clear', 'history event ?event?', 'history info ?count?', 'history keep ?count?', 'history nextid', 'history redo ?event?'],
    args: {
      subcommands: {
        add: form([p('command'), optLit(['exec'])]),
        change: form([p('newValue'), opt('event')]),
        clear: none(),
        event: form([opt('event')]),
        info: form([opt('count', 'integer')]),
        keep: form([opt('count', 'integer')]),
        nextid: none(),
        redo: form([opt('event')]),
      },
      positionals: [],
    },
  },
  puts: { synopsis: ['puts ?-nonewline? ?channelId? string'], args: form([opt('channelId'), p('string')], { switches: [sw('-nonewline')] }) },
  read: { synopsis: ['read ?-nonewline? channelId', 'read channelId numChars'], args: form([p('channelId'), opt('numChars', 'integer')], { switches: [sw('-nonewline')] }) },
  encoding: {
    synopsis: ['encoding convertfrom ?encoding? data', 'encoding convertto ?encoding? data', 'encoding names', 'encoding system ?encoding?'],
    args: {
      subcommandPrefixes: true,
      subcommands: {
        convertfrom: form([opt('encoding'), p('data')]),
        convertto: form([opt('encoding'), p('data')]),
        names: none(),
        system: form([opt('encoding')]),
      },
    },
  },
  fileevent: { synopsis: ['fileevent channelId readable|writable ?script?'], args: form([p('channelId'), lit(['readable', 'writable']), opt('script', 'script')]) },
  case: { synopsis: ['case string ?in? patList body ?patList body ...?', 'case string ?in? {patList body ?patList body ...?}'] },
};

// ---------------------------------------------------------------------------------------------
// iRules commands with exact forms (facts §2.3, §3).
// ---------------------------------------------------------------------------------------------

// `-all` came with BIG-IP 11.0 (facts P37, F5's class page); the other options with `class` itself.
const CLASS_MATCH_SWITCHES = [sw('-index'), sw('-name'), sw('-value'), sw('-element'), { ...sw('-all'), since: '11.0.0' }, sw('-list')];
const CLASS_OPERATORS = ['equals', 'starts_with', 'ends_with', 'contains'];
// `eq` for `equals` in class match/search: not on F5's class page, but generated by F5's own
// Container Ingress Services controller and used in F5 lab guides (grammar/facts.md, F1).
const CLASS_OPERATOR = lit(CLASS_OPERATORS, { aliases: { eq: 'equals' } });
const TABLE_KEY_OPTIONS = [sw('-notouch'), sw('-subtable', 'any'), sw('-georedundancy')];
const PERSIST_MODES = ['source_addr', 'dest_addr', 'sticky', 'simple', 'ssl', 'uie', 'hash', 'carp', 'msrdp', 'sip', 'cookie', 'universal'];

/**
 * GTM (BIG-IP DNS) wide-IP rule commands. F5 names their reference pages `GTM::cname` ..., but the
 * rules call them without a namespace (`cname <name>`, `host <addr>`, `[whoami]`; grammar/facts.md
 * F4): the generator emits each as a global command too, valid in the `gtm` event set. Names LTM
 * has as well (persist, discard, drop, reject, pool, forward, members, active_members, whereis)
 * keep their LTM entry, which takes the GTM forms. Not `path`: no source shows how rules call it.
 */
export const GTM_BARE = ['cname', 'host', 'matchregion', 'nodes_up', 'noerror', 'pools', 'qos_score', 'qos_weight', 'rcode', 'ttl', 'uptime', 'whereami', 'whoami', 'wideip'];

export const IRULE_FORMS = {
  // GTM commands whose usage F5's pages and articles show (the others have no arity check).
  cname: { synopsis: ['cname <name>'] },
  host: { synopsis: ['host <addr>'] },
  whoami: { synopsis: ['whoami'], args: none() },
  whereami: { synopsis: ['whereami'], args: none() },
  uptime: { synopsis: ['uptime'], args: none() },
  wideip: { synopsis: ['wideip'], args: none() },
  priority: { synopsis: ['priority <0-1000>'], args: form([p('priority', 'integer')]) },
  timing: { synopsis: ['timing on|off'], args: form([lit(['on', 'off', 'enable', 'disable'])]) },
  snat: {
    synopsis: ['snat <addr> [<port>]', 'snat automap', 'snat none'],
    args: { subcommands: { automap: none(), none: none() }, positionals: [p('addr', 'ipAddress'), opt('port', 'port')] },
    notes: ['lasts for the client connection or until snat none; overrides the SNAT setting of the virtual server but not a pool with SNAT disallowed', 'route-domain (%rd) and IPv6 forms are plausible but not verified'],
  },
  snatpool: {
    synopsis: ['snatpool <snatpool_name>', 'snatpool <snatpool_name> member <addr>'],
    args: form([p('snatpool', 'snatPool'), optLit(['member']), opt('addr', 'ipAddress')]),
  },
  pool: {
    synopsis: ['pool <pool_name>', 'pool <pool_name> member <addr> [<port>]', 'pool <pool_name> member <addr>:<port>'],
    args: form([p('pool', 'pool'), optLit(['member']), opt('addr', 'endpoint'), opt('port', 'port')]),
    notes: [
      'a literal pool name is checked when the rule is saved; a name in a variable only at run time (wrap in catch)',
      'the last pool selection in an event wins; member selection ignores monitor state',
    ],
  },
  node: {
    synopsis: ['node <addr> [<port>]', 'node <addr>:<port>'],
    args: form([p('addr', 'endpoint'), opt('port', 'port')]),
    notes: ['bypasses load balancing; without a port the client destination port is used; LB::server then returns an empty string'],
  },
  class: {
    synopsis: [
      'class match [<options>] [--] <item> <operator> <class>',
      'class search [<options>] [--] <class> <operator> <item>',
      'class lookup <item> <class>',
      'class element [-name|-value] <index> <class>',
      'class type <class>',
      'class exists <class>',
      'class size <class>',
      'class names [-nocase] <class> [<pattern>]',
      'class get [-nocase] <class> [<pattern>]',
      'class startsearch <class>',
      'class nextelement [-index|-name|-value] [--] <class> <search_id>',
      'class anymore <class> <search_id>',
      'class donesearch <class> <search_id>',
    ],
    args: {
      subcommands: {
        match: form([p('item'), CLASS_OPERATOR, p('class', 'dataGroup')], { switches: CLASS_MATCH_SWITCHES, endOfOptions: true }),
        search: form([p('class', 'dataGroup'), CLASS_OPERATOR, p('item')], { switches: CLASS_MATCH_SWITCHES, endOfOptions: true }),
        lookup: form([p('item'), p('class', 'dataGroup')]),
        element: form([p('index', 'integer'), p('class', 'dataGroup')], { switches: [sw('-name'), sw('-value')], endOfOptions: true }),
        type: form([p('class', 'dataGroup')]),
        exists: form([p('class', 'dataGroup')]),
        size: form([p('class', 'dataGroup')]),
        names: form([p('class', 'dataGroup'), opt('pattern', 'pattern')], { switches: [sw('-nocase')] }),
        get: form([p('class', 'dataGroup'), opt('pattern', 'pattern')], { switches: [sw('-nocase')] }),
        startsearch: form([p('class', 'dataGroup')]),
        nextelement: form([p('class', 'dataGroup'), p('search_id')], { switches: [sw('-index'), sw('-name'), sw('-value')], endOfOptions: true }),
        anymore: form([p('class', 'dataGroup'), p('search_id')]),
        donesearch: form([p('class', 'dataGroup'), p('search_id')]),
      },
    },
    notes: [
      'never reference a data group as $::name or ::name: 9.4.4-10.x demotes the virtual server from CMP, v11+ fails at run time and resets the client',
      'a data group outside /Common must be named /Partition/Name',
      'end the options with -- when the item comes from the network, or a leading - is taken as an option',
      'element indexes follow hash order and may change after an edit or across a suspension',
    ],
  },
  matchclass: {
    synopsis: ['matchclass <data-group> <operator> <value>', 'matchclass <value> <operator> <data-group>'],
    args: form([p('data-group or value'), lit(CLASS_OPERATORS), p('value or data-group')]),
  },
  findclass: { synopsis: ['findclass <string> <data-group> [<separator>]'], args: form([p('string'), p('data-group', 'dataGroup'), opt('separator')]) },
  table: {
    synopsis: [
      'table set [-notouch] [-subtable <name>|-georedundancy] [-mustexist|-excl] [--] <key> <value> [<timeout>|indef [<lifetime>|indef]]',
      'table add [-notouch] [-subtable <name>|-georedundancy] [--] <key> <value> [<timeout>|indef [<lifetime>|indef]]',
      'table replace [-notouch] [-subtable <name>|-georedundancy] [--] <key> <value> [<timeout>|indef [<lifetime>|indef]]',
      'table lookup [-notouch] [-subtable <name>|-georedundancy] [--] <key>',
      'table incr [-notouch] [-subtable <name>|-georedundancy] [-mustexist] [--] <key> [<delta>]',
      'table append [-notouch] [-subtable <name>|-georedundancy] [-mustexist] [--] <key> <string>',
      'table delete [-subtable <name>|-georedundancy] [--] <key>|-all',
      'table timeout [-subtable <name>|-georedundancy] [-remaining] [--] <key> [<value>]',
      'table lifetime [-subtable <name>|-georedundancy] [-remaining] [--] <key> [<value>]',
      'table keys -subtable <name> [-count|-notouch]',
    ],
    args: {
      subcommands: {
        set: form([p('key'), p('value'), opt('timeout'), opt('lifetime')], { switches: [...TABLE_KEY_OPTIONS, sw('-mustexist'), sw('-excl')], endOfOptions: true }),
        add: form([p('key'), p('value'), opt('timeout'), opt('lifetime')], { switches: TABLE_KEY_OPTIONS, endOfOptions: true }),
        replace: form([p('key'), p('value'), opt('timeout'), opt('lifetime')], { switches: TABLE_KEY_OPTIONS, endOfOptions: true }),
        lookup: form([p('key')], { switches: TABLE_KEY_OPTIONS, endOfOptions: true }),
        incr: form([p('key'), opt('delta', 'integer')], { switches: [...TABLE_KEY_OPTIONS, sw('-mustexist')], endOfOptions: true }),
        append: form([p('key'), p('string')], { switches: [...TABLE_KEY_OPTIONS, sw('-mustexist')], endOfOptions: true }),
        delete: form([opt('key')], { switches: [sw('-subtable', 'any'), sw('-georedundancy'), sw('-all')], endOfOptions: true }),
        timeout: form([p('key'), opt('value')], { switches: [sw('-subtable', 'any'), sw('-georedundancy'), sw('-remaining')], endOfOptions: true }),
        lifetime: form([p('key'), opt('value')], { switches: [sw('-subtable', 'any'), sw('-georedundancy'), sw('-remaining')], endOfOptions: true }),
        keys: form([], { switches: [sw('-subtable', 'any'), sw('-count'), sw('-notouch'), sw('-georedundancy')] }),
      },
    },
    notes: [
      'timeout defaults to 180 s; indef or indefinite keeps an entry for ever; lifetime defaults to indefinite',
      'all keys of one subtable live on one TMM; on a standby unit table does nothing',
      'end the options with -- when the key comes from the network',
    ],
  },
  persist: {
    synopsis: [
      'persist none',
      'persist source_addr|dest_addr|simple|sticky [<mask>] [<timeout>]',
      'persist ssl [<timeout>]',
      'persist msrdp [<timeout>]',
      'persist cookie [insert [<name>] [<expiration>] | rewrite [<name>] [<expiration>] | passive [<name>] | hash <name> [<offset> <length>] [<timeout>]]',
      'persist uie|hash|carp|universal <key> [<timeout>]',
      'persist add <mode> <key> [<timeout>]',
      'persist lookup <mode> <key> [all|node|port|pool]',
      'persist delete <mode> <key>',
      'persist [enable|disable]',
    ],
    args: {
      // The GTM (wide-IP rule) forms: `persist` returns the persistence state, enable/disable set it (grammar/facts.md F4).
      positionals: [],
      subcommands: {
        enable: none(),
        disable: none(),
        none: none(),
        source_addr: form([opt('mask'), opt('timeout')]),
        dest_addr: form([opt('mask'), opt('timeout')]),
        simple: form([opt('mask'), opt('timeout')]),
        sticky: form([opt('mask'), opt('timeout')]),
        ssl: form([opt('timeout')]),
        msrdp: form([opt('timeout')]),
        cookie: {
          subcommands: {
            insert: form([opt('name'), opt('expiration')]),
            rewrite: form([opt('name'), opt('expiration')]),
            passive: form([opt('name')]),
            hash: form([p('name'), opt('offset'), opt('length'), opt('timeout')]),
          },
          positionals: [],
        },
        uie: form([p('key'), opt('timeout')]),
        hash: form([p('key'), opt('timeout')]),
        carp: form([p('key'), opt('timeout')]),
        universal: form([p('key'), opt('timeout')]),
        add: form([lit(PERSIST_MODES), p('key'), opt('timeout')]),
        lookup: form([lit(PERSIST_MODES), p('key'), optRep('field', 'any', { literal: ['all', 'node', 'port', 'pool'] })]),
        delete: form([lit(PERSIST_MODES), p('key')]),
      },
    },
  },
  log: {
    synopsis: ['log <message>', 'log [-noname] <facility>.[<level>] <message>', 'log [-noname] <remote_ip>[:<port>] <facility>.[<level>] <message>'],
    args: form([opt('destination or facility.level'), opt('facility.level'), p('message')], { switches: [sw('-noname')] }),
    notes: [
      'without facility.level messages are rate-limited as a class; with one they are not',
      'a message is cut at 1,024 bytes; local0 goes to /var/log/ltm',
      'levels: emerg, alert, crit, error/err, warn, notice, info, debug',
    ],
  },
  event: {
    synopsis: ['event [<name>] enable|disable', 'event enable all|disable all', 'event info'],
    args: {
      subcommands: {
        enable: form([optLit(['all'])]),
        disable: form([optLit(['all'])]),
        info: { ...none(), since: '11.0.0' },
      },
      positionals: [p('event', 'event'), lit(['enable', 'disable'])],
    },
    notes: ['disabling an event does not stop the running script: add return to leave the handler'],
  },
  call: {
    synopsis: ['call [<rule_name>::]<proc_name> [<arg> ...]'],
    args: form([p('proc', 'procName'), optRep('arg')]),
    notes: ['procs of a rule are reachable only through call; invoking one directly fails at load with undefined procedure'],
  },
  virtual: {
    synopsis: ['virtual', 'virtual name', 'virtual <virtual_server_name> [<addr> [<port>]]'],
    args: { subcommands: { name: none() }, positionals: [opt('virtual'), opt('addr', 'endpoint'), opt('port', 'port')] },
  },
  drop: { synopsis: ['drop'], args: none() },
  reject: { synopsis: ['reject'], args: none() },
  discard: { synopsis: ['discard'], args: none() },
  clientside: { synopsis: ['clientside [<script>]'], args: form([opt('script', 'script')]) },
  serverside: { synopsis: ['serverside [<script>]'], args: form([opt('script', 'script')]) },
  active_members: { synopsis: ['active_members [-list] <pool_name>'], args: form([p('pool', 'pool')], { switches: [sw('-list')] }) },
  members: { synopsis: ['members [-list] <pool_name>'], args: form([p('pool', 'pool')], { switches: [sw('-list')] }) },
  'HTTP::header': {
    synopsis: [
      'HTTP::header [value] <name>', 'HTTP::header values <name>', 'HTTP::header names', 'HTTP::header count [<name>]', 'HTTP::header at <index>',
      'HTTP::header exists <name>', 'HTTP::header insert [lws] <name> <value> [<name> <value> ...]', 'HTTP::header lws', 'HTTP::header is_keepalive',
      'HTTP::header is_redirect', 'HTTP::header replace <name> [<value>]', 'HTTP::header remove <name>',
      'HTTP::header insert_modssl_fields addr port | addr addr addr | port port port', 'HTTP::header sanitize [<name> ...]',
    ],
    args: {
      subcommands: {
        value: form([p('name'), opt('value')]),
        values: { ...form([p('name')]), since: '9.4.0' },
        names: none(),
        count: form([opt('name')]),
        at: form([p('index', 'integer')]),
        exists: form([p('name')]),
        insert: form([optLit(['lws']), rep('name value')]),
        lws: none(),
        is_keepalive: none(),
        is_redirect: none(),
        replace: form([p('name'), opt('value')]),
        remove: form([p('name')]),
        insert_modssl_fields: form([lit(['addr', 'port']), lit(['addr', 'port']), optLit(['addr', 'port'])]),
        sanitize: form([optRep('name')]),
      },
      positionals: [p('name'), opt('value')],
    },
    notes: ['header names are case-insensitive; with several headers of one name, value works on the last'],
  },
  'HTTP::respond': {
    synopsis: ['HTTP::respond [-reset] <status> [-version 1.0|1.1|auto] [content <body>] [noserver] [<header> <value> ...]'],
    args: form([p('status', 'integer'), optRep('option')], { switches: [{ name: '-reset', since: '11.5.0' }] }),
    notes: [
      'the response goes out when the event finishes; HTTP_RESPONSE does not fire for it',
      'only one response per request: a second HTTP::respond or HTTP::redirect fails at run time',
      'noserver since 9.4.2, -version since 11.2.0 (auto since 11.4.0), -reset since 11.5.0',
    ],
  },
  'HTTP::redirect': { synopsis: ['HTTP::redirect <url>'], args: form([p('url')]), notes: ['always a 302; only one response per request'] },
  'HTTP::uri': { synopsis: ['HTTP::uri [-normalized]', 'HTTP::uri <uri>'], args: form([opt('uri')], { switches: [sw('-normalized')] }) },
  'HTTP::path': { synopsis: ['HTTP::path [-normalized]', 'HTTP::path <path>'], args: form([opt('path')], { switches: [sw('-normalized')] }) },
  'HTTP::query': { synopsis: ['HTTP::query [-normalized]', 'HTTP::query <query>'], args: form([opt('query')], { switches: [sw('-normalized')] }) },
  'HTTP::host': { synopsis: ['HTTP::host'], args: form([opt('host')]) },
  'HTTP::method': { synopsis: ['HTTP::method'], args: none() },
  'HTTP::status': { synopsis: ['HTTP::status'], args: none() },
  'HTTP::collect': { synopsis: ['HTTP::collect [<length>]'], args: form([opt('length', 'integer')]) },
  'HTTP::release': { synopsis: ['HTTP::release'], args: none() },
  'HTTP::cookie': {
    synopsis: [
      'HTTP::cookie [value] <name> [<value>]', 'HTTP::cookie names', 'HTTP::cookie count', 'HTTP::cookie exists <name>', 'HTTP::cookie remove <name>',
      'HTTP::cookie insert name <name> value <value> [path <path>] [domain <domain>] [version <version>]',
      'HTTP::cookie version|path|domain|ports|expires|maxage|comment|commenturl|secure|httponly <name> [<value> ...]',
      'HTTP::cookie attribute <name> ...', 'HTTP::cookie sanitize ...', 'HTTP::cookie encrypt|decrypt <name> <passphrase> [<key_length>]',
    ],
    args: {
      subcommands: {
        value: form([p('name'), opt('value')]),
        names: none(),
        count: none(),
        exists: form([p('name')]),
        remove: form([p('name')]),
        insert: form([rep('option value')]),
        version: form([p('name'), opt('version')]),
        path: form([p('name'), opt('path')]),
        domain: form([p('name'), opt('domain')]),
        ports: form([p('name'), opt('ports')]),
        expires: form([p('name'), opt('seconds', 'integer'), optLit(['absolute', 'relative'])]),
        maxage: form([p('name'), opt('seconds', 'integer')]),
        comment: form([p('name'), opt('comment')]),
        commenturl: form([p('name'), opt('url')]),
        secure: form([p('name'), optLit(['enable', 'disable'])]),
        httponly: form([p('name'), optLit(['enable', 'disable'])]),
        attribute: form([p('name'), optRep('arg')]),
        sanitize: form([optRep('arg')]),
        encrypt: form([p('name'), p('passphrase'), opt('key_length', 'integer')]),
        decrypt: form([p('name'), p('passphrase'), opt('key_length', 'integer')]),
      },
      positionals: [p('name')],
    },
  },
  'HTTP::payload': {
    synopsis: ['HTTP::payload [<size>]', 'HTTP::payload <offset> <size>', 'HTTP::payload length', 'HTTP::payload replace <offset> <length> <string>', 'HTTP::payload rechunk'],
    args: {
      subcommands: { length: none(), replace: form([p('offset', 'integer'), p('length', 'integer'), p('string')]), rechunk: none() },
      positionals: [opt('offset or size', 'integer'), opt('size', 'integer')],
    },
  },
  'HTTP::disable': { synopsis: ['HTTP::disable [discard]'], args: form([optLit(['discard'])]) },
  'IP::addr': {
    synopsis: [
      'IP::addr <addr1>[/<mask>] equals <addr2>[/<mask>]', 'IP::addr "<addr> mask <netmask>" equals <addr2>', 'IP::addr <addr> mask <netmask>',
      'IP::addr parse [-ipv4|-ipv6] [-swap] <binary_field> [<offset>]',
    ],
    args: {
      // -ipv4/-ipv6 came with 11.0 (F5's IP::addr page, "v11 Additions"; grammar/facts.md F3).
      subcommands: {
        parse: {
          ...form([p('binary_field'), opt('offset', 'integer')], { switches: [{ ...sw('-ipv4'), since: '11.0.0' }, { ...sw('-ipv6'), since: '11.0.0' }, sw('-swap')] }),
          since: '10.2.0',
        },
      },
      positionals: [p('addr1'), lit(['equals', 'mask']), p('addr2')],
    },
    notes: ['compares addresses, not strings; an unparsable address raises an error (catch {IP::addr $x mask 255.255.255.255} validates one)', 'on 10.0-10.2.1 use /prefix, not a dotted mask'],
  },
  'IP::client_addr': { synopsis: ['IP::client_addr'], args: none() },
  'IP::server_addr': { synopsis: ['IP::server_addr'], args: none() },
  'IP::remote_addr': { synopsis: ['IP::remote_addr [clientside|serverside]'], args: form([optLit(['clientside', 'serverside'])]) },
  'IP::local_addr': { synopsis: ['IP::local_addr [clientside|serverside]'], args: form([optLit(['clientside', 'serverside'])]) },
  'TCP::collect': {
    synopsis: ['TCP::collect [<collect_bytes> [<skip_bytes>]]'],
    args: form([opt('collect_bytes', 'integer'), opt('skip_bytes', 'integer')]),
    notes: ['without a length CLIENT_DATA/SERVER_DATA fire per packet; data is held until TCP::release', 'the arguments must be integers since 12.0.0'],
  },
  'TCP::release': { synopsis: ['TCP::release [<length>]'], args: form([opt('length', 'integer')]) },
  'TCP::payload': {
    synopsis: ['TCP::payload [<size>]', 'TCP::payload <offset> <size>', 'TCP::payload length', 'TCP::payload replace <offset> <length> <data>'],
    args: {
      subcommands: { length: none(), replace: form([p('offset', 'integer'), p('length', 'integer'), p('data')]) },
      positionals: [opt('offset or size', 'integer'), opt('size', 'integer')],
    },
  },
  'TCP::respond': { synopsis: ['TCP::respond <data>'], args: form([p('data')]) },
  'TCP::client_port': { synopsis: ['TCP::client_port'], args: none() },
  'TCP::server_port': { synopsis: ['TCP::server_port'], args: none() },
  'LB::reselect': {
    synopsis: [
      'LB::reselect', 'LB::reselect pool <pool> [member <addr> [<port>]]', 'LB::reselect node <addr> [<port>]', 'LB::reselect snat automap|none|<addr>',
      'LB::reselect snatpool <snatpool> [member <addr>]', 'LB::reselect nexthop [<vlan>] <addr>', 'LB::reselect clone pool <pool> [member <addr>]',
      'LB::reselect virtual <virtual>', 'LB::reselect vlan <vlan>', 'LB::reselect rateclass <rateclass>',
    ],
    args: {
      subcommands: {
        pool: form([p('pool', 'pool'), optLit(['member']), opt('addr', 'endpoint'), opt('port', 'port')]),
        node: form([p('addr', 'endpoint'), opt('port', 'port')]),
        snat: form([p('automap|none|addr')]),
        snatpool: form([p('snatpool', 'snatPool'), optLit(['member']), opt('addr', 'ipAddress')]),
        nexthop: form([p('vlan or addr'), opt('addr')]),
        clone: {
          subcommands: {
            pool: form([p('pool', 'pool'), optLit(['member']), opt('addr', 'endpoint'), opt('port', 'port')]),
            nexthop: form([p('vlan or addr'), opt('addr')]),
          },
        },
        virtual: form([p('virtual')]),
        vlan: form([p('vlan')]),
        rateclass: form([p('rateclass')]),
      },
      positionals: [],
    },
  },
  'LB::server': {
    synopsis: ['LB::server [name|pool|route_domain|addr|port|priority|ratio|weight|ripeness]'],
    args: form([optLit(['name', 'pool', 'route_domain', 'addr', 'port', 'priority', 'ratio', 'weight', 'ripeness'])]),
    notes: ['before a server is picked it returns only the default pool name; after node it returns an empty string'],
  },
  findstr: { synopsis: ['findstr <string> <search_string> [<skip_count> [<terminator>]]'], args: form([p('string'), p('search_string'), opt('skip_count'), opt('terminator')]) },
  cpu: {
    synopsis: ['cpu usage [1sec|5secs|15secs|1min|5mins|15mins|all_seconds|all_minutes]'],
    args: { subcommands: { usage: form([optLit(['1sec', '5secs', '15secs', '1min', '5mins', '15mins', 'all_seconds', 'all_minutes'])]) } },
  },
  // The resolver is a virtual server or address after '@'; the record type defaults to A (PTR for an address).
  'RESOLV::lookup': {
    synopsis: ['RESOLV::lookup [@<ip>|@<virtual>] [inet|inet6] [-a|-aaaa|-txt|-mx|-ptr] <name or ip>'],
    args: form([opt('server'), optLit(['inet', 'inet6']), optLit(['-a', '-aaaa', '-txt', '-mx', '-ptr']), p('name or address')]),
  },
  // A method name and its arguments follow the handle (an optional -timeout <ms> comes first on newer versions).
  'ILX::call': { synopsis: ['ILX::call <handle> [-timeout <ms>] <method> [<arg> ...]'], args: form([p('handle'), p('method'), optRep('arg')]) },
  md4: { synopsis: ['md4 <string>'], args: form([p('string')]) },
  whereis: { synopsis: ['whereis <ip>|ldns [<field> ...]'], args: form([p('ip or ldns'), optRep('field')]), loose: true },
  translate: { synopsis: ['translate address|port|service [enable|disable]'], args: form([lit(['address', 'port', 'service']), optLit(['enable', 'disable'])]) },
  ifile: { synopsis: ['ifile get <name>', 'ifile listall', 'ifile attributes|revision|checksum|size <name>'], args: form([p('subcommand'), optRep('arg')]), loose: true },
  connect: {
    synopsis: ['connect [-protocol TCP|UDP] [-myaddr <addr>] [-myport <port>] [-tls <profile>] [-timeout <ms>] [-idle <s>] [-status <varname>] <destination>', 'connect info ...'],
    args: form([optRep('option'), p('destination')]),
    loose: true,
  },
  send: { synopsis: ['send [-timeout <ms>] [-status <varname>] <connection> <data>'], args: form([optRep('option'), p('connection'), p('data')]), loose: true },
  recv: { synopsis: ['recv [-peek] [-eol] [-timeout <ms>] [-status <varname>] <count> <connection> [<varname>]'], args: form([optRep('option'), p('connection')]), loose: true },
  'SSL::cipher': { synopsis: ['SSL::cipher name|bits|version|...'], args: form([p('field')]), loose: true },
  'SSL::cert': { synopsis: ['SSL::cert <index>', 'SSL::cert count', 'SSL::cert issuer <index>', 'SSL::cert ...'], args: form([p('index or subcommand'), optRep('arg')]), loose: true },
  'SSL::payload': {
    synopsis: ['SSL::payload [<offset> <length>]', 'SSL::payload length', 'SSL::payload replace <offset> <length> <data>'],
    args: form([optRep('arg')]),
    loose: true,
  },
  'TCP::option': {
    synopsis: ['TCP::option get <option>', 'TCP::option set <option> <value> next|all', 'TCP::option noset <option>'],
    args: { subcommands: { get: form([p('option', 'integer')]), set: form([p('option', 'integer'), p('value'), lit(['next', 'all'])]), noset: form([p('option', 'integer')]) } },
  },
  'TCP::congestion': { synopsis: ['TCP::congestion [<algorithm>]'], args: form([opt('algorithm')]), loose: true },
  'LB::mode': { synopsis: ['LB::mode [<method>]'], args: form([opt('method')]), loose: true },
  'LB::up': {
    synopsis: ['LB::up', 'LB::up node <addr>', 'LB::up pool <pool> member <addr> [<port>]'],
    args: { subcommands: { node: form([p('addr', 'endpoint')]), pool: form([p('pool', 'pool'), optLit(['member']), opt('addr', 'endpoint'), opt('port', 'port')]) }, positionals: [] },
  },
  'LB::down': {
    synopsis: ['LB::down', 'LB::down node <addr>', 'LB::down pool <pool> member <addr> [<port>]'],
    args: { subcommands: { node: form([p('addr', 'endpoint')]), pool: form([p('pool', 'pool'), optLit(['member']), opt('addr', 'endpoint'), opt('port', 'port')]) }, positionals: [] },
  },
  'DNS::header': { synopsis: ['DNS::header <field> [<value>]'], args: form([p('field'), opt('value')]), loose: true },
  'X509::cert_fields': { synopsis: ['X509::cert_fields <certificate> <verify_error_code> [<field> ...]'], args: form([p('certificate'), p('error_code'), optRep('field')]), loose: true },
  'LB::snat': { synopsis: ['LB::snat'], args: none(), notes: ['returns none, automap, snatpool <name> or snat <addr>'] },
  'LB::select': { synopsis: ['LB::select'], args: none() },
  'LB::detach': { synopsis: ['LB::detach [disable]'], args: form([optLit(['disable'])]) },
};

// ---------------------------------------------------------------------------------------------
// Flags per command (facts §2.3, §2.6, §4).
// ---------------------------------------------------------------------------------------------

/** BIG-IP versions that introduced a command, where a source says so. */
export const SINCE = {
  when: '9.0.0',
  'TCP::release': '9.0.0',
  class: '10.0.0',
  'static::': '10.0.0',
  table: '10.1.0',
  'TCP::option': '10.2.0',
  'UDP::hold': '14.1.0',
  'SCTP::collect': '9.4.2',
  'RTSP::respond': '9.4.3',
};

/** Deprecated commands with their replacement where one is clear. */
export const DEPRECATED = {
  matchclass: { since: '10.0.0', replacement: 'class match' },
  findclass: { since: '10.0.0', replacement: 'class search' },
  accumulate: { replacement: 'TCP::collect', note: 'BIG-IP 4.x' },
  active_nodes: { replacement: 'active_members' },
  client_addr: { replacement: 'IP::client_addr', note: 'BIG-IP 4.x variable' },
  client_port: { replacement: 'TCP::client_port', note: 'BIG-IP 4.x variable' },
  decode_uri: { replacement: 'URI::decode', note: 'BIG-IP 4.x' },
  http_cookie: { replacement: 'HTTP::cookie', note: 'BIG-IP 4.x variable' },
  http_header: { replacement: 'HTTP::header', note: 'BIG-IP 4.x variable' },
  http_host: { replacement: 'HTTP::host', note: 'BIG-IP 4.x variable' },
  http_method: { replacement: 'HTTP::method', note: 'BIG-IP 4.x variable' },
  http_uri: { replacement: 'HTTP::uri', note: 'BIG-IP 4.x variable' },
  http_version: { replacement: 'HTTP::version', note: 'BIG-IP 4.x variable' },
  imid: { note: 'BIG-IP 4.x variable' },
  ip_addr: { replacement: 'IP::addr', note: 'BIG-IP 4.x' },
  ip_protocol: { replacement: 'IP::protocol', note: 'BIG-IP 4.x variable' },
  ip_tos: { replacement: 'IP::tos', note: 'BIG-IP 4.x variable' },
  ip_ttl: { replacement: 'IP::ttl', note: 'BIG-IP 4.x variable' },
  link_qos: { replacement: 'LINK::qos', note: 'BIG-IP 4.x variable' },
  local_addr: { replacement: 'IP::local_addr', note: 'BIG-IP 4.x variable' },
  local_port: { replacement: 'TCP::local_port', note: 'BIG-IP 4.x variable' },
  redirect: { replacement: 'HTTP::redirect', note: 'BIG-IP 4.x' },
  remote_addr: { replacement: 'IP::remote_addr', note: 'BIG-IP 4.x variable' },
  remote_port: { replacement: 'TCP::remote_port', note: 'BIG-IP 4.x variable' },
  server_addr: { replacement: 'IP::server_addr', note: 'BIG-IP 4.x variable' },
  server_port: { replacement: 'TCP::server_port', note: 'BIG-IP 4.x variable' },
  urlcatblindquery: { replacement: 'CATEGORY::lookup' },
  urlcatquery: { replacement: 'CATEGORY::lookup' },
  use: { replacement: 'pool', note: 'BIG-IP 4.x' },
  vlan_id: { replacement: 'LINK::vlan_id', note: 'BIG-IP 4.x variable' },
  'HTTP::class': { note: 'HTTP class profiles were replaced by local traffic policies' },
  'NAME::lookup': { replacement: 'RESOLV::lookup' },
  'NAME::response': { replacement: 'RESOLV::lookup' },
  'PROFILE::httpclass': { note: 'HTTP class profiles were replaced by local traffic policies' },
  'SSL::nextproto': { replacement: 'SSL::alpn', note: 'NPN gave way to ALPN' },
  'WAM::disable': { note: 'Web Accelerator module' },
  'WAM::enable': { note: 'Web Accelerator module' },
};

/** Commands that may park (suspend) the rule; `conditional` when only some forms do. */
export const SUSPENDS = {
  after: ['conditional', 'after <ms> suspends the rule; after <ms> <script> only schedules and continues'],
  table: ['conditional', 'may suspend when the entry lives on another TMM'],
  session: ['conditional', 'may suspend when the entry lives on another TMM'],
  'RESOLV::lookup': ['always', 'waits for the resolver (commonly cited; not verified on a device)'],
  'RESOLVER::name_lookup': ['always', 'waits for the resolver (commonly cited; not verified on a device)'],
  connect: ['always', 'waits for the sideband connection (commonly cited)'],
  recv: ['always', 'waits for sideband data (commonly cited; not verified on a device)'],
  send: ['conditional', 'may wait while sending on a sideband connection (commonly cited; not verified on a device)'],
  'ILX::call': ['always', 'waits for the Node.js extension to answer (commonly cited; not verified on a device)'],
};

/** CMP demotion facts. */
export const CMP = {
  class: ['conditional', 'only when the data group is referenced as $::name (9.4.4-10.x); v11+ that is a run-time error'],
  matchclass: ['conditional', 'only when the data group is referenced as $::name (9.4.4-10.x); v11+ that is a run-time error'],
  findclass: ['conditional', 'only when the data group is referenced as $::name (9.4.4-10.x); v11+ that is a run-time error'],
  persist: ['conditional', 'up to 9.4.2 every persistence mode; 9.4.3 allows cookie and hash; 9.6.1+ all are CMP-compatible'],
  session: ['conditional', 'in 9.4.x only'],
  global: ['always', 'global variables are not CMP-compatible from v10: the virtual server runs on one TMM'],
  'static::': ['never', 'the CMP-safe alternative to global variables: each TMM has its own copy'],
};

/** Commands whose effect is an HTTP response made by BIG-IP. */
export const SENDS_RESPONSE = ['HTTP::respond', 'HTTP::redirect', 'ACCESS::respond'];
/**
 * Collect commands whose data BIG-IP releases by itself at the end of these events unless the
 * event collected again: F5's HTTP::release page (no HTTP::release needed in HTTP_REQUEST_DATA /
 * HTTP_RESPONSE_DATA); HTTP::collect without a length never fires them (HTTP::collect page), so
 * only calls with a length count (grammar/facts.md F5).
 */
export const IMPLICIT_RELEASE = { 'HTTP::collect': { events: ['HTTP_REQUEST_DATA', 'HTTP_RESPONSE_DATA'], withArguments: true } };
/** Commands that end the connection (the rest of the script still runs). */
export const TERMINATES_FLOW = ['drop', 'reject', 'discard'];
/** Where a command may appear at the top level of a rule. */
export const TOP_LEVEL = { when: 'only', proc: 'only', priority: 'allowed', timing: 'allowed' };
/** Event sets of commands without a namespace (the rest use `flow`). */
export const GLOBAL_EVENT_SETS = {
  any: [
    'b64decode', 'b64encode', 'call', 'class', 'cpu', 'crc32', 'decode_uri', 'domain', 'event', 'fasthash', 'findclass', 'findstr', 'getfield',
    'htonl', 'htons', 'ifile', 'llookup', 'log', 'matchclass', 'md4', 'md5', 'ntohl', 'ntohs', 'rmd160', 'sha1', 'sha256', 'sha384', 'sha512',
    'substr', 'static::', 'after', 'whereis', 'uniq_ordered_ip_list', 'uniq_sorted_ip_list',
  ],
  http: ['http_client_ip', 'http_content_len_max', 'http_cookie', 'http_header', 'http_host', 'http_method', 'http_uri', 'http_version', 'redirect', 'xff_list', 'xff_uniq_ordered_ip_list', 'xff_uniq_sorted_ip_list'],
  none: ['when', 'priority', 'timing', 'proc'],
  gtm: GTM_BARE,
};

/** Extra notes per command (our words). */
export const NOTES = {
  drop: ['same as discard; no implied return: the rest of the event and other rules still run'],
  discard: ['same as drop; no implied return: the rest of the event and other rules still run'],
  reject: ['no implied return; in HTTP_RESPONSE without HTTP::collect the server headers go out before the reset', 'reported not to work with FastHTTP (11.3.0)'],
  'IP::client_addr': ['equals clientside {IP::remote_addr}: valid in server-side events too', 'in a non-default route domain it returns a.b.c.d%rd'],
  'IP::remote_addr': ['in a non-default route domain it returns a.b.c.d%rd'],
  'IP::local_addr': ['in a non-default route domain it returns a.b.c.d%rd'],
  'IP::server_addr': ['returns 0 before a server-side connection exists'],
  session: ['session table rewritten in v10; table (10.1) is the general-purpose interface'],
  eval: ['evaluating network data is code injection; a script in a variable escapes the compiler checks'],
  subst: ['substituting network data is code injection'],
  uplevel: ['flagged unsafe by irulescan (dynamic code)'],
  history: ['flagged unsafe by irulescan (dynamic code)'],
  'static::': ['write only in RULE_INIT: changes elsewhere stay on one TMM', 'names are shared by every iRule on the box: make them unique'],
  proc: ['only at the top level of a rule; invoke with call'],
  close: ['closes a sideband connection (iRules meaning, not a file channel)'],
  'HTTP::uri': ['rejected in HTTP_RESPONSE at load; accepted in LB_SELECTED and SERVER_CONNECTED', 'absolute URI in HTTP_PROXY_REQUEST'],
  'HTTP::status': ['rejected in HTTP_REQUEST at load'],
  'HTTP::collect': ['cannot follow HTTP::redirect or HTTP::respond; without a length you must release from another event or the connection stalls'],
  'SSL::cipher': ['needs a completed handshake: refused at load in CLIENT_ACCEPTED, CLIENT_DATA, SERVER_CONNECTED, CLIENT_CLOSED'],
};
