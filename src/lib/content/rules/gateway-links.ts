/**
 * A version's `gateway_services` entries must name a control plane (a file in
 * control-planes/) and a service in it, by `name` or `id`: otherwise the version page would
 * show an environment with nothing behind it.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { didYouMean, listNames } from '../../diagnostics/did-you-mean.ts';
import { deckServices } from '../parse-control-plane.ts';
import type { ContentRule } from './context.ts';
import { at, trusted } from './context.ts';

export const gatewayLinkRules: ContentRule = (context) => {
  const diagnostics: Diagnostic[] = [];
  const planes = new Map(context.controlPlanes.map((cp) => [cp.name, cp]));
  const planeNames = [...planes.keys()];

  for (const product of context.products) {
    for (const version of product.versions) {
      if (!trusted(context, version.file, 'gateway_services')) continue;
      const seen = new Set<string>();
      version.gateway_services.forEach((link, i) => {
        const plane = planes.get(link.control_plane);
        if (!plane) {
          const known = planeNames.length
            ? ` (control-planes/ has ${listNames(planeNames)})${didYouMean(link.control_plane, planeNames)}`
            : `; control-planes/ is empty, add the decK file of that control plane as control-planes/${link.control_plane}.yaml`;
          diagnostics.push({
            severity: 'error',
            code: 'unknown-control-plane',
            message: `gateway_services[${i}].control_plane: unknown control plane \`${link.control_plane}\`${known}`,
            ...at(context, version.file, ['gateway_services', i, 'control_plane']),
          });
          return;
        }
        if (!trusted(context, plane.file)) return;
        const services = deckServices(plane.deck);
        const found = services.some((s) => s.name === link.service || s.id === link.service);
        if (!found) {
          const names = services.map((s) => s.name ?? s.id).filter((n): n is string => n !== undefined);
          const known = names.length ? `${plane.file} has ${listNames(names)}` : `${plane.file} has no services`;
          diagnostics.push({
            severity: 'error',
            code: 'unknown-service',
            message: `gateway_services[${i}].service: no service \`${link.service}\` (by name or id) in control plane \`${plane.name}\` (${known})${didYouMean(link.service, names)}`,
            ...at(context, version.file, ['gateway_services', i, 'service']),
          });
        }
        if (seen.has(link.control_plane)) {
          diagnostics.push({
            severity: 'warning',
            code: 'duplicate-gateway-link',
            message: `gateway_services[${i}]: control plane \`${link.control_plane}\` is listed more than once; a version has one entry per environment`,
            ...at(context, version.file, ['gateway_services', i]),
          });
        }
        seen.add(link.control_plane);
      });
    }
  }
  return diagnostics;
};
