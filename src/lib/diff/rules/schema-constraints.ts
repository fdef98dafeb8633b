/**
 * Value constraints: numeric bounds (3.0 boolean and 3.1 numeric `exclusiveMinimum` are
 * already one shape here), length and item-count bounds, `pattern`, and whether extra
 * object properties are allowed. Tighter breaks requests; looser breaks responses.
 */
import type { SchemaRule, SchemaRuleContext } from '../schema/schema-comparer.ts';
import type { Bound } from '../schema/normal-schema.ts';

function showBound(bound: Bound | undefined, lower: boolean): string {
  if (!bound) return 'none';
  const op = lower ? (bound.exclusive ? '>' : '>=') : bound.exclusive ? '<' : '<=';
  return `${op} ${bound.value}`;
}

function sameBound(a: Bound | undefined, b: Bound | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.value === b.value && a.exclusive === b.exclusive);
}

/** For a lower bound: is `b` stricter than `a`? (Upper bounds flip the comparison.) */
function stricter(a: Bound | undefined, b: Bound | undefined, lower: boolean): boolean {
  if (!b) return false;
  if (!a) return true;
  if (a.value !== b.value) return lower ? b.value > a.value : b.value < a.value;
  return b.exclusive && !a.exclusive;
}

function report(ctx: SchemaRuleContext, tighter: boolean, detail: string): void {
  ctx.emit({
    fact: 'constraint-changed',
    breaking: ctx.direction === 'request' ? tighter : !tighter,
    detail,
    at: ctx.new.source,
    side: 'new',
  });
}

function compareBound(ctx: SchemaRuleContext, name: string, a: Bound | undefined, b: Bound | undefined, lower: boolean): void {
  if (sameBound(a, b)) return;
  report(ctx, stricter(a, b, lower), `${name} changed from ${showBound(a, lower)} to ${showBound(b, lower)}`);
}

function compareCount(ctx: SchemaRuleContext, name: string, a: number | undefined, b: number | undefined, lower: boolean): void {
  if (a === b) return;
  const tighter = b !== undefined && (a === undefined || (lower ? b > a : b < a));
  report(ctx, tighter, `${name} changed from ${a ?? 'none'} to ${b ?? 'none'}`);
}

export const schemaConstraintsRule: SchemaRule = (ctx) => {
  const { old: a, new: b } = ctx;
  compareBound(ctx, 'minimum', a.minimum, b.minimum, true);
  compareBound(ctx, 'maximum', a.maximum, b.maximum, false);
  compareCount(ctx, 'minLength', a.minLength, b.minLength, true);
  compareCount(ctx, 'maxLength', a.maxLength, b.maxLength, false);
  compareCount(ctx, 'minItems', a.minItems, b.minItems, true);
  compareCount(ctx, 'maxItems', a.maxItems, b.maxItems, false);
  if (a.pattern !== b.pattern) {
    // Two patterns cannot be compared in general: any new pattern may reject old input.
    const detail =
      a.pattern === undefined
        ? `pattern ${JSON.stringify(b.pattern)} added`
        : b.pattern === undefined
          ? `pattern ${JSON.stringify(a.pattern)} removed`
          : `pattern changed from ${JSON.stringify(a.pattern)} to ${JSON.stringify(b.pattern)}`;
    ctx.emit({
      fact: 'constraint-changed',
      breaking: ctx.direction === 'request' ? b.pattern !== undefined : a.pattern !== undefined,
      detail,
      at: b.source,
      side: 'new',
    });
  }
  const oldClosed = a.additionalProperties === false;
  const newClosed = b.additionalProperties === false;
  if (oldClosed !== newClosed) {
    // Extra properties in a response are additions, which clients must tolerate.
    ctx.emit({
      fact: 'constraint-changed',
      breaking: ctx.direction === 'request' && newClosed,
      detail: newClosed ? 'no longer allows additional properties' : 'now allows additional properties',
      at: b.source,
      side: 'new',
    });
  }
};
