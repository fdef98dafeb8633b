/**
 * Response `links` (Link Objects): the calls a response makes possible next. Each names its
 * target by `operationId` or by `operationRef` (a pointer into this document, or another
 * document that Atrium does not read), with runtime expressions (`$response.body#/id`) for the
 * target's parameters and body.
 */
import { followRef, parseRefPointer, toRefPointer } from './json-pointer.ts';
import { isObject, text, type JsonObject } from './object.ts';
import type { FoundOperation } from './operations.ts';

export interface ApiLink {
  /** The response's status key as written (`200`, `2XX`, `default`). */
  status: string;
  name: string;
  /** The operation of this document the link leads to, when it names one that exists. */
  target?: FoundOperation;
  /** How the link names its target (`operationId` or `operationRef`), for when `target` is missing. */
  targetText: string;
  /** Target parameter → runtime expression (or constant, as JSON). */
  parameters: [string, string][];
  requestBody?: string;
  description?: string;
}

function expressionText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** The operation an `operationRef` names, when it is a pointer into this document. */
function byOperationRef<T extends FoundOperation>(operations: readonly T[], ref: string): T | undefined {
  if (!ref.startsWith('#')) return undefined; // another document: nothing here to link to
  const segments = parseRefPointer(ref, true);
  if (!segments) return undefined;
  const pointer = toRefPointer(segments);
  return operations.find((op) => op.pointer === pointer);
}

/** Every link of every response of `operation`, in document order, with its target among `operations`. */
export function operationLinks<T extends FoundOperation>(doc: JsonObject, operation: JsonObject, operations: readonly T[]): (ApiLink & { target?: T })[] {
  const found: (ApiLink & { target?: T })[] = [];
  if (!isObject(operation.responses)) return found;
  for (const [status, raw] of Object.entries(operation.responses)) {
    const response = followRef(doc, raw).value;
    if (!response || !isObject(response.links)) continue;
    for (const [name, rawLink] of Object.entries(response.links)) {
      const link = followRef(doc, rawLink).value;
      if (!link) continue;
      const operationId = typeof link.operationId === 'string' ? link.operationId : undefined;
      const operationRef = typeof link.operationRef === 'string' ? link.operationRef : undefined;
      const target = operationId
        ? operations.find((op) => op.operation.operationId === operationId)
        : operationRef
          ? byOperationRef(operations, operationRef)
          : undefined;
      found.push({
        status,
        name,
        target,
        targetText: operationId ?? operationRef ?? '',
        parameters: isObject(link.parameters) ? Object.entries(link.parameters).map(([k, v]) => [k, expressionText(v)]) : [],
        requestBody: link.requestBody === undefined ? undefined : expressionText(link.requestBody),
        description: text(link.description),
      });
    }
  }
  return found;
}
