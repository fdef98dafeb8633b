/** Response `links` on the OpenAPI Initiative's link example (tests/fixtures/specs/oai-examples/link-example.yaml). */
import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderOperationMarkdown, renderOperationPage } from '../../../src/lib/reference/index.ts';
import { context, loadSpec } from './helpers.ts';

const doc = loadSpec('specs/oai-examples/link-example.yaml');
const index = buildReferenceIndex(doc);
const ctx = context();
const slugOf = (operationId: string) => index.operations.find((op) => op.operationId === operationId)!.slug;

describe('response links', () => {
  it('render on the operation page as next calls, linking to the target operation by operationId ($ref’d links too)', () => {
    const page = renderOperationPage(doc, index, slugOf('getUserByName'), ctx).html;
    expect(page).toContain('Next calls');
    expect(page).toContain(`href="${ctx.operationUrl(slugOf('getRepositoriesByOwner'))}"`);
    expect(page).toContain('<code>userRepositories</code>');
    expect(page).toContain('$response.body#/username');
  });

  it('follow an operationRef to its operation', () => {
    const withRef = structuredClone(doc);
    withRef.components.links.UserRepositories = {
      operationRef: '#/paths/~12.0~1repositories~1{username}/get',
      parameters: { username: '$response.body#/username' },
      description: 'The repositories of this user',
    };
    const page = renderOperationPage(withRef, buildReferenceIndex(withRef), slugOf('getUserByName'), ctx).html;
    expect(page).toContain(`href="${ctx.operationUrl(slugOf('getRepositoriesByOwner'))}"`);
    expect(page).toContain('The repositories of this user');
  });

  it('appear in the markdown twin with their parameters', () => {
    const md = renderOperationMarkdown(doc, index, slugOf('getRepository'), { environments: [], operationUrl: ctx.operationUrl });
    expect(md).toContain('## Next calls');
    expect(md).toContain(`[GET /2.0/repositories/{username}/{slug}/pullrequests](${ctx.operationUrl(slugOf('getPullRequestsByRepository'))})`);
    expect(md).toMatch(/\| `username` \| `\$response\.body#\/owner\/username` \|/);
  });

  it('a page without links has no such section', () => {
    expect(renderOperationPage(doc, index, slugOf('mergePullRequest'), ctx).html).not.toContain('Next calls');
  });
});
