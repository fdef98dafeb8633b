/** Edits of version.yaml text, comments and layout kept (see yaml-edit.ts). */
import { parseDocument } from 'yaml';
import type { PublishStatus } from '../content/model.ts';
import { versionKeyOrder } from './key-order.ts';
import { setYamlValue } from './yaml-edit.ts';

/** version.yaml with `publish_status` set. */
export function setPublishStatus(text: string, status: PublishStatus): string {
  return setYamlValue(text, ['publish_status'], status, versionKeyOrder);
}

export interface Deprecation {
  message?: string;
  /** YYYY-MM-DD. */
  sunset?: string;
  /** Another version's name or folder. */
  replacement?: string;
}

/**
 * version.yaml with `deprecated: true` and the given `deprecation` fields set; fields not
 * given keep what the file says (deprecating again with a new sunset keeps the message).
 */
export function deprecateVersion(text: string, deprecation: Deprecation): string {
  let result = setYamlValue(text, ['deprecated'], true, versionKeyOrder);
  for (const key of ['message', 'sunset', 'replacement'] as const) {
    const value = deprecation[key];
    if (value !== undefined) result = setYamlValue(result, ['deprecation', key], value, versionKeyOrder);
  }
  return result;
}

export interface GatewayLinkEdit {
  text: string;
  /** `added`: a new entry; `updated`: the control plane's entry now names another service. */
  action: 'added' | 'updated' | 'unchanged';
  /** The service the entry named before, for `updated`. */
  previous?: string;
}

/**
 * version.yaml with a `gateway_services` entry `{ control_plane, service }`: the existing
 * entry for that control plane gets the new service, else an entry is appended.
 */
export function linkGatewayService(text: string, link: { control_plane: string; service: string }): GatewayLinkEdit {
  const current = parseDocument(text).toJS() as { gateway_services?: unknown } | null;
  const entries = Array.isArray(current?.gateway_services) ? (current.gateway_services as unknown[]) : undefined;
  const index = entries?.findIndex((entry) => isRecord(entry) && entry.control_plane === link.control_plane) ?? -1;
  if (entries && index >= 0) {
    const previous = (entries[index] as Record<string, unknown>).service;
    if (previous === link.service) return { text, action: 'unchanged' };
    return {
      text: setYamlValue(text, ['gateway_services', index, 'service'], link.service, versionKeyOrder),
      action: 'updated',
      ...(typeof previous === 'string' ? { previous } : {}),
    };
  }
  const entry = { control_plane: link.control_plane, service: link.service };
  const path = entries ? ['gateway_services', entries.length] : ['gateway_services'];
  return { text: setYamlValue(text, path, entries ? entry : [entry], versionKeyOrder), action: 'added' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
