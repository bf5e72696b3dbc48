/**
 * The rule registry: every rule, in alphabetical order of id. Adding a rule means one import and
 * one entry here (`npm run new-rule <id>` does both). Preview rules carry `meta.preview` and are
 * off unless configured.
 */
import type { AnyRule } from '../rule.js';
import cmpGlobalVariable from './cmp-global-variable.js';
import datagroupGlobalReference from './datagroup-global-reference.js';
import duplicateEvent from './duplicate-event.js';
import invalidSuppression from './invalid-suppression.js';
import nonAscii from './non-ascii.js';
import ruleStructure from './rule-structure.js';
import snatArgument from './snat-argument.js';
import syntaxError from './syntax-error.js';
import unbracedExpression from './unbraced-expression.js';
import undefinedVariable from './undefined-variable.js';
import unusedSuppression from './unused-suppression.js';

/** All rules, sorted by id. */
export const allRules: readonly AnyRule[] = [
  cmpGlobalVariable,
  datagroupGlobalReference,
  duplicateEvent,
  invalidSuppression,
  nonAscii,
  ruleStructure,
  snatArgument,
  syntaxError,
  unbracedExpression,
  undefinedVariable,
  unusedSuppression,
];

/** Rules by id. */
export const rulesById: ReadonlyMap<string, AnyRule> = new Map(allRules.map((r) => [r.id, r]));
