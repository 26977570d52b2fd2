import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { AdmissionMove, AdmissionReads } from '../domain/admissions-ports.js';
import { toAdmission } from './admission-store.js';

/** The scan attributes a move needs: the reports read every move of a session, so only these. */
const moveAttributes = ['ticketId', 'outcome', 'gate', 'scannedAt', 'recordedAt'] as const;

export const dynamoAdmissionReads = (service: EventlyService): AdmissionReads => {
  const { admission, checkinScan } = service.entities;
  return {
    async sessionAdmissions(orgId, sessionId) {
      const { data } = await admission.query
        .byTicket({ orgId, sessionId })
        .go({ consistent: true, pages: 'all' });
      return data.map(toAdmission);
    },

    async sessionMoves(orgId, sessionId) {
      const { data } = await checkinScan.query
        .byNonce({ orgId, sessionId })
        .where(({ outcome }, { eq }) => `${eq(outcome, 'admitted')} OR ${eq(outcome, 'exited')}`)
        .go({ consistent: true, pages: 'all', attributes: [...moveAttributes] });
      // The filter keeps moves only, and a move always names its ticket.
      return data.flatMap((s): AdmissionMove[] =>
        s.ticketId && (s.outcome === 'admitted' || s.outcome === 'exited')
          ? [
              {
                ticketId: s.ticketId,
                outcome: s.outcome,
                gate: s.gate,
                scannedAt: s.scannedAt,
                recordedAt: s.recordedAt,
              },
            ]
          : [],
      );
    },

    listInside: (orgId, sessionId, page) =>
      queryPage(
        `admissions:inside:${orgId}:${sessionId}`,
        page,
        ({ cursor, limit }) =>
          admission.query
            .byTicket({ orgId, sessionId })
            .where(({ state }, { eq }) => eq(state, 'in'))
            // `count` fills the page past items the filter drops (`limit` would cap the items read).
            .go({ cursor, count: limit }),
        toAdmission,
      ),

    listByAttendee: (orgId, attendeeId, page) =>
      queryPage(
        `admissions:attendee:${orgId}:${attendeeId}`,
        page,
        ({ cursor, limit }) =>
          admission.query
            .byAttendee({ orgId, listedAttendee: attendeeId })
            .go({ cursor, limit, order: 'desc' }),
        toAdmission,
      ),

    async admittedSessions(orgId, attendeeId) {
      const { data } = await admission.query
        .byAttendee({ orgId, listedAttendee: attendeeId })
        .go({ pages: 'all', attributes: ['sessionId'] });
      return [...new Set(data.map((a) => a.sessionId))];
    },

    async usesCheckin(orgId, sessionId) {
      const { data } = await admission.query
        .byTicket({ orgId, sessionId })
        .go({ consistent: true, limit: 1, attributes: ['ticketId'] });
      return data.length > 0;
    },
  };
};
