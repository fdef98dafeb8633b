/** portal.yaml environments name existing control-plane files and have unique names. */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { didYouMean, listNames } from '../../diagnostics/did-you-mean.ts';
import type { ContentRule } from './context.ts';
import { at, trusted } from './context.ts';

export const PORTAL_FILE = 'portal.yaml';

export const environmentRules: ContentRule = (context) => {
  if (!trusted(context, PORTAL_FILE, 'environments')) return [];
  const diagnostics: Diagnostic[] = [];
  const planeNames = context.controlPlanes.map((cp) => cp.name);
  const names = new Set<string>();
  context.portal.environments.forEach((environment, i) => {
    if (names.has(environment.name)) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-environment',
        message: `environments[${i}].name: environment \`${environment.name}\` is defined twice; give each environment its own name`,
        ...at(context, PORTAL_FILE, ['environments', i, 'name']),
      });
    }
    names.add(environment.name);
    if (!planeNames.includes(environment.control_plane)) {
      const known = planeNames.length
        ? ` (control-planes/ has ${listNames(planeNames)})${didYouMean(environment.control_plane, planeNames)}`
        : `; control-planes/ is empty, add the decK file of that control plane as control-planes/${environment.control_plane}.yaml`;
      diagnostics.push({
        severity: 'error',
        code: 'unknown-control-plane',
        message: `environments[${i}].control_plane: unknown control plane \`${environment.control_plane}\`${known}`,
        ...at(context, PORTAL_FILE, ['environments', i, 'control_plane']),
      });
    }
  });
  return diagnostics;
};
