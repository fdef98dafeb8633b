/**
 * Request samples in many languages from one request description (sample-request.ts), written
 * by a maintained snippet library instead of our own per-language printers.
 *
 * Why `@scalar/snippetz` and not `@readme/httpsnippet`: both take a HAR request and are
 * maintained (snippetz by Scalar, whose reference readers compare us with; httpsnippet is
 * ReadMe's fork of Kong's original). snippetz is ESM and TypeScript-typed, has no CommonJS
 * or `qs`/`stringify-object` dependencies, covers every language we list (Kotlin, Swift and
 * Rust included) with modern clients (Java's built-in `java.net.http`, C# HttpClient), and a
 * plugin per client, so a new language is one entry in SNIPPET_LANGUAGES. It runs at build
 * time only: no byte of it reaches the reader.
 *
 * What no library says — HMAC signing, a client certificate, a key name configured per
 * environment — is kept as comments above the code, in the language's comment syntax.
 */
import { snippetz } from '@scalar/snippetz';
import type { SampleRequest } from './sample-request.ts';

export interface SnippetLanguage {
  /** Stable id: the `data-language` of the tab and the key the reader's choice is stored as. */
  id: string;
  label: string;
  target: string;
  client: string;
  /** Shiki's language id for highlighting. */
  highlight: string;
  comment: '#' | '//';
}

/** In tab order. curl first: it is what a reader pastes into a terminal to see the API answer. */
export const SNIPPET_LANGUAGES: SnippetLanguage[] = [
  { id: 'curl', label: 'curl', target: 'shell', client: 'curl', highlight: 'bash', comment: '#' },
  { id: 'javascript', label: 'JavaScript', target: 'js', client: 'fetch', highlight: 'javascript', comment: '//' },
  { id: 'node', label: 'Node.js', target: 'node', client: 'undici', highlight: 'javascript', comment: '//' },
  { id: 'python', label: 'Python', target: 'python', client: 'requests', highlight: 'python', comment: '#' },
  { id: 'go', label: 'Go', target: 'go', client: 'native', highlight: 'go', comment: '//' },
  { id: 'java', label: 'Java', target: 'java', client: 'nethttp', highlight: 'java', comment: '//' },
  { id: 'csharp', label: 'C#', target: 'csharp', client: 'httpclient', highlight: 'csharp', comment: '//' },
  { id: 'php', label: 'PHP', target: 'php', client: 'guzzle', highlight: 'php', comment: '//' },
  { id: 'ruby', label: 'Ruby', target: 'ruby', client: 'native', highlight: 'ruby', comment: '#' },
  { id: 'kotlin', label: 'Kotlin', target: 'kotlin', client: 'okhttp', highlight: 'kotlin', comment: '//' },
  { id: 'swift', label: 'Swift', target: 'swift', client: 'nsurlsession', highlight: 'swift', comment: '//' },
];

/** Stands for the Base64 of `user:password` in an HTTP Basic header. */
export const BASIC_CREDENTIALS_PLACEHOLDER = '<BASE64(user:password)>';

interface HarHeader {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  url: string;
  headers: HarHeader[];
  queryString: HarHeader[];
  postData?: { mimeType: string; text?: string; params?: { name: string; value?: string; fileName?: string }[] };
}

/** The request as HAR, which every snippet library reads. The query stays in `url`. */
export function harRequest(req: SampleRequest): HarRequest {
  const headers: HarHeader[] = req.headers.map(([name, value]) => ({ name, value }));
  if (req.basicAuth) headers.push({ name: 'Authorization', value: `Basic ${BASIC_CREDENTIALS_PLACEHOLDER}` });
  const body = req.body;
  let postData: HarRequest['postData'];
  if (body) {
    const hasContentType = headers.some((h) => h.name.toLowerCase() === 'content-type');
    // multipart: the client writes the boundary into Content-Type itself.
    if (!hasContentType && body.kind !== 'multipart') headers.push({ name: 'Content-Type', value: body.mediaType });
    if (body.kind === 'json') postData = { mimeType: body.mediaType, text: JSON.stringify(body.value, null, 2) ?? 'null' };
    else if (body.kind === 'text') postData = { mimeType: body.mediaType, text: body.text };
    else if (body.kind === 'file') postData = { mimeType: body.mediaType, text: '<contents of your file>' };
    else {
      postData = {
        mimeType: body.kind === 'form' ? 'application/x-www-form-urlencoded' : 'multipart/form-data',
        params: body.fields.map((f) => (f.file ? { name: f.name, fileName: f.value } : { name: f.name, value: f.value })),
      };
    }
  }
  return { method: req.method, url: req.url, headers, queryString: [], ...(postData ? { postData } : {}) };
}

const library = snippetz();

function notes(req: SampleRequest): string[] {
  const out = [...req.notes];
  if (req.clientCertificate) out.push('Mutual TLS: give your HTTP client the certificate (client.crt, client.key).');
  if (req.basicAuth) out.push(`Replace ${BASIC_CREDENTIALS_PLACEHOLDER} with the Base64 of your user name and password.`);
  return out;
}

/**
 * Clients that rebuild a JSON body as a literal of their language, which goes wrong for a
 * body that is `null` or a scalar (GitHub's REST spec has `null` examples): Node's crashes,
 * JavaScript's writes `JSON.stringify({})` for `5`, Python's `json=null`. They get such a
 * body as its JSON text; their Content-Type header still names the real media type.
 */
const LITERAL_JSON_TARGETS = new Set(['js', 'node', 'python', 'php']);

function forLanguage(language: SnippetLanguage, req: SampleRequest, har: HarRequest): HarRequest {
  const body = req.body;
  const scalar = body?.kind === 'json' && (body.value === null || typeof body.value !== 'object');
  if (!scalar || !har.postData || !LITERAL_JSON_TARGETS.has(language.target)) return har;
  return { ...har, postData: { ...har.postData, mimeType: 'text/plain' } };
}

/** One language's sample; throws when the library has no such client (a programming error). */
export function renderSnippet(language: SnippetLanguage, req: SampleRequest): string {
  const code = library.print(language.target as never, language.client as never, forLanguage(language, req, harRequest(req)) as never);
  if (code === undefined) throw new Error(`@scalar/snippetz has no ${language.target}/${language.client} client`);
  const comments = notes(req).map((n) => `${language.comment} ${n}\n`).join('');
  return comments + code.replace(/\s+$/, '');
}
