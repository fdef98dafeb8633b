/** The markdown twins of operation pages: what the HTML page shows, as text an agent reads. */
import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, inlineCode, renderOperationMarkdown, schemaMarkdown, tableCell, type OperationMarkdownContext } from '../../../src/lib/reference/index.ts';
import { neutralizeMarkup } from '../../../src/lib/site/site-files.ts';
import { environment, keyAuth, loadSpec } from './helpers.ts';

const pets = loadSpec('reference/pets-3.1.yaml');
const petsIndex = buildReferenceIndex(pets);
const ctx: OperationMarkdownContext = { environments: [], operationUrl: (slug: string) => `/products/pets/v2/reference/${slug}/` };
const twin = (slug: string, context = ctx) => renderOperationMarkdown(pets, petsIndex, slug, context);

describe('an operation twin', () => {
  const listPets = twin('list-pets');

  it('starts with the title, method and path and operation ID', () => {
    expect(listPets).toMatch(/^# List pets\n\n`GET \/pets` · Operation ID: `listPets`\n/);
  });

  it('lists every parameter with location, type, required, description, constraints and example', () => {
    expect(listPets).toContain('| `limit` | query | integer | no | How many pets to return. · min `1`, max `100`, default `20` |');
    expect(listPets).toContain('| `X-Request-Id` | header | string | yes | format `uuid` · Example: `0b7ad1d4-46c6-4a0b-9ff8-5f6d4f1e3a2b` |');
    expect(listPets).toContain('| `status` | query | string | no | nullable, one of `"available"`, `"sold"`, default `"available"` |');
  });

  it('expands response schemas in place, component schemas included, with their facts and descriptions', () => {
    expect(listPets).toContain('Type: array of Pet');
    expect(listPets).toContain('- `id` (integer; required, read-only, format `int64`)');
    expect(listPets).toContain('- `nickname` (string; nullable)\n  What the family calls it.');
    // Owner is a component two levels down; its anyOf keeps its variants.
    expect(listPets).toMatch(/- `owner` \(Owner\)\n  - `name` \(string\)\n  - `address` \(string \| object\)\n    - any of:\n      - option 1 \(string\)\n      - option 2 \(object\)\n        - `street` \(string\)/);
    expect(listPets).toContain('### default Any other status');
    expect(listPets).toContain('Headers:');
    expect(listPets).toContain('| `X-Next` | header | string | no | Cursor of the next page. |');
  });

  it('carries examples as JSON blocks and code samples in three languages', () => {
    expect(listPets).toContain('Example response (generated from the schema):\n\n```json\n[\n  {\n    "id": 0,');
    expect(listPets).toContain("curl 'https://eu.pets.example.com/v2/pets' \\\n  -H 'X-Request-Id: 0b7ad1d4-46c6-4a0b-9ff8-5f6d4f1e3a2b'");
    expect(listPets).toContain("```js\nconst response = await fetch('https://eu.pets.example.com/v2/pets'");
    expect(listPets).toContain('```python\nimport requests');
    expect(listPets).toContain('- `apiKey` (API key in the header `X-Api-Key`)');
  });

  it('writes samples per environment with the gateway auth when there are several', () => {
    const environments = [
      environment({ label: 'Production', auth: [keyAuth(['x-api-key'])] }),
      environment({ name: 'staging', label: 'Staging', base_urls: ['https://stg.example.net'] }),
    ];
    const text = twin('list-pets', { ...ctx, environments });
    expect(text).toContain('### Production');
    expect(text).toContain("curl 'https://gateway.example.net/v2/pets'");
    expect(text).toContain("-H 'x-api-key: <YOUR_API_KEY>'");
    expect(text).toContain('### Staging');
    expect(text).toContain("curl 'https://stg.example.net/v2/pets'");
  });

  it('shows a request body and links callbacks', () => {
    const create = twin('create-pet');
    expect(create).toContain('## Request body (required)');
    // NewPet is allOf [Pet, {callbackUrl}]: read as one object, Pet's fields then its own.
    expect(create).toMatch(/Type: NewPet\n\n- `id` \(integer; required/);
    expect(create).not.toContain('all of');
    expect(create).toContain('- `callbackUrl` (string; format `uri`)');
    expect(create).toContain('## Callbacks');
    expect(create).toContain('(/products/pets/v2/reference/create-pet-on-adopted-callback/)');
    const callback = twin('create-pet-on-adopted-callback');
    expect(callback).toContain('Callback: `POST {$request.body#/callbackUrl}`');
    expect(callback).toContain('Sent by the API after [POST /pets](/products/pets/v2/reference/create-pet/)');
    expect(callback).not.toContain('## Code samples');
  });

  it('stops at a recursive schema and says so', () => {
    const tree = twin('get-family-tree');
    expect(tree).toContain('- `parent` (↻ TreeNode (recursive))');
    expect(tree).toContain('- `children` (array of TreeNode)');
  });

  it('marks deprecated operations (once) and webhooks', () => {
    expect(twin('delete-pets-pet-id')).toContain('> **This operation is deprecated** and may be removed in a future version.');
    expect(twin('delete-pets-pet-id').match(/deprecated/gi)).toHaveLength(1);
    expect(twin('webhook-new-pet')).toContain('The API sends this request to the URL you register for the webhook.');
  });
});

describe('schemas past the depth and size budget', () => {
  const nested = (depth: number): object => (depth === 0 ? { type: 'string' } : { type: 'object', properties: { [`level${depth}`]: nested(depth - 1) } });

  it('cuts nesting deeper than five levels with a pointer to the spec', () => {
    const text = schemaMarkdown({}, nested(9));
    expect(text).toContain('`level9`');
    expect(text).toContain('`level5`');
    expect(text).not.toContain('`level3`');
    expect(text).toContain('nested deeper than 5 levels');
  });

  it('cuts a schema with too many fields and says where the rest is', () => {
    const properties = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field${i}`, { type: 'string' }]));
    const text = schemaMarkdown({}, { type: 'object', properties });
    expect(text).toContain('`field0`');
    expect(text).not.toContain('`field999`');
    expect(text).toContain('the full schema is in the downloadable spec');
  });
});

describe('markdown built from hostile text', () => {
  it('keeps code and table cells intact', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(tableCell('a | b\nc')).toBe('a \\| b c');
  });

  it('leaves nothing active once the twin is neutralised', () => {
    const doc = loadSpec('reference/hostile.yaml');
    const index = buildReferenceIndex(doc);
    for (const op of index.operations) {
      const text = neutralizeMarkup(renderOperationMarkdown(doc, index, op.slug, ctx));
      expect(text).not.toMatch(/<(script|img|iframe|svg)\b/i);
      expect(text).not.toMatch(/\]\(\s*javascript:/i);
      expect(text).not.toMatch(/<[a-z][^<>]*\son[a-z]+\s*=/i);
      expect(text).not.toMatch(/<[a-z][^<>]*=\s*["']?\s*javascript:/i);
    }
  });
});
