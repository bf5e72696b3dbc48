/**
 * Which `.tcl` documents the extension treats as iRules. The answer comes from the core's
 * `chooseDialect` (the function the CLI and the language server use), so the editor, the CLI and
 * the server always agree on what a file is. No `vscode` import: tested in process.
 */
import { chooseDialect } from '../../src/syntax/dialect.js';

/** The language id the extension contributes. */
export const IRULE_LANGUAGE = 'irule';

/** Language ids a `.tcl` file may have before the extension looks at it (plain text without a Tcl extension). */
const TCL_LANGUAGES: ReadonlySet<string> = new Set(['tcl', 'plaintext']);

/**
 * The language a document should switch to: `irule` for a `.tcl` file (open as Tcl or plain text)
 * whose content is an iRule; `undefined` to leave it as it is.
 */
export function languageToSwitchTo(fileName: string, languageId: string, text: string): string | undefined {
  if (!fileName.toLowerCase().endsWith('.tcl') || !TCL_LANGUAGES.has(languageId)) return undefined;
  return chooseDialect(fileName, text) === 'irule' ? IRULE_LANGUAGE : undefined;
}
