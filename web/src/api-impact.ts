import type { ImpactReportJson } from '../../src/modules/impact/index.ts';

/** GET /api/v1/impact, typed by the server's own schema. */
export type ImpactJson = ImpactReportJson;
