/**
 * Responses by status code: added and removed statuses, media types and headers, and
 * each media type's schema compared as data the client receives. Removing a 1xx–3xx
 * response breaks the clients coded against it; removing an error response is reported
 * but not breaking (clients handle unlisted errors generically), as in oasdiff. In a
 * webhook or callback the reader's endpoint sends the response: its schema is data the
 * reader sends, and a header the API stops reading breaks nothing.
 */
import type { OperationRule } from '../operation-rule.ts';
import { escapeSegment } from '../../openapi/json-pointer.ts';
import { isObject } from '../../openapi/object.ts';
import { mediaTypes } from './content.ts';
import { compareStrings } from '../operations.ts';

/** `2xx` and `2XX` are the same range; numeric keys from YAML are strings here. */
function statusKey(status: string): string {
  return status.toUpperCase();
}

function responsesOf(operation: Record<string, unknown>): Map<string, [string, unknown]> {
  const out = new Map<string, [string, unknown]>();
  if (!isObject(operation.responses)) return out;
  for (const [status, response] of Object.entries(operation.responses)) out.set(statusKey(status), [status, response]);
  return out;
}

function isSuccessOrRedirect(status: string): boolean {
  return /^[123]/.test(status);
}

function headerNames(response: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  if (isObject(response.headers)) for (const name of Object.keys(response.headers)) out.set(name.toLowerCase(), name);
  return out;
}

export const responsesRule: OperationRule = (ctx) => {
  const before = responsesOf(ctx.old.operation);
  const after = responsesOf(ctx.new.operation);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  for (const key of keys) {
    const old = before.get(key);
    const neu = after.get(key);
    if (!neu) {
      const [status] = old!;
      const pointer = `${ctx.old.pointer}/responses/${escapeSegment(status)}`;
      ctx.emit('response-removed', isSuccessOrRedirect(key), `response ${status} removed`, pointer);
      continue;
    }
    const [status, newRaw] = neu;
    const pointer = `${ctx.new.pointer}/responses/${escapeSegment(status)}`;
    if (!old) {
      ctx.emit('response-added', false, `response ${status} added`, pointer);
      continue;
    }
    const oldResponse = ctx.oldSpec.resolve(old[1]) ?? {};
    const newResponse = ctx.newSpec.resolve(newRaw) ?? {};

    const oldMedia = mediaTypes(oldResponse.content);
    const newMedia = mediaTypes(newResponse.content);
    for (const [mediaKey, oldEntry] of oldMedia) {
      const newEntry = newMedia.get(mediaKey);
      if (!newEntry) {
        ctx.emit('response-media-type-removed', true, `response ${status}: media type ${oldEntry.name} removed`, pointer);
        continue;
      }
      if (oldEntry.media.schema === undefined && newEntry.media.schema === undefined) continue;
      ctx.compareSchemas(oldEntry.media.schema ?? {}, newEntry.media.schema ?? {}, {
        direction: ctx.responseDirection,
        prefix: 'response',
        where: `response ${status} (${newEntry.name})`,
        pointer,
      });
    }
    for (const [mediaKey, newEntry] of newMedia) {
      if (!oldMedia.has(mediaKey)) {
        ctx.emit('response-media-type-added', false, `response ${status}: media type ${newEntry.name} added`, pointer);
      }
    }

    const oldHeaders = headerNames(oldResponse);
    const newHeaders = headerNames(newResponse);
    for (const [headerKey, name] of oldHeaders) {
      if (!newHeaders.has(headerKey)) ctx.emit('response-header-removed', true, `response ${status}: header ${name} removed`, pointer);
    }
    for (const [headerKey, name] of newHeaders) {
      if (!oldHeaders.has(headerKey)) ctx.emit('response-header-added', false, `response ${status}: header ${name} added`, pointer);
    }
  }
};
