/** Helpers shared by the request-body and response rules: media types of a `content` map. */
import { isObject, type JsonObject } from '../../openapi/object.ts';

/** `Application/JSON; charset=utf-8` → `application/json;charset=utf-8`, to match spellings. */
export function normalizeMediaType(mediaType: string): string {
  return mediaType.toLowerCase().replace(/\s+/g, '');
}

export interface MediaEntry {
  /** As the document writes it. */
  name: string;
  media: JsonObject;
}

export function mediaTypes(content: unknown): Map<string, MediaEntry> {
  const out = new Map<string, MediaEntry>();
  if (!isObject(content)) return out;
  for (const [name, media] of Object.entries(content)) {
    const key = normalizeMediaType(name);
    if (!out.has(key)) out.set(key, { name, media: isObject(media) ? media : {} });
  }
  return out;
}
