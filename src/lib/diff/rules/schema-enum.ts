/**
 * Enum values. A request value the server stops accepting breaks clients that send it; a
 * response value a client has never seen breaks clients that switch over the values —
 * the rule of oasdiff (`response-property-enum-value-added` is an error since v1.32),
 * openapi-diff and Redocly's `enum-values-added`. So: request removals and response
 * additions are breaking, the other two are not. An enum appearing or disappearing
 * narrows or widens the schema and is reported as a constraint change.
 */
import type { SchemaRule } from '../schema/schema-comparer.ts';
import { canonicalJson } from '../schema/normal-schema.ts';

function show(value: unknown): string {
  return canonicalJson(value);
}

export const schemaEnumRule: SchemaRule = (ctx) => {
  const { old: a, new: b, direction } = ctx;
  if (!a.enum && !b.enum) return;
  if (a.enum && b.enum) {
    const oldValues = new Set(a.enum.map(canonicalJson));
    const newValues = new Set(b.enum.map(canonicalJson));
    for (const value of a.enum) {
      if (newValues.has(canonicalJson(value))) continue;
      ctx.emit({
        fact: 'enum-value-removed',
        breaking: direction === 'request',
        detail: `enum value ${show(value)} removed`,
        at: a.source,
        side: 'old',
      });
    }
    for (const value of b.enum) {
      if (oldValues.has(canonicalJson(value))) continue;
      ctx.emit({
        fact: 'enum-value-added',
        breaking: direction === 'response',
        detail: `enum value ${show(value)} added`,
        at: b.source,
        side: 'new',
      });
    }
    return;
  }
  if (b.enum) {
    ctx.emit({
      fact: 'constraint-changed',
      breaking: direction === 'request',
      detail: `now restricted to the values ${b.enum.map(show).join(', ')}`,
      at: b.source,
      side: 'new',
    });
  } else {
    ctx.emit({
      fact: 'constraint-changed',
      breaking: direction === 'response',
      detail: `no longer restricted to the values ${a.enum!.map(show).join(', ')}`,
      at: b.source,
      side: 'new',
    });
  }
};
