import { orgParams, pageQuerySchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import { attendeeSchema } from '../contracts/attendees.js';
import {
  addPartyMemberBody,
  createPartyBody,
  partyMemberParams,
  partyParams,
  partySchema,
  removePartyMemberQuery,
  updatePartyBody,
} from '../contracts/parties.js';

const partyMembersSchema = z.object({ items: z.array(attendeeSchema) }).openapi('PartyMembers');

/** Parties (groups of attendees with one leader) and their members, served by `catalog`. */
export const partyRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Parties' }, [
  {
    operationId: 'createParty',
    method: 'POST',
    path: '/v1/orgs/{orgId}/parties',
    summary: 'Create a party with its leader and members (each attendee is in at most one party)',
    params: orgParams,
    body: createPartyBody,
    success: reply(201, 'Created', partySchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listParties',
    method: 'GET',
    path: '/v1/orgs/{orgId}/parties',
    summary: 'List parties',
    params: orgParams,
    query: pageQuerySchema,
    success: replyPage('A page of parties', partySchema, 'PartyPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getParty',
    method: 'GET',
    path: '/v1/orgs/{orgId}/parties/{partyId}',
    summary: 'Read a party',
    params: partyParams,
    success: reply(200, 'The party', partySchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateParty',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/parties/{partyId}',
    summary: 'Rename a party or hand its lead to another member',
    params: partyParams,
    body: updatePartyBody,
    success: reply(200, 'The updated party', partySchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteParty',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/parties/{partyId}',
    summary: 'Delete a party; its attendees stay, without a party',
    params: partyParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listPartyMembers',
    method: 'GET',
    path: '/v1/orgs/{orgId}/parties/{partyId}/members',
    summary: 'The attendees in a party, the leader first',
    params: partyParams,
    success: reply(200, 'The members', partyMembersSchema),
    problems: [403, 404],
  },
  {
    operationId: 'addPartyMember',
    method: 'POST',
    path: '/v1/orgs/{orgId}/parties/{partyId}/members',
    summary: 'Add an attendee to a party (the first member of an empty party leads it)',
    params: partyParams,
    body: addPartyMemberBody,
    success: reply(200, 'The party', partySchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'removePartyMember',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/parties/{partyId}/members/{attendeeId}',
    summary: 'Take an attendee out of a party (the leader only with `newLeaderId`, or as the last member)',
    params: partyMemberParams,
    query: removePartyMemberQuery,
    success: reply(200, 'The party', partySchema),
    problems: [403, 404, 409],
  },
]);
