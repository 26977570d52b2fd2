import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Every conference item of an event shares one partition: the agenda reads it whole, a cascade empties it. */
export const conferencePk = key('pk', ['orgId', 'eventId'], '${orgId}#conference#event#${eventId}');

/** A speaker's or sponsor's links (label and URL), stored as a list of maps. */
export const linkItems = {
  type: 'list',
  items: {
    type: 'map',
    properties: { label: { type: 'string', required: true }, url: { type: 'string', required: true } },
  },
} as const;
