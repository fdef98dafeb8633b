/**
 * Where a new key goes in product.yaml and version.yaml: in the order the schemas declare
 * their fields (which is the order DESIGN §3 lists them), so an added `deprecation` lands
 * after `deprecated` and `gateway_services` at the end, as a person would write them.
 */
import { productSchema } from '../content/schemas/product.ts';
import { gatewayServiceSchema, versionSchema } from '../content/schemas/version.ts';
import type { EditPath, KeyOrder } from './yaml-edit.ts';

const PRODUCT_KEYS = Object.keys(productSchema.shape);
const CONTACT_KEYS = Object.keys(productSchema.shape.contact.unwrap().shape);
const VERSION_KEYS = Object.keys(versionSchema.shape);
const DEPRECATION_KEYS = Object.keys(versionSchema.shape.deprecation.unwrap().shape);
const GATEWAY_SERVICE_KEYS = Object.keys(gatewayServiceSchema.shape);

export const productKeyOrder: KeyOrder = (mapPath: EditPath) => {
  if (mapPath.length === 0) return PRODUCT_KEYS;
  if (mapPath.length === 1 && mapPath[0] === 'contact') return CONTACT_KEYS;
  return [];
};

export const versionKeyOrder: KeyOrder = (mapPath: EditPath) => {
  if (mapPath.length === 0) return VERSION_KEYS;
  if (mapPath.length === 1 && mapPath[0] === 'deprecation') return DEPRECATION_KEYS;
  if (mapPath.length === 2 && mapPath[0] === 'gateway_services') return GATEWAY_SERVICE_KEYS;
  return [];
};
