/** Schema of `products/<product>/product.yaml` (DESIGN §3; Konnect API Products names). */
import { z } from 'zod';
import { httpUrl, labelMap, text } from './fields.ts';

export const productSchema = z.strictObject({
  /** Display name of the product. */
  name: text,
  /** Short description for the catalog card and the overview page. */
  description: z.string().optional(),
  /** Konnect labels (keys 1-63 characters, not starting with `kong`, `konnect`, `mesh`, `kic`, `_`). Not shown publicly. @default {} */
  labels: labelMap.default({}),
  /** Labels shown on the portal and used by the catalog filter, same rules as `labels`. @default {} */
  public_labels: labelMap.default({}),
  /** Only published products reach the public portal. @default false */
  published: z.boolean().default(false),
  /** Who owns the API. */
  contact: z
    .strictObject({
      name: text.optional(),
      email: z.email({ error: (issue) => `expected an email address like team@example.com, got ${JSON.stringify(issue.input)}` }).optional(),
      url: httpUrl.optional(),
    })
    .optional(),
  analytics: z
    .strictObject({
      /** Show this product's analytics on the public portal; overrides portal.yaml `analytics.public`. */
      public: z.boolean().optional(),
    })
    .default({}),
});

export type ProductYaml = z.output<typeof productSchema>;
