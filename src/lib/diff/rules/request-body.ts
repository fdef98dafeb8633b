/**
 * The request body: whether there is one and must be, which media types the server
 * accepts (removing one breaks clients that send it), and each media type's schema,
 * compared as data the client sends. In a webhook or callback the reader receives the body:
 * a body the API now always sends breaks nothing, one it may leave out does, and a new
 * media type is one the reader's endpoint may not parse.
 */
import type { OperationRule } from '../operation-rule.ts';
import { mediaTypes } from './content.ts';

export const requestBodyRule: OperationRule = (ctx) => {
  const hasOld = ctx.old.operation.requestBody !== undefined;
  const hasNew = ctx.new.operation.requestBody !== undefined;
  if (!hasOld && !hasNew) return;
  const pointer = `${ctx.new.pointer}/requestBody`;
  const before = ctx.oldSpec.resolve(ctx.old.operation.requestBody) ?? {};
  const after = ctx.newSpec.resolve(ctx.new.operation.requestBody) ?? {};
  if (!hasOld) {
    if (after.required === true) ctx.emit('required-request-body-added', true, 'required request body added', pointer);
    else ctx.emit('request-body-added', false, 'optional request body added', pointer);
    return;
  }
  if (!hasNew) {
    ctx.emit('request-body-removed', true, 'request body removed', `${ctx.old.pointer}/requestBody`);
    return;
  }
  const wasRequired = before.required === true;
  const isRequired = after.required === true;
  if (!wasRequired && isRequired) ctx.emit('request-body-became-required', true, 'request body became required', pointer);
  if (wasRequired && !isRequired) ctx.emit('request-body-became-optional', false, 'request body became optional', pointer);

  const oldMedia = mediaTypes(before.content);
  const newMedia = mediaTypes(after.content);
  for (const [key, old] of oldMedia) {
    const neu = newMedia.get(key);
    if (!neu) {
      ctx.emit('request-media-type-removed', true, `request body media type ${old.name} removed`, `${ctx.old.pointer}/requestBody`);
      continue;
    }
    if (old.media.schema === undefined && neu.media.schema === undefined) continue;
    ctx.compareSchemas(old.media.schema ?? {}, neu.media.schema ?? {}, {
      direction: ctx.requestDirection,
      prefix: 'request',
      where: `request body (${neu.name})`,
      pointer,
    });
  }
  for (const [key, neu] of newMedia) {
    if (!oldMedia.has(key)) ctx.emit('request-media-type-added', false, `request body media type ${neu.name} added`, pointer);
  }
};
