import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Every conference item of an event shares one partition: the agenda reads it whole, a cascade empties it. */
export const conferencePk = key('pk', ['orgId', 'eventId'], '${orgId}#conference#event#${eventId}');
