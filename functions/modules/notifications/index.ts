/**
 * The notifications module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */

export { notificationRecordPut } from './adapters/notification-record-item.js';
export { notificationRecord, sessionCapacityReleased } from './adapters/notification-records.js';
export { capacityReleasedMessageSchema } from './contracts/capacity-released.js';
export type { NotificationRef } from './domain/model.js';
export { notificationMessageId } from './domain/model.js';
