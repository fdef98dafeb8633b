/** basic-auth: the caller sends `Authorization: Basic …`. No configuration field is read. */
import type { PluginReader } from './summary.ts';

export const readBasicAuth: PluginReader = () => ({ auth: { type: 'basic-auth' } });
