/** Schema of `portal.yaml` (DESIGN §3), producing a `PortalConfig`. */
import { z } from 'zod';
import type { PortalConfig } from '../model.ts';
import { describeValue } from '../../diagnostics/friendly-zod.ts';
import { httpUrl, linkUrl, text } from './fields.ts';

/** One deployment environment, in the order the portal shows them. */
export const environmentSchema = z.strictObject({
  /** Environment name shown on version pages, e.g. `production`. Unique. */
  name: text,
  /** Names a file in control-planes/ without extension, e.g. `production` for control-planes/production.yaml. */
  control_plane: text,
  /** Display label, e.g. `Production (EU)`. @default name */
  label: text.optional(),
  /** Base URL consumers call in this environment; overrides what routes give. @example https://api.example.com */
  base_url: httpUrl.optional(),
});

/**
 * A key that once named a program for the build to run. Content takes commits from many
 * writers and CI builds it with secrets in reach, so a program path in content would let
 * any commit run code there: the key is an error saying where the choice belongs.
 */
function programChoice(flag: string, variable: string) {
  return z
    .never({ error: `programs are chosen by whoever runs the build, not by content: remove this key and pass ${flag} PATH to atrium build/check/dev, or set ${variable}` })
    .optional();
}

export const portalSchema = z.strictObject({
  /** Portal title, shown in the header and page titles. */
  title: text,
  /** One-paragraph description for the catalog page and meta tags. */
  description: z.string().optional(),
  /** Absolute URL of the deployed portal, for canonical links and the sitemap. @example https://developer.example.com */
  site: httpUrl.optional(),
  /** Ordered list of environments (control planes) versions can run in. @default [] */
  environments: z.array(environmentSchema).default([]),
  analytics: z
    .strictObject({
      /** Show analytics on the public portal. Products may override. @default false */
      public: z.boolean().default(false),
    })
    .default({ public: false }),
  plantuml: z
    .strictObject({
      /** PlantUML server to render diagrams with, instead of the local `plantuml`. @example https://plantuml.example.com */
      server: httpUrl.optional(),
      /** Refused: the build's programs are chosen by whoever runs it (see `programChoice`). */
      jar: programChoice('--plantuml-jar', 'ATRIUM_PLANTUML_JAR'),
    })
    .default({}),
  mermaid: z
    .strictObject({
      /** `build` renders SVG at build time with Chromium; `client` renders in the browser. @default build */
      render: z.enum(['build', 'client']).default('build'),
    })
    .default({ render: 'build' }),
  /** Refused: the build's programs are chosen by whoever runs it (see `programChoice`). */
  chromium: programChoice('--chromium', 'ATRIUM_CHROMIUM'),
  /**
   * A folder whose files docs may link as downloads (besides the `files/` folders of docs), e.g.
   * `public`. Only linked files are published, under content-hash names.
   */
  public_folder: text
    .refine((v) => !/^(?:\/|[a-zA-Z]:)|(?:^|\/)\.|^(?:products|control-planes|analytics)(?:\/|$)/.test(v), {
      error: (issue) =>
        `expected a folder inside the content folder that is not products/, control-planes/, analytics/ or a dot-folder, e.g. \`public\`; got ${describeValue(issue.input)}`,
    })
    .optional(),
  branding: z
    .strictObject({
      /** Logo image (png, jpg, gif, webp, avif or svg): a path relative to the content folder or an absolute http(s) URL. */
      logo: text.optional(),
      /** Favicon (an image as for `logo`, or .ico), relative to the content folder. @default the logo, else Atrium's icon */
      favicon: text.optional(),
      /** Accent colour as a hex colour, e.g. `#0b6bcb`. */
      accent_color: z
        .string()
        .regex(/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, {
          error: (issue) => `expected a hex colour like #0b6bcb, got ${JSON.stringify(issue.input)}`,
        })
        .optional(),
      /** Links in the footer, in order. @default [] */
      footer_links: z.array(z.strictObject({ label: text, url: linkUrl })).default([]),
    })
    .default({ footer_links: [] }),
}) satisfies z.ZodType<PortalConfig, unknown>;

export type PortalYaml = z.output<typeof portalSchema>;
