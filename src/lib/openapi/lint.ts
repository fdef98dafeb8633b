/**
 * Lint rules: things the OpenAPI schema allows but that make a poor reference.
 * - every operation has an `operationId` (page URLs and code samples are built from it),
 * - no two operations share one,
 * - every operation declares at least one response,
 * - every component is used (reachable from an operation, a webhook or a security requirement).
 *
 * Works on the bundled document (Swagger 2.0 or OpenAPI 3.x); findings carry bundled
 * pointers, which the loader maps to source lines.
 */
import { getAt, parsePointer, parseRefPointer } from './json-pointer.ts';
import { isObject } from './object.ts';
import { findOperations } from './operations.ts';
import { walk, type Kind, type SpecFamily } from './structure.ts';
import type { SpecProblem } from './types.ts';

interface Operation {
  method: string;
  path: string;
  segments: string[];
  value: Record<string, unknown>;
}

export function lintBundled(doc: Record<string, unknown>, family: SpecFamily): SpecProblem[] {
  const operations = listOperations(doc, family);
  return [...lintOperations(operations), ...lintUnusedComponents(doc, family, operations)];
}

/**
 * Operations under `paths` (and 3.x webhooks), following internal path-item refs. Callbacks
 * are left out: their operations are the API's requests, with no page URL of their own to keep stable.
 */
function listOperations(doc: Record<string, unknown>, family: SpecFamily): Operation[] {
  const found = findOperations(family === 'openapi-3' ? doc : { paths: doc.paths });
  return found
    .filter((op) => op.kind !== 'callback')
    .map((op) => ({
      method: op.method,
      path: op.kind === 'webhook' ? `webhook ${op.path}` : op.path,
      segments: parseRefPointer(op.pointer) ?? [],
      value: op.operation,
    }));
}

function label(op: Operation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

function lintOperations(operations: Operation[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const byId = new Map<string, Operation>();
  for (const op of operations) {
    const id = op.value.operationId;
    if (typeof id !== 'string' || id.trim() === '') {
      problems.push({
        severity: 'warning',
        code: 'spec-operation-id-missing',
        message: `operation ${label(op)} has no \`operationId\`; add a unique one so its page URL and code samples stay stable`,
        segments: op.segments,
      });
    } else {
      const first = byId.get(id);
      if (first) {
        problems.push({
          severity: 'warning',
          code: 'spec-operation-id-duplicate',
          message: `\`operationId: ${id}\` of ${label(op)} is already used by ${label(first)}; operation ids must be unique`,
          segments: [...op.segments, 'operationId'],
        });
      } else byId.set(id, op);
    }
    const responses = op.value.responses;
    if (!isObject(responses) || Object.keys(responses).filter((k) => !k.startsWith('x-')).length === 0) {
      problems.push({
        severity: 'warning',
        code: 'spec-operation-responses-missing',
        message: `operation ${label(op)} declares no responses; add at least one (for example \`200\` or \`default\`)`,
        segments: responses === undefined ? op.segments : [...op.segments, 'responses'],
      });
    }
  }
  return problems;
}

/** Component sections checked for use, with the kind of object each holds. */
function sections(family: SpecFamily): [string[], Kind, string][] {
  if (family === 'swagger-2.0') {
    return [
      [['definitions'], 'Schema', 'schema'],
      [['parameters'], 'Parameter', 'parameter'],
      [['responses'], 'Response', 'response'],
      [['securityDefinitions'], 'SecurityScheme', 'security scheme'],
    ];
  }
  return [
    [['components', 'schemas'], 'Schema', 'schema'],
    [['components', 'parameters'], 'Parameter', 'parameter'],
    [['components', 'responses'], 'Response', 'response'],
    [['components', 'requestBodies'], 'RequestBody', 'request body'],
    [['components', 'headers'], 'Header', 'header'],
    [['components', 'examples'], 'Example', 'example'],
    [['components', 'links'], 'Link', 'link'],
    [['components', 'callbacks'], 'Callback', 'callback'],
    [['components', 'pathItems'], 'PathItem', 'path item'],
    [['components', 'securitySchemes'], 'SecurityScheme', 'security scheme'],
  ];
}

function lintUnusedComponents(doc: Record<string, unknown>, family: SpecFamily, operations: Operation[]): SpecProblem[] {
  const all = sections(family);
  const used = new Set<string>(); // "<section pointer>/<name>"
  const queue: { value: unknown; kind: Kind; segments: string[] }[] = [];

  const use = (sectionPath: string[], name: string): void => {
    const key = `${sectionPath.join('/')}/${name}`;
    if (used.has(key)) return;
    used.add(key);
    const section = all.find(([p]) => p.join('/') === sectionPath.join('/'));
    if (section) queue.push({ value: getAt(doc, [...sectionPath, name]), kind: section[1], segments: [...sectionPath, name] });
  };

  const useRef = (ref: string): void => {
    if (!ref.startsWith('#/')) return;
    const segments = parsePointer(ref.slice(1));
    if (!segments) return;
    for (const [sectionPath] of all) {
      if (segments.length > sectionPath.length && sectionPath.every((s, i) => segments[i] === s)) use(sectionPath, segments[sectionPath.length]);
    }
  };

  const schemaNames = sectionNames(doc, family);
  // One walk per root: structural `$ref`s, and `discriminator.mapping` values, which are
  // references written as strings (or bare schema names) and so are no `$ref` to the walker.
  const scan = (value: unknown, kind: Kind, segments: string[]): void => {
    walk(value, kind, family, [...segments], null, {
      ref: ({ node }) => (useRef(node.$ref), null),
      enter: ({ node, kind: at }) => {
        if (at === 'Schema') useDiscriminatorMapping(node, useRef, schemaNames);
      },
    });
  };

  // Roots: everything that is not a component.
  if (isObject(doc.paths)) scan(doc.paths, 'Paths', ['paths']);
  for (const group of family === 'openapi-3' ? ['webhooks', 'x-webhooks'] : []) {
    const webhooks = doc[group];
    if (isObject(webhooks)) for (const [name, item] of Object.entries(webhooks)) scan(item, 'PathItem', [group, name]);
  }
  const schemeSection = all.find(([, kind]) => kind === 'SecurityScheme')![0];
  const requirements = [doc.security, ...operations.map((op) => op.value.security)];
  for (const list of requirements) {
    if (!Array.isArray(list)) continue;
    for (const requirement of list) if (isObject(requirement)) for (const name of Object.keys(requirement)) use(schemeSection, name);
  }
  for (let next = queue.shift(); next; next = queue.shift()) scan(next.value, next.kind, next.segments);

  const problems: SpecProblem[] = [];
  for (const [sectionPath, , noun] of all) {
    const container = getAt(doc, sectionPath);
    if (!isObject(container)) continue;
    for (const name of Object.keys(container)) {
      if (used.has(`${sectionPath.join('/')}/${name}`)) continue;
      problems.push({
        severity: 'warning',
        code: 'spec-component-unused',
        message: `${noun} \`${name}\` is not used by any operation; remove it or reference it`,
        segments: [...sectionPath, name],
      });
    }
  }
  return problems;
}

/** Schema names in their section, for discriminator mappings that name a schema instead of a ref. */
function sectionNames(doc: Record<string, unknown>, family: SpecFamily): { prefix: string; names: Set<string> } {
  const container = getAt(doc, family === 'swagger-2.0' ? ['definitions'] : ['components', 'schemas']);
  return { prefix: family === 'swagger-2.0' ? '#/definitions/' : '#/components/schemas/', names: new Set(isObject(container) ? Object.keys(container) : []) };
}

/** The schemas a Schema Object's `discriminator.mapping` names. */
function useDiscriminatorMapping(schema: Record<string, unknown>, useRef: (ref: string) => void, schemas: { prefix: string; names: Set<string> }): void {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || !isObject(discriminator.mapping)) return;
  for (const target of Object.values(discriminator.mapping)) {
    if (typeof target !== 'string') continue;
    useRef(target.startsWith('#') ? target : schemas.names.has(target) ? schemas.prefix + target : target);
  }
}
