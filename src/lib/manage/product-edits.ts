/** Edits of product.yaml text, comments and layout kept (see yaml-edit.ts). */
import { productKeyOrder } from './key-order.ts';
import { setYamlValue } from './yaml-edit.ts';

/** product.yaml with `published` set. */
export function setProductPublished(text: string, published: boolean): string {
  return setYamlValue(text, ['published'], published, productKeyOrder);
}
