/**
 * A product's synthetic docs: an index and `count - 1` pages spread over four folders,
 * each with code blocks in several languages (titles, highlighted lines), a table, an
 * admonition, links to sibling docs with anchors (so the link checker has work), and one
 * Mermaid and one PlantUML diagram per ten docs. Diagram sources name the product, so
 * every product's diagrams are distinct cache entries, as in a real portal.
 */
import path from 'node:path';
import { seededRandom } from '../../../src/lib/seeded-random.ts';
import { paragraph } from './names.ts';

export interface SyntheticFile {
  /** Path relative to the content folder, POSIX separators. */
  path: string;
  text: string;
}

const FOLDERS = ['guides', 'tutorials', 'operations', 'concepts'] as const;

/** Where doc `i` of a product lives, relative to the product's `docs/` folder. */
export function docPath(i: number): string {
  if (i === 0) return 'index.md';
  const folder = FOLDERS[(i - 1) % FOLDERS.length]!;
  return i <= FOLDERS.length ? `${folder}/index.md` : `${folder}/topic-${i}.md`;
}

/** True when doc `i` holds a Mermaid diagram (one in ten). */
export const hasMermaid = (i: number): boolean => i % 10 === 3;
/** True when doc `i` holds a PlantUML diagram (one in ten). */
export const hasPlantuml = (i: number): boolean => i % 10 === 7;

export function syntheticDocs(productSlug: string, productName: string, productIndex: number, count: number): SyntheticFile[] {
  const files: SyntheticFile[] = [];
  for (let i = 0; i < count; i++) {
    const random = seededRandom(productIndex * 7919 + i);
    const file = docPath(i);
    const link = (target: number, anchor = '') => {
      const rel = path.posix.relative(path.posix.dirname(file), docPath(target));
      return `${rel.startsWith('.') ? rel : `./${rel}`}${anchor}`;
    };
    const title = i === 0 ? `${productName} documentation` : `${titleOf(i)} ${i}`;
    const sections = [
      `---\ntitle: ${title}\ndescription: ${paragraph(random, 1)}\norder: ${i}\n---`,
      paragraph(random, 4),
      `## Overview\n\n${paragraph(random, 3)}`,
      i > 0 ? `Start with [the overview](${link(0, '#overview')}), then read [the previous page](${link(i - 1)}).` : '',
      i + 1 < count ? `Next: [${titleOf(i + 1)} ${i + 1}](${link(i + 1, '#overview')}).` : '',
      `## Calling the API\n\n${paragraph(random, 2)}`,
      codeBlocks(productSlug, i),
      `:::note[Rate limits]\n${paragraph(random, 2)}\n:::`,
      `## Reference table\n\n| Field | Type | Notes |\n| --- | --- | --- |\n` +
        Array.from({ length: 6 }, (_, r) => `| \`field_${r}\` | ${['string', 'integer', 'boolean'][r % 3]} | ${paragraph(random, 1)} |`).join('\n'),
      hasMermaid(i) ? `## Flow\n\n${mermaid(productName, i)}` : '',
      hasPlantuml(i) ? `## Components\n\n${plantuml(productName, i)}` : '',
      `## Troubleshooting\n\n${paragraph(random, 3)}\n\n- ${paragraph(random, 1)}\n- ${paragraph(random, 1)}\n- [x] ${paragraph(random, 1)}`,
    ];
    files.push({ path: `products/${productSlug}/docs/${file}`, text: sections.filter(Boolean).join('\n\n') + '\n' });
  }
  return files;
}

function titleOf(i: number): string {
  return ['Getting started', 'Authentication', 'Pagination', 'Webhooks', 'Errors', 'Idempotency', 'Testing', 'Going live'][i % 8]!;
}

function codeBlocks(product: string, i: number): string {
  const fence = '```';
  return [
    `${fence}bash title="List resources"\ncurl -H "apikey: $API_KEY" \\\n  "https://api.bench.example/${product}/v1/items?limit=${10 + i}"\n${fence}`,
    `${fence}ts title="client.ts" {2-3}\nconst response = await fetch('https://api.bench.example/${product}/v1/items', {\n  headers: { apikey: process.env.API_KEY! },\n});\nif (!response.ok) throw new Error(\`HTTP \${response.status}\`);\nconst page = (await response.json()) as { items: unknown[] };\nconsole.log(page.items.length);\n${fence}`,
    `${fence}python\nimport requests\n\nr = requests.get("https://api.bench.example/${product}/v1/items", headers={"apikey": KEY}, timeout=10)\nr.raise_for_status()\nfor item in r.json()["items"]:\n    print(item["id"], item["name"])\n${fence}`,
    `${fence}json\n{\n  "items": [{ "id": "item_${i}", "name": "Example ${i}", "status": "active" }],\n  "page": { "next_cursor": null, "total": 1 }\n}\n${fence}`,
  ].join('\n\n');
}

function mermaid(productName: string, i: number): string {
  return [
    '```mermaid',
    'sequenceDiagram',
    '    participant App as Partner app',
    '    participant Kong as Kong Gateway',
    `    participant Svc as ${productName} service`,
    `    App->>Kong: GET /items (doc ${i})`,
    '    Kong->>Kong: key-auth, rate-limiting',
    '    alt allowed',
    '        Kong->>Svc: forward',
    '        Svc-->>App: 200 OK',
    '    else limited',
    '        Kong-->>App: 429',
    '    end',
    '```',
  ].join('\n');
}

function plantuml(productName: string, i: number): string {
  return [
    '```plantuml',
    '@startuml',
    'actor "Partner app" as app',
    'node "Kong Gateway" {',
    '  component "key-auth" as auth',
    '  component "rate-limiting" as rl',
    '}',
    `component "${productName} service" as svc`,
    'database "Store" as db',
    `app --> auth : HTTPS (doc ${i})`,
    'auth --> rl',
    'rl --> svc',
    'svc --> db',
    '@enduml',
    '```',
  ].join('\n');
}
