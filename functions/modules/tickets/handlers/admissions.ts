import { getContainer } from '../../../app/container.js';
import { toCsv } from '../../../kernel/http/csv.js';
import { ok, okText, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { admissionCsvColumns } from '../contracts/admissions.js';
import { admissionExport, admissionSummary, insideNow } from '../domain/admissions.js';
import type { AdmissionRow } from '../domain/admissions-export.js';
import { attendeeAttendance } from '../domain/attendance.js';

const deps = () => getContainer().deps;

const csvOf = (rows: readonly AdmissionRow[]): string =>
  toCsv(
    admissionCsvColumns,
    rows.map((r) => admissionCsvColumns.map((column) => r[column])),
  );

export const admissionHandlers = {
  getSessionAdmissions: async ({ principal, params }) =>
    ok(await admissionSummary(deps(), principal, params)),
  listSessionInside: async ({ principal, params, query }) =>
    ok(await insideNow(deps(), principal, params, query)),
  exportSessionAdmissions: async ({ principal, params }) =>
    okText('text/csv; charset=utf-8', csvOf(await admissionExport(deps(), principal, params)), {
      'content-disposition': `attachment; filename="admissions-${params.sessionId}.csv"`,
    }),
  listAttendeeAttendance: async ({ principal, params, query }) =>
    ok(await attendeeAttendance(deps(), principal, params, query)),
} satisfies Partial<RouteHandlers<'tickets'>>;
