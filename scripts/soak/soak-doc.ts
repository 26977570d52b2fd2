import type { SoakFigures } from './figures.js';
import { mixWeights } from './mix.js';
import { rampLimits } from './ramp.js';
import { targetRows } from './target-rows.js';
import { eventPlans } from './world.js';

/**
 * The soak's section of docs/performance.md. The reading of the figures is written by hand after
 * real runs; the generated text ends with its placeholder line.
 */

const cell = (verdict: string): string => (verdict === 'NOT MET' ? '**not met**' : verdict);

const statusList = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');

/** The ramp before the soak (with --find-rate), on the same world. */
const rampRows = (f: SoakFigures): string[] =>
  f.ramp
    ? [
        `Each ramp step lasted ${f.rampStepSeconds ?? '?'} s. Sustained: answers at ${rampLimits.answeredShare} x the rate or more, ` +
          `none missed or 5xx, p99 at most ${rampLimits.maxP99Ms} ms, the oldest waiting notification at most ` +
          `${rampLimits.maxOldestPendingSeconds} s old at the step's end.`,
        '',
        '| ramp step req/s | answered/s | missed | 5xx | p50 ms | p99 ms | oldest pending s | sustained |',
        '|---|---|---|---|---|---|---|---|',
        ...f.ramp.map(
          (s) =>
            `| ${s.rate} | ${s.answeredPerSecond} | ${s.missed} | ${s.serverErrors} | ${s.latencyP50Ms} | ${s.latencyP99Ms} | ${s.oldestPendingSeconds} | ${s.sustained ? 'yes' : 'no'} |`,
        ),
        '',
      ]
    : [];

export const renderSoakSection = (f: SoakFigures): string =>
  [
    '## Soak',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.machine.loadAverage1m} at the end.`,
    `\`npm run bench:soak -- --minutes ${f.minutes} --rate ${f.askedRate ?? f.rate} --seed ${f.seed} --drain-seconds ${f.drainSeconds}${f.ramp ? ' --find-rate' : ''}\`${f.ramp ? `: soaked at ${f.rate} req/s, the highest rate the ramp below found sustained` : ''}.`,
    '',
    ...rampRows(f),
    '| figure | measured | target | |',
    '|---|---|---|---|',
    ...targetRows(f).map(
      ([name, rule, measured, verdict]) => `| ${name} | ${measured} | ${rule} | ${cell(verdict)} |`,
    ),
    `| oldest pending notification, max | ${f.oldestPendingMaxSeconds} s | | |`,
    `| notifications queue depth, max / at end | ${f.queueDepthMax} / ${f.queueDepthAtEnd} | | |`,
    `| requests scheduled / answered / missed, over | ${f.scheduledRequests} / ${f.completedRequests} / ${f.missedRequests}, ${f.loadSeconds} s | | |`,
    `| start lag p99 / max (slots started late by a busy event loop) | ${f.scheduleLagP99Ms} / ${f.scheduleLagMaxMs} ms | | |`,
    `| pending after the drain, fresh ones of the drain included | ${f.pendingAfterDrain} | | |`,
    `| invariant check: sessions still changing when it gave up (not judged) / reads (the scan, then re-reads of violating sessions) | ${f.invariants.unsettledSessions} / ${f.invariants.rounds} | | |`,
    `| latency p50 / p99 (from each request's planned start) | ${f.latencyP50Ms} / ${f.latencyP99Ms} ms | | |`,
    `| latency p50 / p99 by minute of the load, ms | ${f.latencyByMinute.map((m) => `${Math.round(m.p50Ms)} / ${Math.round(m.p99Ms)}`).join(', ')} | | |`,
    `| notifications delivered (\`sent\`) / all | ${f.deliveredNotifications} / ${Object.values(f.notificationsByStatus).reduce((a, b) => a + b, 0)} | | |`,
    '',
    `Answers by status: ${statusList(f.answersByStatus)}. Refusals by code: ${statusList(f.problemCodes) || 'none'}.`,
    '',
    'Setup: the local runtime in the benchmark process (in memory, the outbox sweep every 5 s, the',
    `holds sweep every minute), one organization, ${f.world.sessions} general-admission sessions of ${f.world.placesPerSession} places over`,
    `${eventPlans.length} published events (${eventPlans.map((p) => `${p.sessions} ${p.price.kind} ${p.policy}`).join(', ')}; every event with`,
    '`holdMinutes` 1 and `offerMinutes` 1, so priced holds and unanswered offers expire during the run),',
    `${f.world.users} signed-in users each with their own attendee record, and the owner's token for staff changes.`,
    'All of it is built through the API before the load and not measured.',
    '',
    `The mix: an open loop starts ${f.rate} requests a second on a fixed schedule (at most ${f.maxInFlight} in flight; a slot`,
    'finding that many unanswered is not sent and counts as missed), drawn by a seeded PRNG so two runs',
    `with one seed send the same sequence of kinds: book ${mixWeights.book}% (1-2 seats, \`joinWaitlistIfFull\`),`,
    `cancel ${mixWeights.cancel}% (a live booking of the user), waitlist ${mixWeights.waitlist}% (accept or decline a known offer, or`,
    `leave), reads ${mixWeights.read}% (\`GET /v1/me/notifications\`, \`/v1/me/bookings\`, \`/v1/me/waitlist\`; the latter mostly`,
    `by users who wait, which is how offers are found), staff capacity changes ${mixWeights.staff}% (±1-3 places within`,
    '±6 of 30). A user books or waits for at most two sessions at a time (300 users x 2 = the 600',
    'places): a user at that limit gives a place up instead of booking. Each user acts on their own state as learned from the answers; stale actions get the',
    "4xx a real client's would. Once a second the pending index (gsi3) is read for the oldest pending,",
    'undeferred notification and the notifications queue for its depth; after the load the runtime',
    `keeps running ${f.drainSeconds} s before the undelivered, hand-off and invariant figures are taken.`,
    '`undeliveredAfterDrain` counts the notifications written during the load that are still pending',
    '(and not deferred) then, plus any that ended `failed`; expiring holds and offers keep writing fresh ones during the drain,',
    "which the row below it includes. `requestsPerSecond` is answers over the load's real length",
    "(longer than asked when the schedule slipped); latencies run from each request's planned start.",
    '',
    'The reading of the figures follows this generated section (written by hand, kept across runs).',
  ].join('\n');
