/**
 * SARIF 2.1.0 output (the format GitHub code scanning uploads): one run whose driver lists every
 * rule with its description, default level and help link, and one result per finding. Paths
 * relative to the working directory are given against `%SRCROOT%`, so code scanning maps them to
 * the repository; others become `file:` URIs. Pure: no I/O.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../diagnostics.js';
import type { FileReport } from './messages.js';

/** What SARIF says about a rule. */
export interface SarifRuleInfo {
  /** Rule id. */
  id: string;
  /** One-line description. */
  description: string;
  /** Documentation URL. */
  helpUri: string;
  /** Default severity. */
  defaultSeverity: Severity;
  /** Category, given as a tag. */
  category?: string;
}

/** Options of {@link formatSarif}. */
export interface SarifOptions {
  /** Every rule that may appear (usually the whole registry). */
  rules: readonly SarifRuleInfo[];
  /** The tool version. */
  version: string;
  /** Absolute path of the working directory, for `%SRCROOT%`. */
  cwd: string;
  /** Where the tool is documented. */
  informationUri?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A path as a URI reference: each segment percent-encoded, `/`-separated. */
function pathToUri(p: string): string {
  return p
    .split(/[\\/]/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** `file:` URI of an absolute path (a folder gets a trailing slash). */
function fileUri(abs: string, folder = false): string {
  const posix = abs.split('\\').join('/');
  const uri = `file://${posix.startsWith('/') ? '' : '/'}${pathToUri(posix)}`;
  return folder && !uri.endsWith('/') ? `${uri}/` : uri;
}

/** Whether a path is absolute (POSIX or Windows). */
function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/** The SARIF log object. */
export function toSarif(reports: readonly FileReport[], options: SarifOptions): Log {
  const ruleIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = options.rules.map((r, i) => {
    ruleIndex.set(r.id, i);
    const d: ReportingDescriptor = {
      id: r.id,
      shortDescription: { text: r.description },
      helpUri: r.helpUri,
      help: { text: `${r.description}. See ${r.helpUri}`, markdown: `${r.description}. [Documentation](${r.helpUri})` },
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    };
    if (r.category) d.properties = { tags: [r.category] };
    return d;
  });
  const results: Result[] = [];
  for (const report of reports) {
    const relative = !isAbsolute(report.displayPath) && !report.displayPath.startsWith('<');
    const artifactLocation = relative
      ? { uri: pathToUri(report.displayPath), uriBaseId: '%SRCROOT%' }
      : { uri: isAbsolute(report.displayPath) ? fileUri(report.displayPath) : pathToUri(report.displayPath) };
    for (const m of report.messages) {
      const result: Result = {
        ruleId: m.ruleId,
        level: LEVEL[m.severity],
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
            },
          },
        ],
      };
      const index = ruleIndex.get(m.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      results.push(result);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'irule-lint',
            version: options.version,
            semanticVersion: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(options.cwd, true) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** Render reports as pretty-printed SARIF JSON. */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(reports, options), null, 2)}\n`;
}
