/**
 * The "Through the gateway" section of an operation's markdown twin: per environment, what
 * the HTML section (reference/gateway-operation.ts) states — the URLs the operation is served at, what a
 * request must also carry to match the route, the auth alternatives and how to send each
 * credential, rate limits, CORS, size limits, and the responses Kong answers with before the
 * API is reached; or that the operation is not served, or the service is disabled.
 */
import type { OperationRoute } from '../gateway/operation-facts.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { inlineCode } from '../reference/index.ts';
import { operationInEnvironment, type OperationKey } from '../reference/gateway-operation.ts';
import { describeAuth, describeRateLimit, formatBytes } from './auth-notes.ts';
import { GATEWAY_SECTION_HEADING } from './gateway-facts.ts';

const codes = (values: readonly string[]) => values.map((v) => inlineCode(v)).join(', ');

function authLines(route: OperationRoute): string[] {
  const how = (name: string) => {
    const details = route.auth_methods.filter((method) => method.type === name);
    return details.length ? details.map((d) => `${inlineCode(name)} (${describeAuth(d).title}: ${describeAuth(d).howTo})`).join('; ') : inlineCode(name);
  };
  const { auth } = route;
  if (!auth.required) {
    if (!route.optional_auth.length) return ['- Authentication: none required'];
    return [`- Authentication: optional; callers without credentials pass as an anonymous consumer. With credentials: ${route.optional_auth.map(how).join(', or ')}`];
  }
  if (auth.any_of.length === 1) return [`- Authentication: ${auth.any_of[0]!.length > 1 ? 'all of ' : ''}${auth.any_of[0]!.map(how).join(' and ')}`];
  return ['- Authentication, any one of:', ...auth.any_of.map((all) => `  - ${all.map(how).join(' and ')}`)];
}

function routeLines(route: OperationRoute, position: number | undefined, specStatuses: readonly string[], internal: boolean): string[] {
  const out = [`${position === undefined ? '' : position === 0 ? 'Tried first: ' : 'Otherwise: '}Route ${inlineCode(route.route)}`, ''];
  out.push(
    route.urls.length
      ? `- URL: ${codes(route.urls)}`
      : `- URL: the route names no host and the environment has no base URL; ask the API team for the host (${codes(route.protocols)})`,
  );
  const r = route.requires;
  const unsaid = r.hosts.filter((host) => !route.urls.some((url) => url.includes(`://${host}/`) || url.endsWith(`://${host}`)));
  const conditions = [
    unsaid.length ? `Host: ${codes(r.hosts)}` : '',
    ...Object.entries(r.headers).map(([name, values]) => `Header ${inlineCode(name)}: ${codes(values)}`),
    r.snis.length ? `TLS server name (SNI): ${codes(r.snis)}` : '',
    r.sources.length ? `From source address: ${codes(r.sources)}` : '',
    r.destinations.length ? `To destination: ${codes(r.destinations)}` : '',
    r.condition ? `Expression: ${inlineCode(r.condition)}` : '',
  ].filter(Boolean);
  if (conditions.length) out.push('- A request must also carry:', ...conditions.map((c) => `  - ${c}`));
  out.push(...authLines(route));
  out.push(`- Rate limits: ${route.rate_limits.length ? route.rate_limits.map(describeRateLimit).join('; ') : 'none'}`);
  if (internal && route.some_consumers_differ) out.push('- Some consumers have other limits or plugins on this route.');
  if (route.cors) out.push(`- CORS: origins ${codes(route.cors.origins.length ? route.cors.origins : ['*'])}${route.cors.credentials ? ', with credentials' : ''}`);
  if (route.request_size_limit_bytes !== undefined) out.push(`- Request bodies up to ${formatBytes(route.request_size_limit_bytes)}`);
  if (route.errors.length) {
    out.push('- Responses from the gateway (before the API is reached):');
    for (const error of route.errors) {
      const documented = specStatuses.includes(String(error.status)) ? ' (also documented by the API)' : '';
      const headers = error.headers.length ? `; headers ${codes(error.headers)}` : '';
      out.push(`  - ${error.status}${documented}: ${error.description} (${error.plugins.join(', ')})${headers}`);
    }
  }
  out.push('');
  return out;
}

/** The section, or '' when no environment states per-operation facts. */
export function gatewayOperationMarkdown(op: OperationKey, environments: readonly ResolvedEnvironment[], specStatuses: readonly string[], internal = false): string {
  const withFacts = environments.filter((env) => operationInEnvironment(env, op) !== undefined);
  if (!withFacts.length) return '';
  const out = [GATEWAY_SECTION_HEADING, ''];
  for (const env of withFacts) {
    const facts = operationInEnvironment(env, op)!;
    const label = env.label ?? env.name;
    out.push(`### ${label}`, '');
    if (env.gateway?.enabled === false || env.disabled) {
      out.push(`Disabled in ${env.control_plane}: the gateway serves no route of this service.`, '');
    } else if (!facts.served_by.length) {
      out.push(`Not served in ${label}: no route of the service matches this operation, so the gateway answers 404.`, '');
    } else {
      facts.served_by.forEach((route, i) => out.push(...routeLines(route, facts.served_by.length > 1 ? i : undefined, specStatuses, internal)));
    }
  }
  return out.join('\n').trimEnd();
}
