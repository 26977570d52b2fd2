import type { SQSRecord } from 'aws-lambda';
import { logger } from '../../kernel/observability.js';
import { queueFunction } from '../../kernel/queue/queue-function.js';
import { runAnnouncementSend } from '../../modules/announcements/domain/sending.js';
import {
  runEventCancellationStep,
  runSessionCancellationStep,
} from '../../modules/bookings/domain/session-cancellation.js';
import { jobMessageSchema } from '../../modules/deletions/contracts/jobs.js';
import { runDeletionStep } from '../../modules/deletions/domain/cascade.js';
import { runPostPublish } from '../../modules/marketing/domain/publishing.js';
import { purgeOrganization } from '../../modules/organizations/domain/organizations.js';
import { runAccountErasure } from '../../modules/profiles/domain/account-erasure.js';
import { getContainer } from '../container.js';

/**
 * One job per record. A record that throws is reported as a batch item failure and redelivered;
 * after the queue's maxReceiveCount it lands in the DLQ, which is where a malformed message belongs.
 */
const runJob = async (record: SQSRecord): Promise<void> => {
  const job = jobMessageSchema.parse(JSON.parse(record.body));
  const { deps } = getContainer();
  switch (job.type) {
    case 'org.delete': {
      logger.appendKeys({ orgId: job.orgId });
      // A large organization is deleted in steps; each step re-enqueues the rest.
      if ((await purgeOrganization(deps, job.orgId)) === 'more') await deps.jobs.send(job);
      break;
    }
    case 'catalog.delete': {
      logger.appendKeys({ orgId: job.orgId });
      if ((await runDeletionStep(deps, job.orgId, job.targetId)) === 'more') await deps.jobs.send(job);
      break;
    }
    case 'session.cancel': {
      logger.appendKeys({ orgId: job.orgId, sessionId: job.sessionId });
      // Bounded steps: each one hands the rest of the walk to the next message.
      const next = await runSessionCancellationStep(deps, job);
      if (next) await deps.jobs.send(next);
      break;
    }
    case 'event.cancel': {
      logger.appendKeys({ orgId: job.orgId, eventId: job.eventId });
      const next = await runEventCancellationStep(deps, job);
      if (next) await deps.jobs.send(next);
      break;
    }
    case 'announcement.send': {
      const { orgId, eventId, announcementId, scheduledFor } = job;
      logger.appendKeys({ orgId, eventId });
      // Safe to run again: each recipient's notification is written once.
      const result = await runAnnouncementSend(deps, { orgId, eventId, announcementId }, scheduledFor);
      logger.info('announcement send handled', { announcementId, ...result });
      break;
    }
    case 'post.publish': {
      const { scheduledFor, type: _t, ...ref } = job;
      logger.appendKeys({ orgId: ref.orgId, eventId: ref.eventId });
      // Safe to run twice: only a post still scheduled for that time is taken.
      const outcome = await runPostPublish(deps, ref, scheduledFor);
      logger.info('post publish handled', { postId: ref.postId, outcome });
      break;
    }
    case 'account.erase': {
      // Bounded steps, each safe to run again: the rest goes to the next message.
      if ((await runAccountErasure(deps, job.userId)) === 'more') await deps.jobs.send(job);
      break;
    }
  }
};

export const handler = queueFunction(runJob);
