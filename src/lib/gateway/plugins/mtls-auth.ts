/**
 * mtls-auth: the caller presents a client certificate. No configuration field is read: its
 * CA certificate ids and revocation settings are operator details.
 */
import type { PluginReader } from './summary.ts';

export const readMtlsAuth: PluginReader = () => ({ auth: { type: 'mtls-auth' } });
