/** A version with no gateway link is allowed (docs and spec only) but worth a warning. */
import type { ContentRule } from './context.ts';
import { at, trusted } from './context.ts';

export const notDeployedRule: ContentRule = (context) =>
  context.products.flatMap((product) =>
    product.versions
      .filter((version) => trusted(context, version.file, 'gateway_services') && version.gateway_services.length === 0)
      .map((version) => ({
        severity: 'warning' as const,
        code: 'not-deployed',
        message: `version \`${version.name}\` is not deployed: no \`gateway_services\`; add \`gateway_services: [{ control_plane: <file in control-planes/>, service: <service name> }]\` to show where it runs`,
        ...at(context, version.file),
      })),
  );
