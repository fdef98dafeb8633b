/**
 * Parameters, matched by location and name (header names ignoring case); path parameters
 * by position, so renaming `{id}` to `{flightId}` is not a change. A parameter's schema is
 * part of the request: its changes are judged like a request body's. In a webhook or
 * callback the reader receives the request, so what the API now always sends (a parameter
 * added or made required) breaks nothing, and what it may stop sending (made optional) does.
 */
import type { OperationRule } from '../operation-rule.ts';
import type { ParameterEntry } from '../operations.ts';
import { parameterSchema } from '../../openapi/parameters.ts';

function isRequired(entry: ParameterEntry): boolean {
  return entry.in === 'path' || entry.parameter.required === true;
}

function describe(entry: ParameterEntry): string {
  return `${entry.in} parameter \`${entry.name}\``;
}

export const parametersRule: OperationRule = (ctx) => {
  const after = new Map(ctx.new.parameters.map((p) => [p.key, p]));
  const beforeKeys = new Set(ctx.old.parameters.map((p) => p.key));
  for (const old of ctx.old.parameters) {
    const neu = after.get(old.key);
    if (!neu) {
      ctx.emit('parameter-removed', true, `${describe(old)} removed`, old.pointer);
      continue;
    }
    const wasRequired = isRequired(old);
    const nowRequired = isRequired(neu);
    if (!wasRequired && nowRequired) ctx.emit('parameter-became-required', true, `${describe(neu)} became required`, neu.pointer);
    if (wasRequired && !nowRequired) ctx.emit('parameter-became-optional', false, `${describe(neu)} became optional`, neu.pointer);
    if (old.parameter.deprecated !== true && neu.parameter.deprecated === true) {
      ctx.emit('parameter-deprecated', false, `${describe(neu)} deprecated`, neu.pointer);
    }
    const oldSchema = parameterSchema(old.parameter);
    const newSchema = parameterSchema(neu.parameter);
    if (oldSchema !== undefined || newSchema !== undefined) {
      ctx.compareSchemas(oldSchema ?? {}, newSchema ?? {}, {
        direction: ctx.requestDirection,
        prefix: 'parameter',
        where: describe(neu),
        pointer: neu.pointer,
      });
    }
  }
  for (const neu of ctx.new.parameters) {
    if (beforeKeys.has(neu.key)) continue;
    if (isRequired(neu)) ctx.emit('required-parameter-added', true, `required ${describe(neu)} added`, neu.pointer);
    else ctx.emit('parameter-added', false, `${describe(neu)} added`, neu.pointer);
  }
};
