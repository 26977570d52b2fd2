import { getContainer } from '../../../app/container.js';
import { toCsv } from '../../../kernel/http/csv.js';
import { ok, okText, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { getEventAnalytics, refreshEventAnalytics } from '../domain/analytics.js';
import { analyticsCsvColumns, analyticsCsvRows } from '../domain/export.js';
import type { EventAnalytics } from '../domain/model.js';

const deps = () => getContainer().deps;

const csvOf = (a: EventAnalytics): string =>
  toCsv(
    analyticsCsvColumns,
    analyticsCsvRows(a).map((r) => analyticsCsvColumns.map((column) => r[column])),
  );

export const analyticsHandlers = {
  refreshEventAnalytics: async ({ principal, params }) =>
    ok(await refreshEventAnalytics(deps(), principal, params.orgId, params.eventId)),
  getEventAnalytics: async ({ principal, params }) =>
    ok(await getEventAnalytics(deps(), principal, params.orgId, params.eventId)),
  exportEventAnalytics: async ({ principal, params }) =>
    okText(
      'text/csv; charset=utf-8',
      csvOf(await getEventAnalytics(deps(), principal, params.orgId, params.eventId)),
      { 'content-disposition': `attachment; filename="analytics-${params.eventId}.csv"` },
    ),
} satisfies Partial<RouteHandlers<'catalog'>>;
