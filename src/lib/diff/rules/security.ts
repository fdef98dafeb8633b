/**
 * Authentication. An operation's security is a list of alternatives (any one will do),
 * each a set of schemes used together with their scopes; no list (or an empty one, or an
 * empty alternative) means a client may call without credentials. A client keeps working
 * when the alternative it uses is still offered with no new scopes, over an unchanged
 * scheme. Operation-level `security` overrides the document's.
 */
import type { OperationRule, OperationRuleContext } from '../operation-rule.ts';
import { isObject, type JsonObject } from '../../openapi/object.ts';
import type { ApiDocument } from '../../openapi/api-document.ts';

interface Alternative {
  /** Scheme names, sorted and joined with ` + `; '' for "no authentication". */
  key: string;
  scopes: Map<string, string[]>;
}

function effectiveSecurity(operation: JsonObject, spec: ApiDocument): Alternative[] {
  const list = Array.isArray(operation.security) ? operation.security : spec.security;
  if (list.length === 0) return [{ key: '', scopes: new Map() }];
  return list.filter(isObject).map((requirement) => {
    const names = Object.keys(requirement).sort();
    const scopes = new Map(
      names.map((n) => [n, Array.isArray(requirement[n]) ? (requirement[n] as unknown[]).map(String) : []]),
    );
    return { key: names.join(' + '), scopes };
  });
}

function schemeOf(spec: ApiDocument, name: string): JsonObject {
  return Object.hasOwn(spec.securitySchemes, name) ? spec.securitySchemes[name]! : {};
}

/** What a client has to do to use the scheme; descriptions and URLs of docs do not count. */
function schemeShape(scheme: JsonObject): string {
  const type = String(scheme.type ?? '');
  const where = typeof scheme.in === 'string' ? scheme.in : '';
  const name = typeof scheme.name === 'string' ? (where === 'header' ? scheme.name.toLowerCase() : scheme.name) : '';
  const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
  switch (type) {
    case 'apiKey':
      return `apiKey ${where} ${name}`;
    case 'http':
      return `http ${httpScheme}`;
    default:
      return type;
  }
}

function label(key: string): string {
  return key === '' ? 'no authentication' : key;
}

function compareSchemes(ctx: OperationRuleContext, oldAlternatives: Alternative[], newAlternatives: Alternative[]): void {
  const oldNames = new Set(oldAlternatives.flatMap((a) => [...a.scopes.keys()]));
  const newNames = [...new Set(newAlternatives.flatMap((a) => [...a.scopes.keys()]))].sort();
  for (const name of newNames) {
    if (!oldNames.has(name)) continue;
    const before = schemeShape(schemeOf(ctx.oldSpec, name));
    const after = schemeShape(schemeOf(ctx.newSpec, name));
    if (before !== after) {
      ctx.emit('security-scheme-changed', true, `security scheme ${name} changed from ${before} to ${after}`, ctx.new.pointer);
    }
  }
}

export const securityRule: OperationRule = (ctx) => {
  const before = effectiveSecurity(ctx.old.operation, ctx.oldSpec);
  const after = effectiveSecurity(ctx.new.operation, ctx.newSpec);
  const wasOpen = before.some((a) => a.key === '');
  const isOpen = after.some((a) => a.key === '');
  const where = ctx.new.pointer;
  if (wasOpen && !isOpen) {
    ctx.emit('security-added', true, `authentication is now required (${after.map((a) => a.key).join(' or ')})`, where);
  } else if (!wasOpen && isOpen) {
    ctx.emit('security-removed', false, 'authentication is no longer required', where);
  }
  // "No longer required" already says everything when nothing at all is asked any more.
  if (after.length === 1 && after[0]!.key === '') return;
  const afterByKey = new Map(after.map((a) => [a.key, a]));
  const beforeKeys = new Set(before.map((a) => a.key));
  for (const alternative of before) {
    if (alternative.key === '') continue;
    const match = afterByKey.get(alternative.key);
    if (!match) {
      // Harmless when the call now needs no authentication at all.
      ctx.emit('security-requirement-removed', !isOpen, `security requirement ${label(alternative.key)} removed`, where);
      continue;
    }
    for (const [scheme, scopes] of match.scopes) {
      const oldScopes = alternative.scopes.get(scheme) ?? [];
      const added = scopes.filter((s) => !oldScopes.includes(s));
      const removed = oldScopes.filter((s) => !scopes.includes(s));
      if (added.length > 0) {
        ctx.emit('security-scopes-added', !isOpen, `${scheme} now also requires scope ${added.join(', ')}`, where);
      }
      if (removed.length > 0) {
        ctx.emit('security-scopes-removed', false, `${scheme} no longer requires scope ${removed.join(', ')}`, where);
      }
    }
  }
  if (!(wasOpen && !isOpen)) {
    for (const alternative of after) {
      if (alternative.key === '' || beforeKeys.has(alternative.key)) continue;
      ctx.emit('security-requirement-added', false, `security requirement ${label(alternative.key)} added as an alternative`, where);
    }
  }
  compareSchemes(ctx, before, after);
};
