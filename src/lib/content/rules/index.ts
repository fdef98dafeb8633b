/** Every content rule, run in this order over the loaded model. */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ContentRule, RuleContext } from './context.ts';
import { deprecationRules } from './deprecation.ts';
import { notDeployedRule } from './deployment.ts';
import { environmentRules } from './environments.ts';
import { gatewayDeckRules } from './gateway-deck.ts';
import { gatewayLinkRules } from './gateway-links.ts';
import { labelRules } from './labels.ts';
import { productHasVersions } from './product-versions.ts';
import { slugRules } from './slugs.ts';

export const contentRules: readonly ContentRule[] = [
  environmentRules,
  productHasVersions,
  slugRules,
  labelRules,
  gatewayLinkRules,
  gatewayDeckRules,
  deprecationRules,
  notDeployedRule,
];

export function runContentRules(context: RuleContext): Diagnostic[] {
  return contentRules.flatMap((rule) => rule(context));
}

export type { ContentRule, RuleContext } from './context.ts';
