import type { NotifyBenchFigures } from './figures.js';
import { commandTable, ratioTable, seriesTable } from './tables.js';

/**
 * The notify section of docs/performance.md (between `<!-- notify:start -->` and
 * `<!-- notify:end -->`) from one run's figures. The reading of the figures is kept by hand
 * below the generated text.
 */
export const renderNotifySection = (f: NotifyBenchFigures): string =>
  [
    '## Notification delivery',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.loadAverage1m.start} at the start,`,
    `${f.loadAverage1m.end} at the end. \`npm run bench:notify -- --notifications ${f.notifications}\`.`,
    '',
    'Setup: the local runtime in the benchmark process (in memory) with the notifications queue not',
    'consumed and both sweeps pushed beyond the run. Through the API: one organization, a free',
    'published event per series with one session, and signed-in users with their own attendee',
    'records, who book (16 at a time): each booking writes one `booking.confirmed` notification and',
    'the stream relay puts one `notification.deliver` message on the queue. "Delivery" then receives',
    'those messages 10 at a time and invokes the notifications handler',
    '(`functions/app/lambdas/notifications.ts`) with a Lambda context, deleting what it did not',
    'report failed, with 1 or 4 batches in flight; a batch\'s latency is its invocation. "Baseline" is',
    'the least a delivery with the same guarantees writes, with the plain SDK on the same DynamoDB',
    'Local, over items of its own: a conditional UpdateItem that claims the item (pending, no live',
    'lease; ADD attempts, SET leaseUntil, answering the item) and a conditional UpdateItem that',
    "completes it (status sent, only while the lease holds), a batch's 10 items in parallel as the",
    'handler runs its records. Calls are counted by an SDK middleware on every client the functions',
    `create (the idle runtime's ${f.backgroundCallsPerSec} calls/s subtracted); the baseline's are 2 by`,
    'construction. "Bench CPU" is this process: the handler, the SDK clients, and for delivery also',
    'fauxqs (in process) and the receive and delete calls; "DynamoDB Local CPU" is its JVM, read',
    'from /proc. These are figures of this machine and of DynamoDB Local, not of DynamoDB.',
    '',
    ...seriesTable(f),
    '',
    ...ratioTable(f),
    '',
    `DynamoDB calls per delivered notification (both delivery series): **${f.dynamoCallsPerNotification.total}**`,
    '',
    ...commandTable(f),
    '',
    `Afterwards ${f.check.sent} of ${f.check.expected} notifications were \`sent\` and ${f.check.handoffsOne}`,
    `had been handed to the queue exactly once (${f.check.found} notification items in the table).`,
    '',
    'The reading of the figures follows this generated section (written by hand, kept across runs).',
  ].join('\n');
