/**
 * The load check (src/load/check.ts) as an analysis of the rules' walk: the rules that report
 * what BIG-IP refuses at load (unknown-command, disabled-command, command-event-context,
 * unknown-event, duplicate-event, rule-structure) each report their share of its findings, so the
 * linter and the simulator judge loading in one place.
 */
import { createLoadCheck, type LoadIssue, type LoadRuleId } from '../../load/check.js';
import type { Analysis, RuleContext } from '../rule.js';

/** The load problems of a file, by the rule that reports them (complete after the walk). */
export interface LoadFindings {
  of(ruleId: LoadRuleId): readonly LoadIssue[];
}

/** The load check, run once per file for all the rules that ask. */
export const loadAnalysis: Analysis<LoadFindings> = {
  key: 'load',
  create(ctx) {
    const check = createLoadCheck(ctx.version.text, ctx, (offset) => ctx.lines.position(offset).line + 1);
    let byRule: Map<string, LoadIssue[]> | undefined;
    const group = (): Map<string, LoadIssue[]> => {
      const out = new Map<string, LoadIssue[]>();
      for (const i of check.issues()) {
        const list = out.get(i.ruleId);
        if (list) list.push(i);
        else out.set(i.ruleId, [i]);
      }
      return out;
    };
    return {
      visitors: check.visitors,
      result: { of: (ruleId) => (byRule ??= group()).get(ruleId) ?? [] },
    };
  },
};

/**
 * Visitors for a rule whose findings are its share of the load check: reported after the walk,
 * each through `report` (which may add to the message, as unknown-command's "did you mean").
 */
export function reportLoadIssues<M extends string>(
  ctx: RuleContext<M>,
  ruleId: LoadRuleId,
  report: (issue: LoadIssue) => void = (i) => ctx.report({ range: i.range, messageId: i.messageId as M, data: i.data }),
): { end(): void } {
  const load = ctx.analysis(loadAnalysis);
  return {
    end() {
      const issues = load.of(ruleId);
      for (let i = 0; i < issues.length; i++) report(issues[i]);
    },
  };
}
