/**
 * acl: access is restricted to some consumer groups. No configuration field is read: the
 * `allow`/`deny` group names describe the operator's consumers and are not published.
 */
import type { PluginReader } from './summary.ts';

export const readAcl: PluginReader = () => ({ auth: { type: 'acl' } });
