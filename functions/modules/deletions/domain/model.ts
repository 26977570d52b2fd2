/** A background cascade delete of a venue, event or session (see domain/deletions.ts). */
export type DeletionKind = 'venue' | 'event' | 'session';

export interface Deletion {
  orgId: string;
  /** The id of the venue, event or session being deleted. */
  targetId: string;
  kind: DeletionKind;
  status: 'running' | 'completed';
  requestedBy: string;
  requestedAt: string;
  completedAt: string | null;
  /** Items removed so far. */
  deletedItems: number;
}
