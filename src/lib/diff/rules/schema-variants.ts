/**
 * `oneOf` / `anyOf` alternatives. Alternatives are matched by the component they
 * reference (or their title), then by equal content (an alternative moved inline or into a
 * component is the same alternative), then inline ones by position; matched pairs are
 * compared as schemas. A new alternative widens: safe in requests, breaking in responses
 * (a client may receive a shape it does not know); a removed one is the reverse.
 * Runs before the other schema rules so that a plain schema becoming a choice (or the
 * reverse) is compared alternative by alternative instead of shape against shape.
 */
import type { SchemaRule, SchemaRuleContext } from '../schema/schema-comparer.ts';
import { componentSchemaName } from '../../openapi/components.ts';
import { isObject } from '../../openapi/object.ts';

function label(raw: unknown, index: number): string {
  if (isObject(raw)) {
    if (typeof raw.$ref === 'string') return componentSchemaName(raw.$ref) ?? raw.$ref;
    if (typeof raw.title === 'string') return raw.title;
  }
  return `#${index + 1}`;
}

function emitAlternative(ctx: SchemaRuleContext, keyword: string, name: string, added: boolean, at: object): void {
  ctx.emit({
    fact: added ? 'variant-added' : 'variant-removed',
    breaking: ctx.direction === 'request' ? !added : added,
    detail: `${keyword} alternative ${name} ${added ? 'added' : 'removed'}`,
    at,
    side: added ? 'new' : 'old',
  });
}

export const schemaVariantsRule: SchemaRule = (ctx) => {
  const { old: a, new: b } = ctx;
  if (!a.variants && !b.variants) return;
  const keyword = (b.variants ?? a.variants)!.keyword;
  // A plain schema on one side is a choice of one: `Cat` → `oneOf: [Cat, Dog]` adds `Dog`.
  const oldSchemas = a.variants?.schemas ?? [ctx.oldRaw];
  const newSchemas = b.variants?.schemas ?? [ctx.newRaw];
  const oldLabels = oldSchemas.map(label);
  const newLabels = newSchemas.map(label);
  const named = (name: string) => !name.startsWith('#');
  const matchedNew = new Set<number>();
  let leftOld: number[] = [];
  oldLabels.forEach((name, i) => {
    const j = named(name) ? newLabels.indexOf(name) : -1;
    if (j >= 0 && !matchedNew.has(j)) {
      matchedNew.add(j);
      ctx.recurse(oldSchemas[i], newSchemas[j], `(${keyword} ${name})`);
    } else leftOld.push(i);
  });
  let leftNew = newLabels.map((_, j) => j).filter((j) => !matchedNew.has(j));
  const equalOld = new Set<number>();
  for (const i of leftOld) {
    const j = leftNew.find((k) => ctx.equivalent(oldSchemas[i], newSchemas[k]));
    if (j === undefined) continue;
    equalOld.add(i);
    leftNew = leftNew.filter((k) => k !== j);
  }
  leftOld = leftOld.filter((i) => !equalOld.has(i));
  // Inline alternatives have no names: pair those left over by position.
  const inlineOld = leftOld.filter((i) => !named(oldLabels[i]!));
  const inlineNew = leftNew.filter((j) => !named(newLabels[j]!));
  const paired = Math.min(inlineOld.length, inlineNew.length);
  const pairedOld = new Set(inlineOld.slice(0, paired));
  const pairedNew = new Set(inlineNew.slice(0, paired));
  for (let k = 0; k < paired; k++) {
    const i = inlineOld[k]!;
    const j = inlineNew[k]!;
    ctx.recurse(oldSchemas[i], newSchemas[j], `(${keyword} ${newLabels[j]})`);
  }
  for (const i of leftOld) if (!pairedOld.has(i)) emitAlternative(ctx, keyword, oldLabels[i]!, false, a.source);
  for (const j of leftNew) if (!pairedNew.has(j)) emitAlternative(ctx, keyword, newLabels[j]!, true, b.source);
  // Plain against a choice: the type and property rules would only report the mismatch of shapes.
  return a.variants && b.variants ? undefined : 'stop';
};
