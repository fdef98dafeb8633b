/**
 * Structural comparison of two schemas, through `$ref`s, for one direction of data flow.
 * The direction decides what breaks a client: a request schema may accept more (widening
 * is safe, narrowing breaks), a response schema may return less (narrowing is safe,
 * widening breaks).
 *
 * Cost stays linear in the size of the specs: results are memoised per pair of resolved
 * schema objects, and a pair met again while it is still being compared (a recursive
 * schema) contributes nothing the second time. A result that was cut short by such a
 * cycle through an *ancestor* is not memoised, because elsewhere that ancestor is not on
 * the stack and the full answer differs.
 */
import type { SchemaNormalizer, NormalSchema } from './normal-schema.ts';

export type Direction = 'request' | 'response';

export const SCHEMA_FACTS = [
  'type-changed',
  'enum-value-added',
  'enum-value-removed',
  'constraint-changed',
  'property-added',
  'required-property-added',
  'property-removed',
  'property-became-required',
  'property-became-optional',
  'variant-added',
  'variant-removed',
] as const;

/** What a schema rule can find; reported as `<parameter|request|response>-<fact>`. */
export type SchemaFactName = (typeof SCHEMA_FACTS)[number];

export interface SchemaFact {
  fact: SchemaFactName;
  /** Segments from the compared root: property names, `[]` for items, `*` for map values. */
  path: string[];
  breaking: boolean;
  /** What happened, as a verb phrase: `type changed from string to integer`. */
  detail: string;
  /** The schema object the fact is about, for its pointer; `side` says which document holds it. */
  at?: object;
  side: 'old' | 'new';
  /** How many other paths lead to the same change (0 for most). */
  otherPaths: number;
}

export interface SchemaRuleContext {
  direction: Direction;
  old: NormalSchema;
  new: NormalSchema;
  /** The schemas as written (before `$ref`s are followed), for names of referenced components. */
  oldRaw: unknown;
  newRaw: unknown;
  normalizeOld(raw: unknown): NormalSchema;
  normalizeNew(raw: unknown): NormalSchema;
  emit(fact: Omit<SchemaFact, 'path' | 'otherPaths'> & { path?: string[] }): void;
  /** Compares two sub-schemas; their facts get `segment` prepended to the path. */
  recurse(oldRaw: unknown, newRaw: unknown, segment: string): void;
  /** Whether two sub-schemas compare equal, without reporting anything. */
  equivalent(oldRaw: unknown, newRaw: unknown): boolean;
}

/** Returns `'stop'` when the remaining rules would only repeat what it reported. */
export type SchemaRule = (ctx: SchemaRuleContext) => void | 'stop';

interface Outcome {
  facts: SchemaFact[];
  /** Lowest stack depth of an unfinished pair this result depended on (Infinity: none). */
  low: number;
}

type PairMap<T> = WeakMap<object, WeakMap<object, T>>;

function getPair<T>(map: PairMap<T>, a: object, b: object): T | undefined {
  return map.get(a)?.get(b);
}

function setPair<T>(map: PairMap<T>, a: object, b: object, value: T): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new WeakMap()));
  inner.set(b, value);
}

export class SchemaComparer {
  private readonly oldSchemas: SchemaNormalizer;
  private readonly newSchemas: SchemaNormalizer;
  private readonly rules: readonly SchemaRule[];
  private readonly memo: Record<Direction, PairMap<SchemaFact[]>> = { request: new WeakMap(), response: new WeakMap() };
  private readonly active: Record<Direction, PairMap<number>> = { request: new WeakMap(), response: new WeakMap() };

  constructor(oldSchemas: SchemaNormalizer, newSchemas: SchemaNormalizer, rules: readonly SchemaRule[]) {
    this.oldSchemas = oldSchemas;
    this.newSchemas = newSchemas;
    this.rules = rules;
  }

  compare(oldRaw: unknown, newRaw: unknown, direction: Direction): SchemaFact[] {
    return this.run(oldRaw, newRaw, direction, 0).facts;
  }

  private run(oldRaw: unknown, newRaw: unknown, direction: Direction, depth: number): Outcome {
    const a = this.oldSchemas.resolve(oldRaw);
    const b = this.newSchemas.resolve(newRaw);
    const memoised = getPair(this.memo[direction], a, b);
    if (memoised) return { facts: memoised, low: Infinity };
    const activeDepth = getPair(this.active[direction], a, b);
    if (activeDepth !== undefined) return { facts: [], low: activeDepth };

    setPair(this.active[direction], a, b, depth);
    const facts: SchemaFact[] = [];
    let low = Infinity;
    const ctx: SchemaRuleContext = {
      direction,
      old: this.oldSchemas.normalize(a),
      new: this.newSchemas.normalize(b),
      oldRaw,
      newRaw,
      normalizeOld: (raw) => this.oldSchemas.normalize(raw),
      normalizeNew: (raw) => this.newSchemas.normalize(raw),
      emit: (fact) => facts.push({ ...fact, path: fact.path ?? [], otherPaths: 0 }),
      recurse: (o, n, segment) => {
        const outcome = this.run(o, n, direction, depth + 1);
        low = Math.min(low, outcome.low);
        for (const fact of outcome.facts) facts.push({ ...fact, path: [segment, ...fact.path] });
      },
      equivalent: (o, n) => {
        const outcome = this.run(o, n, direction, depth + 1);
        low = Math.min(low, outcome.low);
        return outcome.facts.length === 0;
      },
    };
    for (const rule of this.rules) if (rule(ctx) === 'stop') break;
    this.active[direction].get(a)!.delete(b);
    const merged = this.mergeSamePlace(facts);

    if (low >= depth) {
      setPair(this.memo[direction], a, b, merged);
      return { facts: merged, low: Infinity };
    }
    return { facts: merged, low };
  }

  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  private idOf(value: object | undefined): number {
    if (!value) return 0;
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.nextId++));
    return id;
  }

  /** Facts about the same schema object with the same news are one fact seen along several paths. */
  private mergeSamePlace(facts: SchemaFact[]): SchemaFact[] {
    if (facts.length < 2) return facts;
    const byPlace = new Map<string, SchemaFact>();
    for (const fact of facts) {
      const key = `${fact.side}:${this.idOf(fact.at)}:${fact.fact}:${fact.detail}:${fact.path.at(-1) ?? ''}`;
      const seen = byPlace.get(key);
      if (seen) seen.otherPaths += 1 + fact.otherPaths;
      else byPlace.set(key, { ...fact });
    }
    return byPlace.size === facts.length ? facts : [...byPlace.values()];
  }
}

/** `['owner', 'login']` → `owner.login`; `['tags', '[]', 'name']` → `tags[].name`. */
export function formatSchemaPath(path: readonly string[]): string {
  let out = '';
  for (const segment of path) {
    if (segment === '[]') out += '[]';
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
