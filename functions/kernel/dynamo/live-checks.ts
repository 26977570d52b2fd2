import { DomainError, notFound } from '../domain/errors.js';
import type { EventlyService } from './service.js';
import type { TxEntities, TxItem } from './transactions.js';

/**
 * Condition checks a new item's transaction carries, so that an item put after its organization's
 * or event's cascade ran is refused rather than orphaned.
 */

export const organizationActive = (tx: TxEntities, orgId: string): TxItem => ({
  label: 'organization',
  write: tx.organization
    .check({ orgId })
    .where(({ status }, { eq }) => eq(status, 'active'))
    .commit(),
  fails: new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted'),
});

/** The event is there and not being deleted; a refusal says which (read after the failure). */
export const eventNotDeleting = (
  service: EventlyService,
  tx: TxEntities,
  { orgId, eventId }: { orgId: string; eventId: string },
): TxItem => ({
  label: 'event',
  write: tx.event
    .check({ orgId, eventId })
    .where(({ deleting }, { eq }) => eq(deleting, false))
    .commit(),
  fails: async () => {
    const { data } = await service.entities.event.get({ orgId, eventId }).go({ consistent: true });
    return data ? new DomainError('EVENT_DELETING', 'the event is being deleted') : notFound('event');
  },
});
