/** Schema of `products/<product>/versions/<version>/version.yaml` (DESIGN §3). */
import { z } from 'zod';
import { calendarDate, text } from './fields.ts';

/** A link from a version to the gateway service that runs it in one control plane. */
export const gatewayServiceSchema = z.strictObject({
  /** Names a file in control-planes/ without extension. */
  control_plane: text,
  /** A service `name` or `id` in that control plane's decK file. */
  service: text,
});

export const versionSchema = z.strictObject({
  /** Display name. @default the folder name */
  name: text.optional(),
  /** Only published versions reach the public portal. @default unpublished */
  publish_status: z.enum(['published', 'unpublished']).default('unpublished'),
  /** Marks the version deprecated (banner, badge). @default false */
  deprecated: z.boolean().default(false),
  deprecation: z
    .strictObject({
      /** Text of the deprecation banner. */
      message: z.string().optional(),
      /** Day the version stops working, YYYY-MM-DD. @example 2027-06-30 */
      sunset: calendarDate.optional(),
      /** The version to move to: another version's name or folder in the same product. */
      replacement: text.optional(),
    })
    .optional(),
  /** Day the version was released, YYYY-MM-DD; dates the release in the portal's feed. */
  released: calendarDate.optional(),
  /** Position among the product's versions, lower first; else versions sort by name (v1 < v2 < v10). */
  order: z.number().optional(),
  /** Spec file relative to this folder. @default openapi.yaml|yml|json or swagger.yaml|yml|json here */
  spec: text.optional(),
  /** Where this version runs: one entry per control plane (environment). @default [] */
  gateway_services: z.array(gatewayServiceSchema).default([]),
});

export type VersionYaml = z.output<typeof versionSchema>;
