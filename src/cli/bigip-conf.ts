/**
 * What both CLIs refuse in a `bigip.conf` given with `--bigip-conf` (or `bigipConf`): a syntax
 * error (cross-checks against a half-read configuration would mislead), and a file with no BIG-IP
 * object at all, such as an AS3 declaration or an iRule passed by mistake (every pool would then
 * be reported as undefined).
 */
import type { BigipConfig } from '../bigip/model.js';
import type { ConfigDiagnostic } from '../bigip/diagnostic.js';

/** The usage error for a parsed `bigip.conf`, or undefined when it can be used. */
export function bigipConfProblem(config: BigipConfig, diagnostics: readonly ConfigDiagnostic[], shown: string): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error' && d.ruleId === 'config-syntax');
  if (errors.length > 0) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    return `${first.source ?? shown}:${first.line}:${first.column}: malformed bigip.conf: ${first.message}${more}`;
  }
  if (config.syntax === 'unknown') {
    return `'${shown}' holds no BIG-IP configuration object (such as ltm pool, ltm data-group, ltm virtual or net self): is it a tmsh bigip.conf?`;
  }
  return undefined;
}
