import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { changeAgendaStatus, setAgendaEntry } from '../domain/agenda.js';
import { eventAgenda, myAgenda, publicAgenda } from '../domain/agenda-reads.js';
import { createSpeaker, getSpeaker, listSpeakers, updateSpeaker } from '../domain/speakers.js';
import {
  createSponsor,
  getSponsor,
  listSponsors,
  publicSponsors,
  updateSponsor,
} from '../domain/sponsors.js';
import { agendaItemView, publicSponsorView, speakerView, sponsorView } from './views.js';

const deps = () => getContainer().deps;

export const conferenceHandlers = {
  createSpeaker: async ({ principal, params, body }) =>
    created(speakerView(await createSpeaker(deps(), principal, params.orgId, params.eventId, body), true)),
  listSpeakers: async ({ principal, params, query }) => {
    const { page, organizer } = await listSpeakers(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map((s) => speakerView(s, organizer)), nextCursor: page.nextCursor });
  },
  getSpeaker: async ({ principal, params }) => {
    const { speaker, organizer } = await getSpeaker(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      params.speakerId,
    );
    return ok(speakerView(speaker, organizer));
  },
  updateSpeaker: async ({ principal, params, body }) =>
    ok(
      speakerView(
        await updateSpeaker(deps(), principal, params.orgId, params.eventId, params.speakerId, body),
        true,
      ),
    ),
  createSponsor: async ({ principal, params, body }) =>
    created(sponsorView(await createSponsor(deps(), principal, params.orgId, params.eventId, body), true)),
  listSponsors: async ({ principal, params, query }) => {
    const { page, organizer } = await listSponsors(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map((s) => sponsorView(s, organizer)), nextCursor: page.nextCursor });
  },
  getSponsor: async ({ principal, params }) => {
    const { sponsor, organizer } = await getSponsor(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      params.sponsorId,
    );
    return ok(sponsorView(sponsor, organizer));
  },
  updateSponsor: async ({ principal, params, body }) =>
    ok(
      sponsorView(
        await updateSponsor(deps(), principal, params.orgId, params.eventId, params.sponsorId, body),
        true,
      ),
    ),
  setAgendaEntry: async ({ principal, params, body }) =>
    ok(
      agendaItemView(
        await setAgendaEntry(deps(), principal, params.orgId, params.eventId, params.sessionId, body),
      ),
    ),
  changeAgendaStatus: async ({ principal, params, body }) =>
    ok(
      agendaItemView(
        await changeAgendaStatus(
          deps(),
          principal,
          params.orgId,
          params.eventId,
          params.sessionId,
          body.status,
        ),
      ),
    ),
  getEventAgenda: async ({ principal, params, query }) =>
    ok({
      items: (await eventAgenda(deps(), principal, params.orgId, params.eventId, query)).map(agendaItemView),
    }),
  getMyAgenda: async ({ principal, params }) => {
    const { booked, speaking } = await myAgenda(deps(), principal, params.orgId, params.eventId);
    return ok({ booked: booked.map(agendaItemView), speaking: speaking.map(agendaItemView) });
  },
  getPublicAgenda: async ({ params, query }) =>
    ok({ items: (await publicAgenda(deps(), params.orgId, params.eventId, query)).map(agendaItemView) }),
  getPublicSponsors: async ({ params }) =>
    ok({ items: (await publicSponsors(deps(), params.orgId, params.eventId)).map(publicSponsorView) }),
} satisfies Partial<RouteHandlers<'catalog'>>;
