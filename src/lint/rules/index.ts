/**
 * The rule registry: every rule, in alphabetical order of id. Adding a rule means one import and
 * one entry here (`npm run new-rule <id>` does both). Preview rules carry `meta.preview` and are
 * off unless configured.
 */
import type { AnyRule } from '../rule.js';
import addressStringCompare from './address-string-compare.js';
import cmpGlobalVariable from './cmp-global-variable.js';
import collectWithoutRelease from './collect-without-release.js';
import commandEventContext from './command-event-context.js';
import datagroupGlobalReference from './datagroup-global-reference.js';
import deprecatedCommand from './deprecated-command.js';
import deprecatedEvent from './deprecated-event.js';
import disabledCommand from './disabled-command.js';
import dropWithoutReturn from './drop-without-return.js';
import duplicateEvent from './duplicate-event.js';
import invalidSuppression from './invalid-suppression.js';
import missingOptionTerminator from './missing-option-terminator.js';
import multipleResponse from './multiple-response.js';
import nonAscii from './non-ascii.js';
import regexpSimplePattern from './regexp-simple-pattern.js';
import ruleStructure from './rule-structure.js';
import snatArgument from './snat-argument.js';
import staticWriteOutsideRuleInit from './static-write-outside-rule-init.js';
import suppressionReason from './suppression-reason.js';
import switchListComment from './switch-list-comment.js';
import syntaxError from './syntax-error.js';
import unbracedExpression from './unbraced-expression.js';
import undefinedDatagroup from './undefined-datagroup.js';
import undefinedPool from './undefined-pool.js';
import undefinedSnatpool from './undefined-snatpool.js';
import undefinedVariable from './undefined-variable.js';
import unknownCommand from './unknown-command.js';
import unknownEvent from './unknown-event.js';
import unusedSuppression from './unused-suppression.js';
import wrongArguments from './wrong-arguments.js';

/** All rules, sorted by id. */
export const allRules: readonly AnyRule[] = [
  addressStringCompare,
  cmpGlobalVariable,
  collectWithoutRelease,
  commandEventContext,
  datagroupGlobalReference,
  deprecatedCommand,
  deprecatedEvent,
  disabledCommand,
  dropWithoutReturn,
  duplicateEvent,
  invalidSuppression,
  missingOptionTerminator,
  multipleResponse,
  nonAscii,
  regexpSimplePattern,
  ruleStructure,
  snatArgument,
  staticWriteOutsideRuleInit,
  suppressionReason,
  switchListComment,
  syntaxError,
  unbracedExpression,
  undefinedDatagroup,
  undefinedPool,
  undefinedSnatpool,
  undefinedVariable,
  unknownCommand,
  unknownEvent,
  unusedSuppression,
  wrongArguments,
];

/** Rules by id. */
export const rulesById: ReadonlyMap<string, AnyRule> = new Map(allRules.map((r) => [r.id, r]));
