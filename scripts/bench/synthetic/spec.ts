/**
 * One synthetic OpenAPI document: `operations` operations over a handful of resources, all
 * sharing `$ref` component schemas the way real specs do (Error, Money, Address, a paged
 * list envelope), with nesting several levels deep, a `oneOf` with a discriminator, an
 * `allOf` composition and two recursive schemas (a tree and a self-referencing category).
 *
 * Later versions of a product change the spec a little (a new property, a new enum value,
 * a deprecated operation), so the portal's version diff has something to show.
 */
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import { pascal, paragraph, resourceName } from './names.ts';

export interface SyntheticSpecInput {
  product: number;
  productName: string;
  /** 1-based version number. */
  version: number;
  operations: number;
  /** 3.1 documents use `type: [x, 'null']`, 3.0 documents `nullable: true`. */
  openapi: '3.0.3' | '3.1.0';
  /** Base URL of the service, as the gateway exposes it. */
  serverUrl: string;
}

type Json = Record<string, unknown>;

const KINDS = ['list', 'create', 'get', 'update', 'delete', 'search', 'tree', 'history'] as const;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

export function syntheticSpec(input: SyntheticSpecInput): Json {
  const random = seededRandom(input.product * 1009 + input.version * 31);
  const nullable = (schema: Json): Json =>
    input.openapi === '3.1.0' ? { ...schema, type: [schema.type, 'null'] } : { ...schema, nullable: true };

  const resourceCount = Math.max(1, Math.ceil(input.operations / KINDS.length));
  const resources = Array.from({ length: resourceCount }, (_, r) => resourceName(input.product, r));

  const schemas: Json = {
    Error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', example: 'not_found' },
        message: { type: 'string', example: 'The resource does not exist.' },
        details: { type: 'array', items: ref('ErrorDetail') },
      },
    },
    ErrorDetail: {
      type: 'object',
      properties: { field: { type: 'string' }, issue: { type: 'string' } },
    },
    PageInfo: {
      type: 'object',
      properties: {
        next_cursor: nullable({ type: 'string', description: 'Pass as `cursor` to get the next page.' }),
        total: { type: 'integer', minimum: 0 },
      },
    },
    Money: {
      type: 'object',
      required: ['amount', 'currency'],
      properties: {
        amount: { type: 'number', format: 'double', minimum: 0, example: 12.5 },
        currency: { type: 'string', enum: ['EUR', 'USD', 'GBP', 'JPY'], example: 'EUR' },
      },
    },
    Address: {
      type: 'object',
      properties: {
        line1: { type: 'string', maxLength: 120 },
        line2: nullable({ type: 'string' }),
        city: { type: 'string' },
        postal_code: { type: 'string', pattern: '^[0-9A-Z -]{3,10}$' },
        country: { type: 'string', minLength: 2, maxLength: 2, example: 'NL' },
      },
    },
    Contact: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
        phone: nullable({ type: 'string' }),
        address: ref('Address'),
      },
    },
    AuditInfo: {
      type: 'object',
      readOnly: true,
      properties: {
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        created_by: ref('Contact'),
      },
    },
    // Recursive through itself, twice (children and parent).
    TreeNode: {
      type: 'object',
      required: ['id', 'label'],
      properties: {
        id: { type: 'string' },
        label: { type: 'string' },
        parent: ref('TreeNode'),
        children: { type: 'array', items: ref('TreeNode') },
      },
    },
    // Recursive through an array, with a sibling that points back.
    Category: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        subcategories: { type: 'array', items: ref('Category') },
        featured: ref('CategoryLink'),
      },
    },
    CategoryLink: {
      type: 'object',
      properties: { category: ref('Category'), weight: { type: 'integer' } },
    },
    DigitalDelivery: {
      type: 'object',
      required: ['kind', 'url'],
      properties: { kind: { type: 'string', enum: ['digital'] }, url: { type: 'string', format: 'uri' } },
    },
    PhysicalDelivery: {
      type: 'object',
      required: ['kind', 'address'],
      properties: {
        kind: { type: 'string', enum: ['physical'] },
        address: ref('Address'),
        weight_grams: { type: 'integer', minimum: 1 },
      },
    },
    Delivery: {
      oneOf: [ref('DigitalDelivery'), ref('PhysicalDelivery')],
      discriminator: {
        propertyName: 'kind',
        mapping: { digital: '#/components/schemas/DigitalDelivery', physical: '#/components/schemas/PhysicalDelivery' },
      },
    },
  };

  const statuses = ['draft', 'active', 'suspended', 'closed'];
  if (input.version >= 3) statuses.push('archived');
  for (const resource of resources) {
    const Name = pascal(resource);
    const properties: Json = {
      name: { type: 'string', minLength: 1, maxLength: 200, example: `My ${resource}` },
      status: { type: 'string', enum: statuses, default: 'draft' },
      price: ref('Money'),
      owner: ref('Contact'),
      category: ref('Category'),
      delivery: ref('Delivery'),
      tags: { type: 'array', items: { type: 'string' }, maxItems: 20 },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
    };
    if (input.version >= 2) properties[`priority_v${input.version}`] = { type: 'integer', minimum: 0, maximum: 9 };
    schemas[`${Name}Input`] = { type: 'object', required: ['name'], properties };
    schemas[Name] = {
      allOf: [
        ref(`${Name}Input`),
        {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', readOnly: true, example: `${resource}_123` }, audit: ref('AuditInfo') },
        },
      ],
    };
    schemas[`${Name}List`] = {
      type: 'object',
      properties: { items: { type: 'array', items: ref(Name) }, page: ref('PageInfo') },
    };
  }

  const paths: Record<string, Json> = {};
  for (let i = 0; i < input.operations; i++) {
    const resource = resources[Math.floor(i / KINDS.length)]!;
    const kind = KINDS[i % KINDS.length]!;
    const { path, method, operation } = syntheticOperation(resource, kind, random);
    // The last version deprecates its first operation, so deprecation badges render too.
    if (input.version >= 3 && i === 0) operation.deprecated = true;
    (paths[path] ??= {})[method] = operation;
  }

  return {
    openapi: input.openapi,
    info: {
      title: `${input.productName} API`,
      version: `${input.version}.0.0`,
      description: `${paragraph(random, 3)}\n\n## Conventions\n\n${paragraph(random, 2)}`,
      contact: { name: `${input.productName} team`, email: 'api-team@bench.example' },
    },
    servers: [{ url: input.serverUrl, description: 'Production' }],
    security: [{ apiKey: [] }],
    tags: resources.map((r) => ({ name: r, description: paragraph(random, 1) })),
    paths,
    components: {
      schemas,
      parameters: {
        Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque cursor from `page.next_cursor`.' },
        Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        IdempotencyKey: { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', format: 'uuid' } },
      },
      responses: {
        NotFound: { description: 'No such resource.', content: { 'application/json': { schema: ref('Error') } } },
        Unauthorized: { description: 'Missing or invalid API key.', content: { 'application/json': { schema: ref('Error') } } },
        RateLimited: {
          description: 'Too many requests.',
          headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
          content: { 'application/json': { schema: ref('Error') } },
        },
      },
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'apikey' } },
    },
  };
}

function syntheticOperation(
  resource: string,
  kind: (typeof KINDS)[number],
  random: () => number,
): { path: string; method: string; operation: Json } {
  const Name = pascal(resource);
  const collection = `/${resource}s`;
  const item = `${collection}/{${resource}Id}`;
  const idParam = { name: `${resource}Id`, in: 'path', required: true, schema: { type: 'string' } };
  const json = (schema: Json) => ({ 'application/json': { schema } });
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorized' },
    '429': { $ref: '#/components/responses/RateLimited' },
  };
  const base = (summary: string): Json => ({
    operationId: `${kind}-${resource}`,
    summary,
    description: paragraph(random, 2),
    tags: [resource],
  });
  switch (kind) {
    case 'list':
      return {
        path: collection,
        method: 'get',
        operation: {
          ...base(`List ${resource}s`),
          parameters: [{ $ref: '#/components/parameters/Cursor' }, { $ref: '#/components/parameters/Limit' }],
          responses: { '200': { description: 'A page of results.', content: json(ref(`${Name}List`)) }, ...errors },
        },
      };
    case 'create':
      return {
        path: collection,
        method: 'post',
        operation: {
          ...base(`Create a ${resource}`),
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: { required: true, content: json(ref(`${Name}Input`)) },
          responses: { '201': { description: 'Created.', content: json(ref(Name)) }, ...errors },
        },
      };
    case 'get':
      return {
        path: item,
        method: 'get',
        operation: {
          ...base(`Get a ${resource}`),
          parameters: [idParam],
          responses: { '200': { description: 'The resource.', content: json(ref(Name)) }, '404': { $ref: '#/components/responses/NotFound' }, ...errors },
        },
      };
    case 'update':
      return {
        path: item,
        method: 'patch',
        operation: {
          ...base(`Update a ${resource}`),
          parameters: [idParam],
          requestBody: { required: true, content: json(ref(`${Name}Input`)) },
          responses: { '200': { description: 'Updated.', content: json(ref(Name)) }, '404': { $ref: '#/components/responses/NotFound' }, ...errors },
        },
      };
    case 'delete':
      return {
        path: item,
        method: 'delete',
        operation: {
          ...base(`Delete a ${resource}`),
          parameters: [idParam],
          responses: { '204': { description: 'Deleted.' }, '404': { $ref: '#/components/responses/NotFound' }, ...errors },
        },
      };
    case 'search':
      return {
        path: `${collection}/search`,
        method: 'post',
        operation: {
          ...base(`Search ${resource}s`),
          requestBody: {
            content: json({
              type: 'object',
              properties: {
                query: { type: 'string' },
                category: ref('Category'),
                price_range: { type: 'object', properties: { min: ref('Money'), max: ref('Money') } },
              },
            }),
          },
          responses: { '200': { description: 'Matches.', content: json(ref(`${Name}List`)) }, ...errors },
        },
      };
    case 'tree':
      return {
        path: `${item}/tree`,
        method: 'get',
        operation: {
          ...base(`Get the ${resource} hierarchy`),
          parameters: [idParam, { name: 'depth', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10, default: 3 } }],
          responses: { '200': { description: 'The tree below this resource.', content: json(ref('TreeNode')) }, ...errors },
        },
      };
    case 'history':
      return {
        path: `${item}/history`,
        method: 'get',
        operation: {
          ...base(`List changes to a ${resource}`),
          parameters: [idParam, { $ref: '#/components/parameters/Cursor' }],
          responses: {
            '200': {
              description: 'Audit entries, newest first.',
              content: json({ type: 'object', properties: { items: { type: 'array', items: ref('AuditInfo') }, page: ref('PageInfo') } }),
            },
            ...errors,
          },
        },
      };
  }
}
