/**
 * What an operation rule sees: the matched operation in both documents, and helpers to
 * compare schemas and report changes. Rules live in `rules/`, one concern per file.
 */
import { CHANGE_KINDS, type ChangeKind, type ChangeKindInfo } from './change-kinds.ts';
import type { OperationEntry } from './operations.ts';
import { formatSchemaPath, type Direction, type SchemaComparer } from './schema/schema-comparer.ts';
import type { ApiDocument } from '../openapi/api-document.ts';
import type { Change } from './types.ts';

export interface OperationRuleContext {
  old: OperationEntry;
  new: OperationEntry;
  oldSpec: ApiDocument;
  newSpec: ApiDocument;
  /**
   * Every rule judges a change for the reader. In webhooks and callbacks the API sends the
   * request and the reader's endpoint answers it, so there the request is data received and
   * the response data sent.
   */
  /** The direction of the request's data for the reader (`request`, or `response` when the reader receives it). */
  requestDirection: Direction;
  /** The direction of the response's data for the reader. */
  responseDirection: Direction;
  /** `breaking` is the verdict for an operation the reader calls; kinds that `swapsForReader` flip it in webhooks and callbacks. */
  emit(kind: ChangeKind, breaking: boolean, message: string, pointer?: string): void;
  /**
   * Compares two schemas and reports each difference as `<prefix>-<fact>` (for example
   * `response-property-removed`), with `where` ("response 200 (application/json)") leading
   * the message. `pointer` is used when a difference has no place of its own.
   */
  compareSchemas(
    oldSchema: unknown,
    newSchema: unknown,
    options: { direction: Direction; prefix: 'parameter' | 'request' | 'response'; where: string; pointer: string },
  ): void;
}

export type OperationRule = (ctx: OperationRuleContext) => void;

export function createOperationContext(
  old: OperationEntry,
  neu: OperationEntry,
  oldSpec: ApiDocument,
  newSpec: ApiDocument,
  schemas: SchemaComparer,
  changes: Change[],
): OperationRuleContext {
  const readerReceives = neu.sender === 'api';
  const emit: OperationRuleContext['emit'] = (kind, forCaller, message, pointer) => {
    const breaking = readerReceives && (CHANGE_KINDS[kind] as ChangeKindInfo | undefined)?.swapsForReader ? !forCaller : forCaller;
    changes.push(pointer === undefined ? { kind, breaking, message } : { kind, breaking, message, pointer });
  };
  return {
    old,
    new: neu,
    oldSpec,
    newSpec,
    requestDirection: readerReceives ? 'response' : 'request',
    responseDirection: readerReceives ? 'request' : 'response',
    emit,
    compareSchemas(oldSchema, newSchema, { direction, prefix, where, pointer }) {
      for (const fact of schemas.compare(oldSchema, newSchema, direction)) {
        const path = formatSchemaPath(fact.path);
        const subject = path === '' ? '' : path.startsWith('[') ? `\`${path}\` ` : `property \`${path}\` `;
        const spec = fact.side === 'old' ? oldSpec : newSpec;
        const at = fact.at ? spec.pointerOf(fact.at) : undefined;
        const others =
          fact.otherPaths > 0 ? ` (and at ${fact.otherPaths} other path${fact.otherPaths === 1 ? '' : 's'} to the same schema)` : '';
        emit(`${prefix}-${fact.fact}` as ChangeKind, fact.breaking, `${where}: ${subject}${fact.detail}${others}`, at ?? pointer);
      }
    },
  };
}
