/** The rules in the order their changes are listed within an operation. */
import type { OperationRule } from '../operation-rule.ts';
import type { SchemaRule } from '../schema/schema-comparer.ts';
import { deprecationRule } from './deprecation.ts';
import { parametersRule } from './parameters.ts';
import { requestBodyRule } from './request-body.ts';
import { responsesRule } from './responses.ts';
import { schemaConstraintsRule } from './schema-constraints.ts';
import { schemaEnumRule } from './schema-enum.ts';
import { schemaPropertiesRule } from './schema-properties.ts';
import { schemaStructureRule } from './schema-structure.ts';
import { schemaTypeRule } from './schema-type.ts';
import { schemaVariantsRule } from './schema-variants.ts';
import { securityRule } from './security.ts';

export const OPERATION_RULES: readonly OperationRule[] = [
  deprecationRule,
  securityRule,
  parametersRule,
  requestBodyRule,
  responsesRule,
];

/**
 * Alternatives first (a plain schema against a choice stops there), then the type rule,
 * which stops the rest when the types no longer overlap.
 */
export const SCHEMA_RULES: readonly SchemaRule[] = [
  schemaVariantsRule,
  schemaTypeRule,
  schemaEnumRule,
  schemaConstraintsRule,
  schemaPropertiesRule,
  schemaStructureRule,
];
