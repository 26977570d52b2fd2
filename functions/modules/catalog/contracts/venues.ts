import {
  freeText,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  roomIdSchema,
  stampFields,
  timeZoneSchema,
  userIdSchema,
  venueIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const venueParams = orgParams.extend({ venueId: venueIdSchema });

const text = (max: number, example: string) =>
  freeText(z.string().trim().min(1).max(max)).openapi({ example });

const geoSchema = z
  .strictObject({
    lat: z.number().min(-90).max(90).openapi({ example: 52.5163 }),
    lng: z.number().min(-180).max(180).openapi({ example: 13.3777 }),
  })
  .openapi('GeoPoint');

const roomCapacity = z.number().int().min(1).max(100_000).openapi({ example: 120 });

/** A room in a request: `roomId` names a room the venue already has (keeping its id); new ones get one. */
const roomInput = z
  .strictObject({
    roomId: roomIdSchema.optional(),
    name: text(120, 'Main Hall'),
    capacity: roomCapacity.optional(),
  })
  .openapi('RoomInput');

const roomsInput = z
  .array(roomInput)
  .max(50)
  .refine(
    (rooms) => new Set(rooms.map((r) => r.name.toLowerCase())).size === rooms.length,
    'room names must be unique',
  );

const venueFields = {
  name: text(120, 'Riverside Hall'),
  address: text(300, 'Uferstraße 12'),
  city: text(120, 'Berlin'),
  timezone: timeZoneSchema,
  geo: geoSchema,
  type: text(60, 'theatre'),
  rooms: roomsInput,
  managerId: userIdSchema.openapi({ description: 'A member of the organization who manages the venue' }),
};

export const createVenueBody = z
  .strictObject({
    ...venueFields,
    geo: venueFields.geo.optional(),
    type: venueFields.type.optional(),
    rooms: venueFields.rooms.default([]),
    managerId: venueFields.managerId.optional(),
  })
  .openapi('CreateVenue');

/** `null` clears an optional field; `rooms` replaces the whole list. */
export const updateVenueBody = z
  .strictObject({
    name: venueFields.name.optional(),
    address: venueFields.address.optional(),
    city: venueFields.city.optional(),
    timezone: venueFields.timezone.optional(),
    geo: venueFields.geo.nullable().optional(),
    type: venueFields.type.nullable().optional(),
    rooms: venueFields.rooms.optional(),
    managerId: venueFields.managerId.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateVenue');

export const roomSchema = z
  .object({ roomId: roomIdSchema, name: z.string(), capacity: roomCapacity.nullable() })
  .openapi('Room');

export const venueSchema = z
  .object({
    orgId: orgIdSchema,
    venueId: venueIdSchema,
    name: z.string(),
    address: z.string(),
    city: z.string(),
    timezone: z.string().openapi({ example: 'Europe/Berlin' }),
    geo: geoSchema.nullable(),
    type: z.string().nullable(),
    rooms: z.array(roomSchema),
    managerId: z.string().nullable(),
    deleting: z.boolean().openapi({ description: 'True while a delete of the venue runs' }),
    ...stampFields,
  })
  .openapi('Venue');

export const venueListQuery = pageQuerySchema.extend({
  managerId: userIdSchema.optional().openapi({ description: 'Only venues this member manages' }),
});

export type CreateVenueBody = z.infer<typeof createVenueBody>;
export type UpdateVenueBody = z.infer<typeof updateVenueBody>;
