/**
 * Every kind of change `diffSpecs` reports and whether it breaks clients. This table is
 * the documentation of the rules (the report and docs print it) and a test checks that
 * every kind the rules emit is listed here. "Depends" kinds say when in `breaking`.
 *
 * Schema kinds exist for three places, with the direction deciding what breaks:
 * `parameter-…` and `request-…` (data the client sends: narrowing breaks) and
 * `response-…` (data the client receives: widening breaks).
 *
 * The `breaking` column is for operations the reader calls. In webhooks and callbacks the
 * API sends the request and the reader's endpoint receives it and answers, so the roles
 * swap (as oasdiff's design notes for webhooks and callbacks say): request and parameter
 * changes are judged as data the reader receives, response changes as data the reader
 * sends, and the kinds marked `swapsForReader` ("became required" / "became optional" /
 * "media type added" / "media type removed" / "header removed") flip. Removals of what the
 * reader reads still break.
 */
export type Breaking = 'yes' | 'no' | 'depends';

export interface ChangeKindInfo {
  breaking: Breaking;
  /** When it breaks, for `depends` kinds; what it means otherwise. */
  description: string;
  /** In webhooks and callbacks the verdict is the opposite of `breaking` (see above); the rule context applies it. */
  swapsForReader?: true;
}

const SCHEMA_KINDS_SENT = {
  'type-changed': { breaking: 'depends', description: 'breaking when the new type accepts less (number → integer, nullable → not nullable, a format added)' },
  'enum-value-added': { breaking: 'no', description: 'the server accepts one more value' },
  'enum-value-removed': { breaking: 'yes', description: 'clients sending that value are rejected' },
  'constraint-changed': { breaking: 'depends', description: 'breaking when tighter: a bound raised/lowered, a pattern set or changed, an enum imposed, additional properties forbidden' },
  'property-added': { breaking: 'no', description: 'an optional property (or a read-only one)' },
  'required-property-added': { breaking: 'yes', description: 'clients not sending it are rejected' },
  'property-removed': { breaking: 'yes', description: 'clients sending it lose what it did' },
  'property-became-required': { breaking: 'yes', description: 'clients not sending it are rejected' },
  'property-became-optional': { breaking: 'no', description: 'the server needs less' },
  'variant-added': { breaking: 'no', description: 'a oneOf/anyOf alternative the server now also accepts' },
  'variant-removed': { breaking: 'yes', description: 'clients sending that shape are rejected' },
} as const satisfies Record<string, ChangeKindInfo>;

const SCHEMA_KINDS_RECEIVED = {
  'type-changed': { breaking: 'depends', description: 'breaking when the new type returns more (integer → number, becoming nullable, a format removed)' },
  'enum-value-added': { breaking: 'yes', description: 'clients may receive a value they do not know (oasdiff, openapi-diff, Redocly agree)' },
  'enum-value-removed': { breaking: 'no', description: 'clients just never receive it' },
  'constraint-changed': { breaking: 'depends', description: 'breaking when looser: a bound relaxed, a pattern removed or changed, an enum lifted' },
  'property-added': { breaking: 'no', description: 'clients ignore what they do not know' },
  'property-removed': { breaking: 'yes', description: 'clients reading it break' },
  'property-became-required': { breaking: 'no', description: 'always returned now' },
  'property-became-optional': { breaking: 'yes', description: 'clients relying on it may not get it' },
  'variant-added': { breaking: 'yes', description: 'clients may receive a shape they do not know' },
  'variant-removed': { breaking: 'no', description: 'one shape fewer to handle' },
} as const satisfies Record<string, ChangeKindInfo>;

type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}-${K}`]: T[K] };

function prefixed<P extends string, T extends Record<string, ChangeKindInfo>>(prefix: P, kinds: T): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(kinds).map(([k, v]) => [`${prefix}-${k}`, v])) as Prefixed<P, T>;
}

export const CHANGE_KINDS = {
  'operation-removed': { breaking: 'yes', description: 'listed in `removed`, not as a change' },
  'operation-added': { breaking: 'no', description: 'listed in `added`, not as a change' },
  'operation-deprecated': { breaking: 'no', description: 'a warning for clients, not a break' },
  'operation-undeprecated': { breaking: 'no', description: 'deprecation withdrawn' },
  'security-added': { breaking: 'yes', description: 'authentication is now required where none was' },
  'security-removed': { breaking: 'no', description: 'authentication is now optional' },
  'security-requirement-added': { breaking: 'no', description: 'one more way to authenticate' },
  'security-requirement-removed': { breaking: 'yes', description: 'a way to authenticate clients use is gone' },
  'security-scopes-added': { breaking: 'yes', description: 'existing tokens may lack the new scope' },
  'security-scopes-removed': { breaking: 'no', description: 'fewer scopes needed' },
  'security-scheme-changed': { breaking: 'yes', description: 'the scheme type, key name or location changed' },
  'parameter-added': { breaking: 'no', description: 'an optional parameter' },
  'required-parameter-added': { breaking: 'yes', description: 'clients not sending it are rejected', swapsForReader: true },
  'parameter-removed': { breaking: 'yes', description: 'clients sending it lose what it did' },
  'parameter-became-required': { breaking: 'yes', description: 'clients not sending it are rejected', swapsForReader: true },
  'parameter-became-optional': { breaking: 'no', description: 'the server needs less', swapsForReader: true },
  'parameter-deprecated': { breaking: 'no', description: 'a warning for clients' },
  ...prefixed('parameter', SCHEMA_KINDS_SENT),
  'request-body-added': { breaking: 'no', description: 'an optional request body' },
  'required-request-body-added': { breaking: 'yes', description: 'clients sending no body are rejected', swapsForReader: true },
  'request-body-removed': { breaking: 'yes', description: 'clients sending a body lose what it did' },
  'request-body-became-required': { breaking: 'yes', description: 'clients sending no body are rejected', swapsForReader: true },
  'request-body-became-optional': { breaking: 'no', description: 'the server needs less', swapsForReader: true },
  'request-media-type-added': { breaking: 'no', description: 'one more content type accepted', swapsForReader: true },
  'request-media-type-removed': { breaking: 'yes', description: 'clients sending that content type are rejected', swapsForReader: true },
  ...prefixed('request', SCHEMA_KINDS_SENT),
  'response-added': { breaking: 'no', description: 'a new documented status' },
  'response-removed': { breaking: 'depends', description: 'breaking for 1xx–3xx statuses (what clients code against); not for 4xx/5xx/default' },
  'response-media-type-added': { breaking: 'no', description: 'only sent to clients that ask for it' },
  'response-media-type-removed': { breaking: 'yes', description: 'clients asking for it stop getting it' },
  'response-header-added': { breaking: 'no', description: 'clients ignore what they do not know' },
  'response-header-removed': { breaking: 'yes', description: 'clients reading it break', swapsForReader: true },
  ...prefixed('response', SCHEMA_KINDS_RECEIVED),
  'response-required-property-added': { breaking: 'yes', description: 'webhooks and callbacks only: the reader’s endpoint must now answer with it' },
  // A change inside a callback operation is reported as `callback-<kind>` of the kinds above.
  'callback-added': { breaking: 'no', description: 'the API calls clients at one more place' },
  'callback-removed': { breaking: 'yes', description: 'clients relying on that callback are no longer called' },
} as const satisfies Record<string, ChangeKindInfo>;

export type ChangeKind = keyof typeof CHANGE_KINDS;
