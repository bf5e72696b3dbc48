/**
 * An open document with its analysis: the text, the settings it was analysed with, and the core's
 * result (syntax tree and findings). Features read this; none parses or lints on its own.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BigipConfig } from '../bigip/model.js';
import type { ConfProblems } from '../cli/config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SeveritySetting } from '../lint/config.js';
import { lint, type LintOptions } from '../lint/run.js';
import type { BigipVersion } from '../lint/version.js';
import type { Dialect, Script } from '../syntax/ast.js';

/** What a document is analysed with: the CLI's settings, settled for this document. */
export interface DocumentSettings {
  /** The dialect, chosen as the CLI chooses it (the configuration file's `dialect`, else `chooseDialect`). */
  dialect: Dialect;
  /** The configuration file's `dialect`, which wins over the choice by content. */
  configDialect?: Dialect;
  /** The BIG-IP version checked against. */
  version: BigipVersion;
  /** The parsed `bigip.conf`, when one is configured and readable. */
  bigip?: BigipConfig;
  /** Absolute path of that `bigip.conf`. */
  bigipConfPath?: string;
  /** Its problems that are not syntax errors (shown on the bigip.conf itself), when it was read and has some. */
  bigipConfProblems?: ConfProblems;
  /** Its syntax errors, when it was refused for them (shown on the bigip.conf itself; `bigip` is then absent). */
  bigipConfSyntaxErrors?: ConfProblems;
  /** Rule settings, in order (later layers win): client settings, then the configuration file. */
  rules: readonly (Record<string, SeveritySetting> | undefined)[];
  /** Absolute path of the `irule-lint.config.json` that applies, if any. */
  configFile?: string;
  /** Set when that file's `ignore` globs match the document: it gets no findings, as on the CLI. */
  ignored?: boolean;
  /** Problems met while settling these settings (bad config file, malformed bigip.conf...). */
  problems: readonly string[];
}

/** A document analysed at one version. */
export interface AnalyzedDocument {
  /** The document, at the version analysed. */
  doc: TextDocument;
  /** The settings used. */
  settings: DocumentSettings;
  /** The syntax tree. */
  ast: Script;
  /** Every finding, after suppressions, sorted by position. */
  diagnostics: Diagnostic[];
}

/** The core lint options for settings (shared by analysis and fix-all, so both lint alike). */
export function lintOptions(settings: DocumentSettings): LintOptions {
  const options: LintOptions = { dialect: settings.dialect, version: settings.version, rules: settings.rules };
  if (settings.bigip) options.bigip = settings.bigip;
  return options;
}

/**
 * Analyse `doc` with `settings` (pure: the core does the work). The result keeps a snapshot of
 * the document: `TextDocuments` updates its documents in place, and offsets in the result must
 * stay true to the text they were computed from.
 */
export function analyzeDocument(doc: TextDocument, settings: DocumentSettings): AnalyzedDocument {
  const text = doc.getText();
  const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, text);
  const { ast, diagnostics } = lint(text, lintOptions(settings));
  return { doc: snapshot, settings, ast, diagnostics };
}
