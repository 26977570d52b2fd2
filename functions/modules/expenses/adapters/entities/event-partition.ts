import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Every expense item of an event shares one partition: its totals are read whole, a cascade empties it. */
export const expensesPk = key('pk', ['orgId', 'eventId'], '${orgId}#expenses#event#${eventId}');
