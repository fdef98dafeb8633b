import { expect, it } from 'vitest';
import * as analytics from '../../../src/lib/analytics/index.ts';

it('keeps the public surface of src/lib/analytics small and known', () => {
  expect(Object.keys(analytics).sort()).toEqual([
    'LatencySketch',
    'RELATIVE_ACCURACY',
    'SNAPSHOT_FORMAT_VERSION',
    'ServiceIndex',
    'SnapshotOverlapError',
    'UNMATCHED',
    'WINDOWS',
    'bufferInput',
    'computeProductAnalytics',
    'computeProductReport',
    'computeProductSeries',
    'createSnapshot',
    'describeIngestReport',
    'fileInput',
    'ingestInputs',
    'loadAnalyticsSnapshots',
    'loadControlPlaneSnapshot',
    'mergeSnapshots',
    'operationKey',
    'operationSummary',
    'parseSnapshot',
    'renderAnalyticsDashboard',
    'renderAnalyticsSummary',
    'renderOperationTraffic',
    'reportToCsv',
    'sameService',
    'saveControlPlaneSnapshot',
    'serializeSnapshot',
    'serviceKey',
    'snapshotContains',
    'snapshotFile',
    'summarizeReport',
  ]);
});
