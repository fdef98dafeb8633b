import { expect, it } from 'vitest';
import * as diff from '../../../src/lib/diff/index.ts';

it('keeps a small public surface', () => {
  expect(Object.keys(diff).sort()).toEqual([
    'CHANGE_KINDS',
    'diffSpecs',
    'formatDiffMarkdown',
    'formatDiffText',
    'normalizePathTemplate',
    'operationKey',
    'renderChangesHtml',
    'summarizeDiff',
    'toDiffJson',
  ]);
});
