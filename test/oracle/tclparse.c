/*
 * tclparse: a tiny Tcl extension that exposes Tcl's own parser (Tcl_ParseCommand) to the
 * irule-lint test suite, which uses it as an oracle for our TypeScript parser.
 *
 *   package require tclparse   (or: load build/libtclparse.so Tclparse)
 *   tclparse::commands script  -> JSON text (ASCII only; non-ASCII escaped as \uXXXX)
 *
 * The JSON describes every command Tcl_ParseCommand finds when it walks the whole script the
 * way Tcl_EvalEx does (nested = 0). All offsets are UTF-16 code-unit offsets into the script,
 * converted here from Tcl's byte offsets, so they compare directly with JavaScript strings.
 *
 * Result shape (see test/oracle/types.ts for the TypeScript mirror):
 *   { "commands": [Command...], "error": null | Error,
 *     "incomplete": bool }   parsePtr->incomplete of the last successful Tcl_ParseCommand: true
 *                            when the text ends in a backslash-newline (a continued line),
 *                            which makes `info complete` false without any parse error
 *   Command = { "comments": [[start,end]...],   one per `#` comment before the command,
 *                                              end excludes the newline that ends it
 *               "start", "end",                commandStart .. commandStart+commandSize
 *                                              (Tcl includes the terminating ; or newline)
 *               "words": [Word...] }
 *   Word    = { "start", "end",                the whole word (for {*}x: from the `{`)
 *               "kind": "simple"|"word"|"expand",   TCL_TOKEN_SIMPLE_WORD / WORD / EXPAND_WORD
 *               "delim": "brace"|"quote"|"none",    first character (after {*})
 *               "literal": "..."?,             present when the word has only text and
 *                                              backslash tokens: its value after substitution
 *               "parts": [Part...] }           top-level component tokens
 *   Part    = { "type": "text"|"bs"|"var"|"cmd", "start", "end",
 *               "value": "..."?                         (bs: what the sequence stands for)
 *               "name": [start,end]?, "index": [Part...]?   (var; index only for $a(...))
 *               "commands": [Command...]? }             (cmd: the bracket content parsed
 *                                                        as a nested script)
 *   Error   = { "message", "type" (TCL_PARSE_* suffix), "term" (offset where Tcl stopped),
 *               "incomplete": bool }
 * Commands with zero words (blank lines, lone `;`, trailing comments) are kept, so their
 * comments are reported; consumers skip them when counting commands.
 */
#include <string.h>
#include <tcl.h>

typedef struct {
    const char *base;   /* start of the whole script (Tcl internal UTF-8) */
    int *u16;           /* u16[i] = UTF-16 offset of byte offset i; length bytes+1 */
    Tcl_DString *out;   /* JSON being built */
} Ctx;

static void Put(Ctx *c, const char *s) { Tcl_DStringAppend(c->out, s, -1); }

static void PutInt(Ctx *c, int v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%d", v);
    Put(c, buf);
}

static int Off(Ctx *c, const char *p) { return c->u16[p - c->base]; }

static void PutU16(Ctx *c, unsigned v) {
    char buf[8];
    snprintf(buf, sizeof buf, "\\u%04x", v & 0xffff);
    Put(c, buf);
}

/* Appends bytes (Tcl internal UTF-8, possibly with C0 80 for NUL and CESU surrogates) as a
 * JSON string whose only characters are ASCII. */
static void PutJsonString(Ctx *c, const char *s, int n) {
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    Put(c, "\"");
    while (p < e) {
        unsigned b = *p, cp;
        int len;
        if (b < 0x80) { cp = b; len = 1; }
        else if (b >= 0xC0 && b < 0xE0 && p + 1 < e) { cp = ((b & 0x1F) << 6) | (p[1] & 0x3F); len = 2; }
        else if (b >= 0xE0 && b < 0xF0 && p + 2 < e) {
            cp = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); len = 3;
        } else if (b >= 0xF0 && p + 3 < e) {
            cp = ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            len = 4;
        } else { cp = 0xFFFD; len = 1; }
        p += len;
        if (cp == '"') Put(c, "\\\"");
        else if (cp == '\\') Put(c, "\\\\");
        else if (cp >= 0x20 && cp < 0x7F) { char ch[2] = {(char)cp, 0}; Put(c, ch); }
        else if (cp >= 0x10000) {
            cp -= 0x10000;
            PutU16(c, 0xD800 + (cp >> 10));
            PutU16(c, 0xDC00 + (cp & 0x3FF));
        } else PutU16(c, cp);
    }
    Put(c, "\"");
}

static void PutRange(Ctx *c, const char *s, const char *e) {
    Put(c, "[");
    PutInt(c, Off(c, s));
    Put(c, ",");
    PutInt(c, Off(c, e));
    Put(c, "]");
}

static int IsSpace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f' || ch == '\r';
}

/* Splits the comment block Tcl reports before a command into single comments, following
 * the scanning loop in Tcl_ParseCommand (tclParse.c): whitespace, newlines and
 * backslash-newlines separate comments; inside a comment a backslash escapes the next
 * character, so backslash-newline continues it; an unescaped newline ends it. */
static void PutComments(Ctx *c, const char *s, int size) {
    const char *p = s, *e = s + size;
    int first = 1;
    Put(c, "[");
    while (p < e) {
        const char *start;
        if (IsSpace(*p) || *p == '\n') { p++; continue; }
        if (*p == '\\' && p + 1 < e && p[1] == '\n') { p += 2; continue; }
        start = p;
        while (p < e) {
            if (*p == '\\') { p += (p + 1 < e) ? 2 : 1; continue; }
            if (*p == '\n') break;
            p++;
        }
        if (!first) Put(c, ",");
        first = 0;
        PutRange(c, start, p);
    }
    Put(c, "]");
}

static int PutScript(Ctx *c, Tcl_Interp *interp, const char *script, int numBytes, int nested);

/* Emits the top-level component tokens of a word, tokens[0..n). Returns TCL_OK. */
static int PutParts(Ctx *c, Tcl_Interp *interp, Tcl_Token *tok, int n) {
    int i = 0, first = 1;
    Put(c, "[");
    while (i < n) {
        Tcl_Token *t = &tok[i];
        if (!first) Put(c, ",");
        first = 0;
        Put(c, "{\"type\":");
        switch (t->type) {
        case TCL_TOKEN_TEXT: Put(c, "\"text\""); break;
        case TCL_TOKEN_BS: Put(c, "\"bs\""); break;
        case TCL_TOKEN_VARIABLE: Put(c, "\"var\""); break;
        case TCL_TOKEN_COMMAND: Put(c, "\"cmd\""); break;
        default: Put(c, "\"other\""); break;
        }
        Put(c, ",\"start\":");
        PutInt(c, Off(c, t->start));
        Put(c, ",\"end\":");
        PutInt(c, Off(c, t->start + t->size));
        if (t->type == TCL_TOKEN_BS) {
            char buf[TCL_UTF_MAX + 4];
            int len = Tcl_UtfBackslash(t->start, NULL, buf);
            Put(c, ",\"value\":");
            PutJsonString(c, buf, len);
        } else if (t->type == TCL_TOKEN_VARIABLE) {
            Tcl_Token *name = &tok[i + 1];
            Put(c, ",\"name\":");
            PutRange(c, name->start, name->start + name->size);
            if (t->numComponents > 1) {
                Put(c, ",\"index\":");
                if (PutParts(c, interp, &tok[i + 2], t->numComponents - 1) != TCL_OK) return TCL_ERROR;
            }
        } else if (t->type == TCL_TOKEN_COMMAND) {
            Put(c, ",\"commands\":");
            if (PutScript(c, interp, t->start + 1, t->size - 2, 1) != TCL_OK) return TCL_ERROR;
        }
        Put(c, "}");
        i += 1 + t->numComponents;
    }
    Put(c, "]");
    return TCL_OK;
}

/* Emits the literal value of a word made only of text and backslash tokens, else nothing. */
static void PutLiteral(Ctx *c, Tcl_Token *tok, int n) {
    Tcl_DString lit;
    int i;
    for (i = 0; i < n; i++) {
        if (tok[i].type != TCL_TOKEN_TEXT && tok[i].type != TCL_TOKEN_BS) return;
    }
    Tcl_DStringInit(&lit);
    for (i = 0; i < n; i++) {
        if (tok[i].type == TCL_TOKEN_TEXT) {
            Tcl_DStringAppend(&lit, tok[i].start, tok[i].size);
        } else {
            char buf[TCL_UTF_MAX + 4];
            int len = Tcl_UtfBackslash(tok[i].start, NULL, buf);
            Tcl_DStringAppend(&lit, buf, len);
        }
    }
    Put(c, ",\"literal\":");
    PutJsonString(c, Tcl_DStringValue(&lit), Tcl_DStringLength(&lit));
    Tcl_DStringFree(&lit);
}

static void PutError(Ctx *c, Tcl_Interp *interp, Tcl_Parse *parse) {
    static const char *types[] = {"SUCCESS", "QUOTE_EXTRA", "BRACE_EXTRA", "MISSING_BRACE",
        "MISSING_BRACKET", "MISSING_PAREN", "MISSING_QUOTE", "MISSING_VAR_BRACE", "SYNTAX",
        "BAD_NUMBER"};
    int len;
    const char *msg = Tcl_GetStringFromObj(Tcl_GetObjResult(interp), &len);
    Put(c, "{\"message\":");
    PutJsonString(c, msg, len);
    Put(c, ",\"type\":\"");
    Put(c, (parse->errorType >= 0 && parse->errorType <= 9) ? types[parse->errorType] : "?");
    Put(c, "\",\"term\":");
    PutInt(c, parse->term ? Off(c, parse->term) : -1);
    Put(c, parse->incomplete ? ",\"incomplete\":true}" : ",\"incomplete\":false}");
}

/* Walks script[0..numBytes) command by command, like Tcl_EvalEx, emitting a JSON array of
 * commands. At top level (nested == 0) it emits {"commands":[...],"error":...}; nested scripts
 * (bracket contents) parsed successfully before, so they cannot fail. */
static int PutScript(Ctx *c, Tcl_Interp *interp, const char *script, int numBytes, int nested) {
    const char *p = script;
    int left = numBytes, first = 1, code = TCL_OK, incomplete = 0;
    Tcl_Parse *parse = (Tcl_Parse *)ckalloc(sizeof(Tcl_Parse));

    if (!nested) Put(c, "{\"commands\":");
    Put(c, "[");
    while (left > 0) {
        const char *next;
        int w, ti, empty;
        if (Tcl_ParseCommand(interp, p, left, nested, parse) != TCL_OK) {
            code = TCL_ERROR;
            break;
        }
        incomplete = parse->incomplete;
        if (!first) Put(c, ",");
        first = 0;
        Put(c, "{\"comments\":");
        if (parse->commentSize > 0) PutComments(c, parse->commentStart, parse->commentSize);
        else Put(c, "[]");
        Put(c, ",\"start\":");
        PutInt(c, Off(c, parse->commandStart));
        Put(c, ",\"end\":");
        PutInt(c, Off(c, parse->commandStart + parse->commandSize));
        Put(c, ",\"words\":[");
        for (w = 0, ti = 0; w < parse->numWords; w++) {
            Tcl_Token *t = &parse->tokenPtr[ti];
            const char *inner = t->start;
            if (w) Put(c, ",");
            Put(c, "{\"start\":");
            PutInt(c, Off(c, t->start));
            Put(c, ",\"end\":");
            PutInt(c, Off(c, t->start + t->size));
            Put(c, ",\"kind\":");
            Put(c, t->type == TCL_TOKEN_SIMPLE_WORD ? "\"simple\""
                   : t->type == TCL_TOKEN_EXPAND_WORD ? "\"expand\"" : "\"word\"");
            if (t->type == TCL_TOKEN_EXPAND_WORD) inner += 3;
            Put(c, ",\"delim\":");
            Put(c, *inner == '{' ? "\"brace\"" : *inner == '"' ? "\"quote\"" : "\"none\"");
            PutLiteral(c, t + 1, t->numComponents);
            Put(c, ",\"parts\":");
            if (PutParts(c, interp, t + 1, t->numComponents) != TCL_OK) {
                code = TCL_ERROR;
                break;
            }
            Put(c, "}");
            ti += 1 + t->numComponents;
        }
        Put(c, "]}");
        next = parse->commandStart + parse->commandSize;
        empty = parse->numWords == 0 && parse->commentSize == 0;
        Tcl_FreeParse(parse);
        if (code != TCL_OK) break;
        if (next <= p && empty) break;
        left -= (int)(next - p);
        p = next;
    }
    Put(c, "]");
    if (!nested) {
        Put(c, ",\"error\":");
        if (code != TCL_OK) PutError(c, interp, parse);
        else Put(c, "null");
        Put(c, incomplete ? ",\"incomplete\":true}" : ",\"incomplete\":false}");
    }
    ckfree((char *)parse);
    return nested ? code : TCL_OK;
}

static int CommandsCmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]) {
    int numBytes, i, u = 0;
    const char *script;
    Tcl_DString out;
    Ctx c;
    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "script");
        return TCL_ERROR;
    }
    script = Tcl_GetStringFromObj(objv[1], &numBytes);
    c.base = script;
    c.u16 = (int *)ckalloc(sizeof(int) * (numBytes + 1));
    for (i = 0; i < numBytes; i++) {
        unsigned char b = (unsigned char)script[i];
        c.u16[i] = u;
        if ((b & 0xC0) != 0x80) u += (b >= 0xF0) ? 2 : 1;
    }
    c.u16[numBytes] = u;
    Tcl_DStringInit(&out);
    c.out = &out;
    PutScript(&c, interp, script, numBytes, 0);
    ckfree((char *)c.u16);
    Tcl_DStringResult(interp, &out);
    return TCL_OK;
}

DLLEXPORT int Tclparse_Init(Tcl_Interp *interp) {
    if (Tcl_InitStubs(interp, "8.6", 0) == NULL) return TCL_ERROR;
    Tcl_CreateObjCommand(interp, "tclparse::commands", CommandsCmd, NULL, NULL);
    return Tcl_PkgProvide(interp, "tclparse", "1.0");
}
