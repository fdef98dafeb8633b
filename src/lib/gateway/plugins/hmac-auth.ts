/** hmac-auth: the caller signs requests with an HMAC credential. No configuration field is read. */
import type { PluginReader } from './summary.ts';

export const readHmacAuth: PluginReader = () => ({ auth: { type: 'hmac-auth' } });
