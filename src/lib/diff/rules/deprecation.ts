/** An operation marked (or no longer marked) `deprecated`: news for clients, never a break. */
import type { OperationRule } from '../operation-rule.ts';

export const deprecationRule: OperationRule = (ctx) => {
  const was = ctx.old.operation.deprecated === true;
  const is = ctx.new.operation.deprecated === true;
  if (was === is) return;
  if (is) ctx.emit('operation-deprecated', false, 'operation deprecated', ctx.new.pointer);
  else ctx.emit('operation-undeprecated', false, 'operation no longer deprecated', ctx.new.pointer);
};
