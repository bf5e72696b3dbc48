/**
 * JSON schemas (draft-07) of the catalog files in `grammar/`: `commands/<Namespace>.json`,
 * `events.json` and `namespaces.json`. They mirror `types.ts`. The loader checks the data with a
 * validator compiled from these schemas by `scripts/gen-catalog-validator.mjs` (ajv standalone
 * code, so start-up does not compile schemas); `test/catalog/schema.test.ts` checks the data with
 * ajv directly and that the compiled validator is up to date.
 */

/** A BIG-IP version such as `10.1.0`. */
const version = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+){1,3}$' } as const;

const argType = {
  enum: [
    'any', 'script', 'body', 'expr', 'varName', 'list', 'pattern', 'event', 'dataGroup', 'pool', 'snatPool', 'ipAddress', 'endpoint',
    'port', 'integer', 'bool', 'procName', 'params', 'switchBody', 'level',
  ],
} as const;

const evidence = { enum: ['measured', 'documented', 'derived'] } as const;
const likelihood = { enum: ['always', 'conditional', 'never'] } as const;
const nonEmptyString = { type: 'string', pattern: '\\S' } as const;
const stringList = { type: 'array', items: nonEmptyString } as const;
const eventName = { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } as const;

const definitions = {
  positional: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'type'],
    properties: {
      name: nonEmptyString,
      type: argType,
      optional: { type: 'boolean' },
      repeat: { type: 'boolean' },
      literal: { type: 'array', items: nonEmptyString, minItems: 1 },
      aliases: { type: 'object', additionalProperties: nonEmptyString },
    },
  },
  switch: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^-' },
      value: argType,
      since: version,
    },
  },
  argForm: {
    type: 'object',
    additionalProperties: false,
    properties: {
      switches: { type: 'array', items: { $ref: '#/definitions/switch' } },
      endOfOptions: { type: 'boolean' },
      positionals: { type: 'array', items: { $ref: '#/definitions/positional' } },
      subcommands: { type: 'object', additionalProperties: { $ref: '#/definitions/argForm' } },
      subcommandPrefixes: { type: 'boolean' },
      handler: nonEmptyString,
      since: version,
    },
  },
  deprecation: {
    type: 'object',
    additionalProperties: false,
    properties: { since: version, replacement: nonEmptyString, note: nonEmptyString },
  },
  removal: {
    type: 'object',
    additionalProperties: false,
    properties: { since: version, note: nonEmptyString },
  },
} as const;

/** Schema of one `grammar/commands/<Namespace>.json` file: a list of commands. */
export const commandFileSchema = {
  $id: 'irule-lint/commands',
  type: 'array',
  definitions: {
    ...definitions,
    command: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z0-9_-]+)*(::)?$' },
        summary: nonEmptyString,
        synopsis: stringList,
        args: { $ref: '#/definitions/argForm' },
        argsSource: { enum: ['curated', 'synopsis'] },
        argsLoose: { type: 'boolean' },
        events: { anyOf: [{ const: '*' }, { type: 'array', items: eventName }] },
        eventSet: nonEmptyString,
        eventsSource: evidence,
        eventsInvalid: { type: 'array', items: eventName },
        eventsInvalidSource: evidence,
        since: version,
        deprecated: { $ref: '#/definitions/deprecation' },
        removed: { $ref: '#/definitions/removal' },
        disabled: { type: 'boolean' },
        absent: { type: 'boolean' },
        tclVersion: { enum: ['8.5', '8.6'] },
        topLevel: { enum: ['only', 'allowed'] },
        sendsResponse: { type: 'boolean' },
        emitsArguments: { type: 'boolean' },
        implicitRelease: {
          type: 'object',
          additionalProperties: false,
          required: ['events'],
          properties: {
            events: { type: 'array', items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, minItems: 1 },
            withArguments: { type: 'boolean' },
          },
        },
        terminatesFlow: { type: 'boolean' },
        suspends: likelihood,
        demotesCmp: likelihood,
        kind: { enum: ['namespace'] },
        docUrl: { type: 'string', pattern: '^https://' },
        notes: stringList,
      },
    },
  },
  items: { $ref: '#/definitions/command' },
} as const;

const side = { enum: ['client', 'server', 'both', 'global', 'unknown'] } as const;

/** Schema of `grammar/events.json`. */
export const eventFileSchema = {
  $id: 'irule-lint/events',
  type: 'object',
  additionalProperties: false,
  required: ['events', 'sets', 'flows'],
  definitions: {
    deprecation: definitions.deprecation,
    event: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'summary', 'profiles', 'side'],
      properties: {
        name: eventName,
        summary: nonEmptyString,
        profiles: stringList,
        side,
        transport: { enum: ['tcp', 'udp'] },
        since: version,
        deprecated: { $ref: '#/definitions/deprecation' },
        product: { enum: ['gtm'] },
        highFrequency: { type: 'boolean' },
        perRequest: { type: 'boolean' },
        triggeredBy: stringList,
        docUrl: { type: 'string', pattern: '^https://' },
        notes: stringList,
      },
    },
    set: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'summary'],
      properties: {
        name: nonEmptyString,
        summary: nonEmptyString,
        sides: { type: 'array', items: side },
        profiles: stringList,
        events: { type: 'array', items: eventName },
      },
    },
    flow: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'summary', 'profiles', 'steps'],
      properties: {
        name: nonEmptyString,
        summary: nonEmptyString,
        profiles: stringList,
        steps: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['event'],
            properties: { event: eventName, optional: { type: 'boolean' }, perRequest: { type: 'boolean' } },
          },
        },
        notes: stringList,
      },
    },
  },
  properties: {
    events: { type: 'array', items: { $ref: '#/definitions/event' } },
    sets: { type: 'array', items: { $ref: '#/definitions/set' } },
    flows: { type: 'array', items: { $ref: '#/definitions/flow' } },
  },
} as const;

/** Schema of `grammar/namespaces.json`. */
export const namespaceFileSchema = {
  $id: 'irule-lint/namespaces',
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'eventSet', 'commands'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      summary: nonEmptyString,
      profiles: stringList,
      eventSet: nonEmptyString,
      commands: { type: 'integer', minimum: 0 },
    },
  },
} as const;
