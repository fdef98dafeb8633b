/**
 * The MCP server over one built portal folder (DESIGN §7): the official SDK's McpServer with
 * the four contract tools, each read-only and closed-world. Every failure becomes a tool
 * result with `isError: true` and a sentence saying what to do; nothing is thrown at the
 * transport, so one bad call never ends the session.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { PortalError } from './portal-folder.ts';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, PortalTools } from './tools.ts';

export interface PortalServerOptions {
  /** Reported to clients as the server's version. */
  version: string;
  /** Unexpected errors (bugs), for the operator's log; stdout belongs to the protocol. */
  log?: (line: string) => void;
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export function createPortalServer(portalDir: string, options: PortalServerOptions): McpServer {
  const tools = new PortalTools(portalDir);
  const server = new McpServer(
    { name: 'atrium', title: 'Atrium developer portal', version: options.version },
    {
      instructions:
        'Answers from one built Atrium developer portal: list_products for products, versions, environments and base URLs; ' +
        'search for pages; get_page for a page as markdown; get_operation for one API operation with what the gateway enforces.',
    },
  );

  const run = async (produce: () => Promise<string>): Promise<CallToolResult> => {
    try {
      return { content: [{ type: 'text', text: await produce() }] };
    } catch (error) {
      if (error instanceof PortalError) return { isError: true, content: [{ type: 'text', text: error.message }] };
      options.log?.(`atrium mcp: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
      return { isError: true, content: [{ type: 'text', text: `internal error in atrium mcp: ${(error as Error)?.message ?? String(error)}` }] };
    }
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  server.registerTool(
    'list_products',
    {
      title: 'List API products',
      description:
        'The API products of this portal with their versions (status, deprecation, sunset), docs, reference and spec URLs, ' +
        'and per environment the base URLs, authentication and rate limits. JSON.',
      annotations: READ_ONLY,
    },
    () => run(async () => json(await tools.listProducts())),
  );

  server.registerTool(
    'search',
    {
      title: 'Search the portal',
      description: 'Full-text search over every page of the portal (docs, versions, API reference). JSON array of {url, title, excerpt}, best first.',
      inputSchema: {
        query: z.string().describe('Words to look for, e.g. "rate limit" or "create booking"'),
        limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().describe(`Most results to return (default ${DEFAULT_SEARCH_LIMIT})`),
      },
      annotations: READ_ONLY,
    },
    ({ query, limit }) => run(async () => json(await tools.search(query, limit))),
  );

  server.registerTool(
    'get_page',
    {
      title: 'Read a page as markdown',
      description:
        'One page of the portal as markdown: a doc, a product or version page, an API reference page (parameters, schemas, examples, code samples). ' +
        'Give its URL as search or list_products returned it, e.g. /products/flights/docs/getting-started/.',
      inputSchema: { url: z.string().describe('The page URL (a path such as /products/flights/v1/, or a full URL of this portal)') },
      annotations: READ_ONLY,
    },
    ({ url }) => run(() => tools.getPage(url)),
  );

  server.registerTool(
    'get_operation',
    {
      title: 'Read one API operation',
      description:
        'One operation of an API version as markdown: parameters, request body, responses, examples, code samples, and per environment ' +
        'the URL, authentication and rate limits the Kong gateway enforces.',
      inputSchema: {
        product: z.string().describe('Product slug or name, as list_products gives it'),
        version: z.string().describe('Version name, e.g. v1'),
        operation: z.string().describe('operationId, page slug, or "METHOD /path" such as "GET /flights/{id}"'),
      },
      annotations: READ_ONLY,
    },
    ({ product, version, operation }) => run(() => tools.getOperation(product, version, operation)),
  );

  return server;
}
