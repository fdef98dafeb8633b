/**
 * Shapes the API reference renderer takes and gives. The input document is the spec
 * loader's output: an OpenAPI 3.0.x or 3.1.x object (Swagger 2.0 already converted), with
 * internal `#/components/...` `$ref`s kept. It is untrusted: every string in it may hold
 * markup, so renderers escape or sanitise everything they take from it.
 */
import type { Highlight } from './code-highlight.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';

/** A parsed OpenAPI document (or any object inside one). Shapes are checked where read. */
import type { SpecObject } from '../openapi/object.ts';
export type { SpecObject };

import type { OperationKind } from '../openapi/operations.ts';
export type { OperationKind };

export interface OperationRef {
  /** URL segment of the operation's page: unique within the document, `[a-z0-9-]+`. */
  slug: string;
  kind: OperationKind;
  /** Lower-case HTTP method. */
  method: string;
  /** Path template (`/flights/{id}`), webhook name, or callback expression. */
  path: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  deprecated: boolean;
  /** JSON pointer (`#/paths/~1flights/get`) of the operation object, after following `$ref`s. */
  pointer: string;
  /** Callbacks only: the slug of the operation that declares the callback, and its name. */
  parent?: string;
  callbackName?: string;
}

export interface TagGroup {
  name: string;
  /** OpenAPI 3.2 `summary`: the tag's display name (its `name` stays the key operations use). */
  summary?: string;
  /** OpenAPI 3.2 `parent`: the name of the tag this one sits under. */
  parent?: string;
  /** OpenAPI 3.2 `kind` (`nav`, `badge`, `audience`, …): what sort of tag it is. */
  tagKind?: string;
  description?: string;
  /** Slugs, in document order. */
  operations: string[];
  /**
   * `tag` for a tag of the spec; the others are groups Atrium adds for operations without
   * a tag, webhooks without a tag, and callbacks (listed after the tags).
   */
  kind: 'tag' | 'untagged' | 'webhooks' | 'callbacks';
}

export interface ReferenceIndex {
  operations: OperationRef[];
  tags: TagGroup[];
  title: string;
  version: string;
}

export interface ReferenceDeprecation {
  /** The writer's words; when absent, `headline` says it. */
  message?: string;
  /** "Flights v1 is deprecated." — shown only when there is no message, so the fact is said once. */
  headline?: string;
  /** ISO date. */
  sunset?: string;
  replacementUrl?: string;
  replacementName?: string;
  /** The same operation in the replacement version (same method and path, else same operationId), when it has one. */
  equivalent?(op: { method: string; path: string; operationId?: string }): { url: string; label: string } | undefined;
}

export interface ReferenceContext {
  /** URL of an operation's page (e.g. `/products/flights/v1/reference/get-flights/`). */
  operationUrl(slug: string): string;
  /**
   * URL of a component schema's own page (`listSchemaPages` names the ones that exist,
   * `schemaPageSlug` gives their URL segment). When given, pages show the schemas that fit
   * their budget and link to these pages for the rest; when absent, every schema is inline.
   */
  schemaUrl?: (name: string) => string;
  specJsonUrl: string;
  specYamlUrl: string;
  /** The version's environments, in portal order; the first one drives the code samples. */
  environments: ResolvedEnvironment[];
  deprecation?: ReferenceDeprecation;
  /**
   * Folder URL (with trailing slash) where Stoplight Elements' `web-components.min.js` and
   * `styles.min.css` are served; default `/_atrium/elements/`. Must include the site base.
   */
  elementsBaseUrl?: string;
  /** Internal audience: also say where some consumers get other limits or plugins. */
  internal?: boolean;
  /** Build-time colour for code samples and examples (code-highlight.ts); plain text without. */
  highlight?: Highlight;
}

export interface RenderedPage {
  /** Plain text (not escaped): the caller escapes it into `<title>`. */
  title: string;
  /** Plain text for `<meta name="description">`, at most ~160 characters. */
  description: string;
  /** Sanitised HTML fragment, starting with the page's `<h1>`. */
  html: string;
}
