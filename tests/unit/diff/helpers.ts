/** Tiny spec builders so each test states only what it is about. */
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import type { Change, SpecDiff } from '../../../src/lib/diff/index.ts';

export type Doc = Record<string, any>;

/** An OpenAPI 3.1 document with the given paths and component schemas. */
export function api(paths: Doc, components: Doc = {}, extra: Doc = {}): Doc {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components, ...extra };
}

/** A 3.0 document (for mixed-version tests). */
export function api30(paths: Doc, components: Doc = {}, extra: Doc = {}): Doc {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components, ...extra };
}

export function jsonBody(schema: unknown, required = false): Doc {
  return { required, content: { 'application/json': { schema } } };
}

export function jsonResponse(schema: unknown, description = 'ok'): Doc {
  return { description, content: { 'application/json': { schema } } };
}

/** `GET /things` returning `schema` as 200 JSON. */
export function getReturning(schema: unknown, components: Doc = {}): Doc {
  return api({ '/things': { get: { responses: { '200': jsonResponse(schema) } } } }, components);
}

/** `POST /things` taking `schema` as a required JSON body. */
export function postTaking(schema: unknown, components: Doc = {}): Doc {
  return api(
    { '/things': { post: { requestBody: jsonBody(schema, true), responses: { '204': { description: 'done' } } } } },
    components,
  );
}

/** `GET /things` with the given parameters. */
export function getWithParams(parameters: unknown[]): Doc {
  return api({ '/things': { get: { parameters, responses: { '204': { description: 'done' } } } } });
}

/** The changes of the single changed operation (empty when nothing changed). */
export function changesOf(diff: SpecDiff): Change[] {
  if (diff.changed.length === 0) return [];
  if (diff.changed.length !== 1) throw new Error(`expected one changed operation, got ${diff.changed.length}`);
  return diff.changed[0]!.changes;
}

/** Diffs and returns `[kind, breaking]` pairs of the single changed operation. */
export function kinds(oldDoc: Doc, newDoc: Doc): [string, boolean][] {
  return changesOf(diffSpecs(oldDoc, newDoc)).map((c) => [c.kind, c.breaking]);
}
