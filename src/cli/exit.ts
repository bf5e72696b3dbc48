/** Exit codes of `irule-lint`. */
export const EXIT = {
  /** No errors (warnings alone do not fail, unless there are more than `--max-warnings`). */
  ok: 0,
  /** At least one error-severity finding, or too many warnings. */
  errors: 1,
  /** Usage or input problem. */
  usage: 2,
} as const;
