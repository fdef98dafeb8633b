/**
 * An SVG a writer links (an image, the logo, the favicon) is published only in this cleaned
 * form. Opened on its own, an SVG is a document of the portal's origin: any script in it
 * runs as the portal. So the file keeps only drawing: an allow-list of SVG elements and
 * attributes, references only to `#fragments` of itself, and style sheets without `url()`
 * to elsewhere or `@import`.
 *
 * Library choice: rehype-sanitize (hast-util-sanitize, the unified collective's allow-list
 * sanitizer) with an SVG schema, on a tree parsed by hast-util-from-html — the same two
 * libraries, and the same allow-list approach, that clean every doc's HTML. DOMPurify would
 * need a DOM (jsdom) in Node; svgo is an optimiser whose script removal is a deny-list.
 * Parsing as HTML (an `<svg>` in foreign content) is what a browser does with inline SVG;
 * XML-only constructs (DTD entities, processing instructions) are then inert text or comments
 * and are dropped. The result is serialised so an XML parser reads exactly the cleaned tree.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize, { type Options as Schema } from 'rehype-sanitize';
import { unified } from 'unified';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

const FILTER_PRIMITIVES = [
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight',
  'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
];

/** Drawing elements. Not here, so unwrapped: unknown and editor elements (`sodipodi:*`). */
const ELEMENTS = [
  'svg', 'g', 'defs', 'symbol', 'use', 'switch', 'title', 'desc', 'style', 'a',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image',
  'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'pattern',
  'clipPath', 'mask', 'marker', 'filter', ...FILTER_PRIMITIVES,
];

/**
 * Removed with everything inside: script, HTML islands, and animation — `<set>`/`<animate>`
 * can rewrite an `href` to `javascript:` after the file is checked.
 */
const DROPPED_WITH_CONTENT = [
  'script', 'foreignObject', 'iframe', 'object', 'embed', 'audio', 'video', 'canvas', 'metadata',
  'animate', 'animateMotion', 'animateTransform', 'set', 'discard', 'mpath', 'handler', 'listener',
];

/** hast property names of SVG geometry and presentation attributes. No event handler is one. */
const ATTRIBUTES = [
  // identity, accessibility, text direction
  'id', 'className', 'style', 'lang', 'xmlLang', 'xmlSpace', 'role', 'ariaLabel', 'ariaHidden', 'ariaLabelledBy', 'ariaDescribedBy',
  // geometry
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height', 'd', 'points',
  'pathLength', 'transform', 'viewBox', 'preserveAspectRatio', 'version',
  // text
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  // paint servers, clipping, masking, markers
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stopColor', 'stopOpacity', 'patternUnits',
  'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'markerUnits',
  'markerWidth', 'markerHeight', 'refX', 'refY', 'orient',
  // filters
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'operator', 'k1', 'k2', 'k3', 'k4', 'mode',
  'values', 'type', 'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'scale', 'xChannelSelector',
  'yChannelSelector', 'baseFrequency', 'numOctaves', 'seed', 'stitchTiles', 'radius', 'kernelMatrix', 'order',
  'divisor', 'bias', 'targetX', 'targetY', 'edgeMode', 'preserveAlpha', 'surfaceScale', 'diffuseConstant',
  'specularConstant', 'specularExponent', 'limitingConeAngle', 'azimuth', 'elevation', 'pointsAtX', 'pointsAtY',
  'pointsAtZ', 'floodColor', 'floodOpacity', 'lightingColor', 'colorInterpolationFilters',
  // presentation
  'fill', 'fillOpacity', 'fillRule', 'stroke', 'strokeWidth', 'strokeOpacity', 'strokeLineCap', 'strokeLineJoin',
  'strokeMiterLimit', 'strokeDashArray', 'strokeDashOffset', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clipPath', 'clipRule', 'mask', 'filter', 'markerStart', 'markerMid', 'markerEnd', 'fontFamily', 'fontSize',
  'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'fontSizeAdjust', 'letterSpacing', 'wordSpacing',
  'textAnchor', 'textDecoration', 'dominantBaseline', 'alignmentBaseline', 'baselineShift', 'writingMode',
  'direction', 'unicodeBidi', 'colorInterpolation', 'colorRendering', 'shapeRendering', 'textRendering',
  'imageRendering', 'vectorEffect', 'paintOrder', 'isolation', 'transformOrigin', 'pointerEvents',
];

const LOCAL_REFERENCE = /^#[^\s]*$/;

const schema: Schema = {
  tagNames: ELEMENTS,
  strip: DROPPED_WITH_CONTENT,
  attributes: { '*': [...ATTRIBUTES, ['href', LOCAL_REFERENCE], ['xLinkHref', LOCAL_REFERENCE]] },
  protocols: {},
  required: {},
  ancestors: {},
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

const sanitizer = unified().use(rehypeSanitize, schema);

/** The cleaned SVG document, or undefined when the text holds no `<svg>` element. */
export function sanitizeSvg(text: string): string | undefined {
  const tree = fromHtml(text, { fragment: true });
  const svg = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!svg) return undefined;
  const clean = sanitizer.runSync({ type: 'root', children: [svg] } satisfies Root) as Root;
  const root = clean.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!root) return undefined;
  const usesXlink = scrub(root);
  root.properties = { xmlns: SVG_NS, ...(usesXlink ? { xmlnsXLink: XLINK_NS } : {}), ...root.properties };
  return toHtml(root, { space: 'svg', closeEmptyElements: true }) + '\n';
}

/**
 * What the schema cannot say: no value may reach outside the file (`url(https://…)` in
 * `fill` or `style`), and style sheets lose `@import` and foreign `url()`. Returns whether
 * an `xlink:href` is left (then the root needs the xlink namespace).
 */
function scrub(element: Element): boolean {
  let usesXlink = false;
  for (const [key, value] of Object.entries(element.properties)) {
    if (typeof value !== 'string') continue;
    const clean = key === 'style' ? cleanCss(value) : value;
    if (clean === '' || reachesOutside(clean)) delete element.properties[key];
    else element.properties[key] = clean;
  }
  if (element.properties.xLinkHref !== undefined) usesXlink = true;
  if (element.tagName === 'style') {
    element.properties = {};
    element.children = [{ type: 'text', value: cleanCss(element.children.map((c) => (c.type === 'text' ? c.value : '')).join('')) }];
    return usesXlink;
  }
  for (const child of element.children as ElementContent[]) if (child.type === 'element' && scrub(child)) usesXlink = true;
  return usesXlink;
}

/** A `url(…)` to anything but a fragment of this file, or script. */
function reachesOutside(value: string): boolean {
  return /url\s*\(\s*['"]?\s*(?!#)/i.test(value) || /javascript:|expression\s*\(|@import/i.test(value);
}

/**
 * CSS that can only style this drawing. Style text is serialised unescaped, so a sheet with
 * `<` (markup, never CSS a drawing needs) is dropped whole and `&` is removed: the text
 * cannot close its `<style>` element. A sheet with CSS escapes is dropped whole too: an
 * escape can spell `url` or `@import` past any check (`u\72l(…)`), and drawings need none.
 */
function cleanCss(css: string): string {
  if (/[<\\]/.test(css)) return '';
  return css
    .replace(/&/g, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\s*\(\s*(['"]?)\s*(?!#)[^)]*\)/gi, 'none')
    .replace(/expression\s*\(|javascript:|behavior\s*:|-moz-binding\s*:/gi, '');
}
