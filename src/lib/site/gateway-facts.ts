/**
 * What Kong enforces for one operation, per environment, as markdown read from the version's
 * `gateway.json` (DESIGN §4a, contract): routes serving the operation, their URLs, auth
 * alternatives, rate limits and the errors the gateway adds. `atrium mcp get_operation` uses it
 * when a twin was built without the section (gateway-operation-markdown.ts writes it from the
 * site model at build time). Also the service-level facts of each environment (base URLs,
 * auth, limits: the union over the service's routes) for versions without per-operation facts.
 *
 * gateway.json is read with a lenient schema: a file from another Atrium version that lacks
 * a field loses that line, not the page.
 */
import { z } from 'zod';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { describeAuth, describeRateLimit, formatBytes } from './auth-notes.ts';
import { inlineCode } from '../reference/index.ts';

const RateLimitSchema = z.object({ limit: z.number(), window: z.string() });
const ServedBySchema = z.object({
  route: z.string().nullish(),
  urls: z.array(z.string()).catch([]),
  auth: z.object({ required: z.boolean().catch(false), any_of: z.array(z.array(z.string())).catch([]) }).nullish(),
  rate_limits: z.array(RateLimitSchema).catch([]),
  gateway_errors: z.array(z.number()).catch([]),
});
const OperationRefSchema = z.object({ method: z.string(), path: z.string() });
const EnvironmentSchema = z.object({
  name: z.string(),
  control_plane: z.string().nullish(),
  service: z.string().nullish(),
  enabled: z.boolean().catch(true),
  operations: z.array(OperationRefSchema.extend({ served_by: z.array(ServedBySchema).catch([]) })).catch([]),
  unrouted_operations: z.array(OperationRefSchema).catch([]),
});
export const GatewayDocumentSchema = z.object({
  product: z.string().nullish(),
  version: z.string().nullish(),
  environments: z.array(EnvironmentSchema),
});
export type GatewayDocument = z.infer<typeof GatewayDocumentSchema>;

/** gateway.json parsed, or undefined when it is not the §4a shape. */
export function readGatewayDocument(value: unknown): GatewayDocument | undefined {
  const parsed = GatewayDocumentSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const samePath = (a: string, b: string) => a === b || a.replace(/\{[^}]*\}/g, '{}') === b.replace(/\{[^}]*\}/g, '{}');
const matches = (op: { method: string; path: string }, method: string, path: string) => op.method.toLowerCase() === method.toLowerCase() && samePath(op.path, path);

/** The heading of the per-route section; `atrium mcp` looks for it before adding facts from gateway.json. */
export const GATEWAY_SECTION_HEADING = '## Through the gateway (Kong)';

function authAlternatives(auth: { required: boolean; any_of: string[][] } | null | undefined): string {
  if (!auth) return 'not stated';
  if (!auth.required || auth.any_of.length === 0) return 'none required';
  return auth.any_of.map((all) => all.map((plugin) => inlineCode(plugin)).join(' and ')).join(', or ');
}

/**
 * Per-route facts from gateway.json. At build time `environments` (the site model's) give each
 * environment's label and how to send each kind of credential; the MCP server has only the file.
 */
export function gatewayDocumentMarkdown(doc: GatewayDocument, method: string, path: string, environments: readonly ResolvedEnvironment[] = []): string {
  const labels = Object.fromEntries(environments.map((e) => [e.name, e.label ?? e.name]));
  const out: string[] = [GATEWAY_SECTION_HEADING, ''];
  for (const env of doc.environments) {
    const name = labels[env.name] ?? env.name;
    out.push(`### ${name}`, '');
    if (!env.enabled) {
      out.push('The service is disabled in this environment: Kong serves none of its routes.', '');
      continue;
    }
    const entry = env.operations.find((op) => matches(op, method, path));
    if (!entry || entry.served_by.length === 0) {
      const unrouted = env.unrouted_operations.some((op) => matches(op, method, path));
      out.push(unrouted ? 'No route serves this operation here: Kong answers `404 Not Found`.' : 'The gateway configuration says nothing about this operation here.', '');
      continue;
    }
    for (const served of entry.served_by) {
      if (entry.served_by.length > 1 || served.route) out.push(`Route ${served.route ? inlineCode(served.route) : '(unnamed)'}:`, '');
      out.push(`- URL: ${served.urls.length ? served.urls.map((u) => inlineCode(u)).join(', ') : 'none stated (the route has no host; ask the API team for the base URL)'}`);
      out.push(`- Authentication: ${authAlternatives(served.auth)}`);
      const plugins = new Set(served.auth?.required ? served.auth.any_of.flat() : []);
      for (const auth of environments.find((e) => e.name === env.name)?.auth ?? []) {
        if (!plugins.delete(auth.type)) continue;
        const note = describeAuth(auth);
        out.push(`  - ${inlineCode(auth.type)} (${note.title}): ${note.howTo}`);
      }
      out.push(`- Rate limits: ${served.rate_limits.length ? served.rate_limits.map((r) => describeRateLimit(r)).join('; ') : 'none'}`);
      if (served.gateway_errors.length) out.push(`- Errors the gateway may answer with: ${served.gateway_errors.map(String).join(', ')}`);
      out.push('');
    }
  }
  return out.join('\n').trimEnd();
}

/** Service-level facts per environment, when no gateway.json describes routes per operation. */
export function environmentsMarkdown(environments: readonly ResolvedEnvironment[]): string {
  if (!environments.length) return '';
  const out: string[] = ['## Environments', ''];
  for (const env of environments) {
    out.push(`### ${env.label ?? env.name}`, '');
    if (env.disabled) {
      out.push('The service is disabled in this environment: Kong serves none of its routes.', '');
      continue;
    }
    out.push(`- Base URL: ${env.base_urls.length ? env.base_urls.map((u) => inlineCode(u)).join(', ') : 'not published; ask the API team'}`);
    if (env.auth.length) {
      out.push('- Authentication:');
      for (const auth of env.auth) {
        const note = describeAuth(auth);
        out.push(`  - ${note.title}: ${note.howTo}`);
      }
    } else out.push('- Authentication: none required by the gateway');
    out.push(`- Rate limits: ${env.rate_limits.length ? env.rate_limits.map((r) => describeRateLimit(r)).join('; ') : 'none'}`);
    if (env.request_size_limit_bytes !== undefined) out.push(`- Request size limit: ${formatBytes(env.request_size_limit_bytes)}`);
    if (env.cors) out.push(`- CORS origins: ${env.cors.origins.length ? env.cors.origins.map((o) => inlineCode(o)).join(', ') : 'any'}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
