import { pageQuerySchema, sessionParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  admissionCsvSchema,
  admissionSummarySchema,
  attendanceItemSchema,
  attendanceParams,
  insideItemSchema,
} from '../contracts/admissions.js';

/** Who came (staff with `admission.read`): read from the admissions the door writes, in `tickets`. */
export const admissionRoutes = routeGroup({ function: 'tickets', auth: 'jwt', tag: 'Tickets and check-in' }, [
  {
    operationId: 'getSessionAdmissions',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/admissions',
    summary:
      "A session's door figures: tickets, inside now, entered, exits, by gate and by hour, and no-shows once it has started",
    params: sessionParams,
    success: reply(200, 'The figures', admissionSummarySchema),
    problems: [403, 404],
  },
  {
    operationId: 'listSessionInside',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/admissions/inside',
    summary: 'Who is inside now: ticket, name, since when and through which gate, by ticket',
    params: sessionParams,
    query: pageQuerySchema,
    success: replyPage('A page of tickets inside', insideItemSchema, 'InsidePage'),
    problems: [403, 404],
  },
  {
    operationId: 'exportSessionAdmissions',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/admissions.csv',
    summary: 'The admissions as CSV: one row per ticket, admitted or not',
    params: sessionParams,
    success: {
      status: 200,
      description: 'The CSV file',
      schema: admissionCsvSchema,
      contentType: 'text/csv',
    },
    problems: [403, 404],
  },
  {
    operationId: 'listAttendeeAttendance',
    method: 'GET',
    path: '/v1/orgs/{orgId}/attendees/{attendeeId}/attendance',
    summary:
      "An attendee's attendance across sessions (tickets of their own bookings that entered), latest first",
    params: attendanceParams,
    query: pageQuerySchema,
    success: replyPage('A page of attendance records', attendanceItemSchema, 'AttendancePage'),
    problems: [403, 404],
  },
]);
