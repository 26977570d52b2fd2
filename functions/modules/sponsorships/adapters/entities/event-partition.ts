import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Every sponsorship item of an event shares one partition: a cascade empties it by Queries. */
export const sponsorshipsPk = key('pk', ['orgId', 'eventId'], '${orgId}#sponsorships#event#${eventId}');
