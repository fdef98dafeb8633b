/**
 * Object properties. Requests: a new required property, or an optional one becoming
 * required, breaks clients that do not send it; removing a property the client sends is
 * breaking too (the server stops understanding it; oasdiff warns likewise). Responses:
 * removing a property, or making it optional, breaks clients that read it; additions are
 * safe. `readOnly` properties are never sent and `writeOnly` ones never returned, so they
 * do not count on that side.
 */
import type { SchemaRule, SchemaRuleContext } from '../schema/schema-comparer.ts';

function invisible(ctx: SchemaRuleContext, readOnly: boolean, writeOnly: boolean): boolean {
  return ctx.direction === 'request' ? readOnly : writeOnly;
}

export const schemaPropertiesRule: SchemaRule = (ctx) => {
  const { old: a, new: b, direction } = ctx;
  if (a.properties.size === 0 && b.properties.size === 0) return;
  for (const [name, oldRaw] of a.properties) {
    const newRaw = b.properties.get(name);
    const oldProp = ctx.normalizeOld(oldRaw);
    if (newRaw === undefined) {
      if (invisible(ctx, oldProp.readOnly, oldProp.writeOnly)) continue;
      ctx.emit({
        fact: 'property-removed',
        path: [name],
        breaking: true,
        detail: a.required.has(name) ? 'removed (it was required)' : 'removed',
        at: typeof oldRaw === 'object' && oldRaw !== null ? oldRaw : a.source,
        side: 'old',
      });
      continue;
    }
    const newProp = ctx.normalizeNew(newRaw);
    const at = typeof newRaw === 'object' && newRaw !== null ? newRaw : b.source;
    const wasRequired = a.required.has(name);
    const isRequired = b.required.has(name);
    if (wasRequired !== isRequired && !invisible(ctx, newProp.readOnly, newProp.writeOnly)) {
      ctx.emit({
        fact: isRequired ? 'property-became-required' : 'property-became-optional',
        path: [name],
        // A request may now omit it only if it became optional; a response may now omit it.
        breaking: direction === 'request' ? isRequired : !isRequired,
        detail: isRequired ? 'became required' : 'became optional',
        at,
        side: 'new',
      });
    }
    ctx.recurse(oldRaw, newRaw, name);
  }
  for (const [name, newRaw] of b.properties) {
    if (a.properties.has(name)) continue;
    const newProp = ctx.normalizeNew(newRaw);
    if (invisible(ctx, newProp.readOnly, newProp.writeOnly)) continue;
    const required = direction === 'request' && b.required.has(name);
    ctx.emit({
      fact: required ? 'required-property-added' : 'property-added',
      path: [name],
      breaking: required,
      detail: required ? 'added (required)' : 'added',
      at: typeof newRaw === 'object' && newRaw !== null ? newRaw : b.source,
      side: 'new',
    });
  }
};
