/**
 * Labels follow Konnect's rules, so a product can be synced to Konnect as it is: keys
 * 1-63 characters, starting and ending with a letter or digit with `-`, `_` and `.` allowed
 * in between, not starting with a prefix Kong reserves; values 1-63 characters on one line
 * (they are shown on the portal, so "Flight data" is fine); at most 50 labels per product.
 * Applies to `labels` and `public_labels`.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ContentRule, RuleContext } from './context.ts';
import { at, trusted } from './context.ts';

export const MAX_LABELS = 50;
export const MAX_LABEL_LENGTH = 63;
export const RESERVED_LABEL_PREFIXES: readonly string[] = ['kong', 'konnect', 'insomnia', 'mesh', 'kic', 'kuma', '_'];

const LABEL_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;
const CHARACTERS = 'letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit';

/** Why a label key breaks Konnect's rules, or undefined when it is fine. */
export function labelKeyProblem(key: string): string | undefined {
  if (key.length < 1 || key.length > MAX_LABEL_LENGTH) return `must be 1 to ${MAX_LABEL_LENGTH} characters long (it has ${key.length})`;
  const reserved = RESERVED_LABEL_PREFIXES.find((prefix) => key.toLowerCase().startsWith(prefix));
  if (reserved) return `must not start with \`${reserved}\`, which Kong reserves (reserved: ${RESERVED_LABEL_PREFIXES.map((p) => `\`${p}\``).join(', ')})`;
  if (!LABEL_PATTERN.test(key)) return `may only use ${CHARACTERS}`;
  return undefined;
}

/** Why a label value breaks Konnect's rules, or undefined when it is fine. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length < 1 || value.length > MAX_LABEL_LENGTH) return `must be 1 to ${MAX_LABEL_LENGTH} characters long (it has ${value.length})`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'must be a single line without control characters';
  return undefined;
}

export const labelRules: ContentRule = (context) =>
  context.products.flatMap((product) => [
    ...(trusted(context, product.file, 'labels') ? checkLabels(context, product.file, 'labels', product.labels) : []),
    ...(trusted(context, product.file, 'public_labels') ? checkLabels(context, product.file, 'public_labels', product.public_labels) : []),
  ]);

function checkLabels(context: RuleContext, file: string, field: string, labels: Record<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) {
    diagnostics.push({
      severity: 'error',
      code: 'label',
      message: `${field}: ${entries.length} labels, Konnect allows at most ${MAX_LABELS}`,
      ...at(context, file, [field], 'key'),
    });
  }
  for (const [key, value] of entries) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) {
      diagnostics.push({
        severity: 'error',
        code: 'label',
        message: `${field}: label key \`${key}\` ${keyProblem}`,
        ...at(context, file, [field, key], 'key'),
      });
    }
    const valueProblem = labelValueProblem(value);
    if (valueProblem) {
      diagnostics.push({
        severity: 'error',
        code: 'label',
        message: `${field}.${key}: label value ${JSON.stringify(value)} ${valueProblem}`,
        ...at(context, file, [field, key], 'value'),
      });
    }
  }
  return diagnostics;
}
