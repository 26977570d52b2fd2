import type { AwsNight, NightlyBenchFigures, PassFigures, Projection } from './figures.js';

/**
 * The "Nightly run" section of docs/performance.md (between `<!-- nightly:start -->` and
 * `<!-- nightly:end -->`) from one run's figures: the tenant, the nights measured here, each
 * message type, the projection to AWS with its model, the targets and what binds.
 */

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const seconds = (ms: number) => Math.round(ms / 100) / 10;

const passRow = (name: string, p: PassFigures) =>
  `| ${name} | ${p.night} | ${p.concurrency} | ${p.totals.sessions} | ${seconds(p.wallMs)} | ${p.sessionsPerSecond} | ${p.dynamoCalls} | ${p.cpuSeconds} | ${p.maxMessageMs} | ${p.maxBatchMs} | ${p.totals.trainedOn} | ${p.totals.reconciled} | ${p.totals.corrected} / ${p.totals.drifts} | ${p.totals.forecasts} | ${p.totals.outcomes} | ${p.totals.auditRecords} |`;

const projectionRow = (name: string, p: Projection) =>
  `| ${name} | ${p.lanes} | **${p.minutes}** | ${p.workBoundMinutes} | ${p.chainMinutes} | ${p.chainWithWindowsMinutes} | ${p.batches} | ${p.maxBatchMs} | ${p.withinHour ? 'yes' : '**no**'} |`;

const messageRows = (p: PassFigures, alike: PassFigures | null) =>
  Object.entries(p.messages).map(([type, s]) => {
    const c = alike?.messages[type as keyof typeof alike.messages];
    return `| ${type} | ${s.count} | ${c ? `${c.p50Ms} / ${c.p95Ms} / ${c.maxMs}` : 'n/a'} | ${s.p50Ms} / ${s.p95Ms} / ${s.maxMs} | ${s.meanDynamoCalls} | ${s.meanCpuMs} | ${s.meanAwsMs} | ${s.maxAwsMs} |`;
  });

const messageTable = (title: string, p: PassFigures, alike: PassFigures | null) => [
  title,
  '',
  '| message | count | with fan-out here: p50 / p95 / max ms | one at a time here: p50 / p95 / max ms | DynamoDB calls (mean) | CPU ms (mean) | AWS ms (mean) | AWS ms (max) |',
  '|---|---|---|---|---|---|---|---|',
  ...messageRows(p, alike),
  '',
];

const projectionTable = (aws: AwsNight) => [
  "| projection | invocations | minutes | work / invocations (min) | largest organization's chain (min) | the chain waiting every batching window (min) | batches | worst batch ms | within the hour |",
  '|---|---|---|---|---|---|---|---|---|',
  projectionRow('with fan-out', aws.fanOut),
  projectionRow('no fan-out', aws.noFanOut),
];

/** What the figures say, from the figures. */
const reading = (f: NightlyBenchFigures): string[] => {
  const slow = f.aws.slowest;
  const fanOutHere = f.steady;
  return [
    `- **Here with fan-out** ${f.concurrency} messages share 2 cores and DynamoDB Local, which serves one request`,
    `  at a time: the night goes ${Math.round((f.sessionsPerSecond / f.baseline.sessionsPerSecond) * 100) / 100} x as fast as one message at a time, but each message waits for`,
    `  the others, so its time here (max ${fanOutHere.maxMessageMs} ms, worst 5 in a row ${fanOutHere.maxBatchMs} ms) says little about`,
    '  an invocation in AWS, which has its own vCPU share and a DynamoDB that does not queue it. Each',
    "  message's own work is the one-at-a-time figure; its time in AWS is the model's.",
    `- **The longest message** is ${slow.type} of ${slow.organization}: ${slow.hereMs} ms here alone, ${slow.awsMs} ms in AWS`,
    `  (${slow.cpuMs} ms of CPU here, ${slow.calls} DynamoDB calls bringing ${slow.answerMB} MB).${slow.type === 'nightly.org' ? ' It is step 0, which reads every' : ''}`,
    ...(slow.type === 'nightly.org'
      ? [
          `  outcome the organization ever recorded (${slow.trainedOn}) in one message and trains the model on them: it grows`,
          '  with the history, which is never pruned, while every other message is bounded by its page of',
          '  250 sessions or its chunk of 25.',
        ]
      : []),
    `- **Without fan-out** the night is ${f.baseline.projectedAwsMinutes} min of work in AWS, ${f.baseline.withinHour ? 'within' : 'beyond'} the hour${f.baseline.projectedAwsMinutes > 15 ? ',' : ';'}`,
    ...(f.baseline.projectedAwsMinutes > 15
      ? ["  and as one invocation it would be beyond Lambda's 15-minute limit; the chunks are what keep"]
      : ['  the chunks are what keep']),
    '  each invocation to seconds.',
    ...(f.aws.fanOut.chainWithWindowsMinutes > f.aws.fanOut.workBoundMinutes
      ? [
          `- **With fan-out** ${f.aws.fanOut.lanes} invocations take the chunks faster than one organization's walk hands`,
          '  them out (a page of 250 sessions per step, each step sent when the one before ends), so the queue',
          `  runs nearly empty and each step waits up to the ${f.aws.model.batchingWindowMs / 1000} s batching window for a batch that does`,
          `  not fill: the largest organization's chain of ${f.aws.fanOut.chainSteps} steps is the night (${f.aws.fanOut.chainWithWindowsMinutes} min, of which`,
          `  ${f.aws.fanOut.chainMinutes} min is work). More invocations would not shorten it; a larger walk page or a shorter`,
          `  batching window would. It reaches the hour at about ${f.aws.fanOut.chainHourSessions} sessions in one organization.`,
        ]
      : [
          `- **With fan-out** the work over ${f.aws.fanOut.lanes} invocations (${f.aws.fanOut.workBoundMinutes} min) sets the night; the largest`,
          `  organization's chain of ${f.aws.fanOut.chainSteps} walk steps takes ${f.aws.fanOut.chainWithWindowsMinutes} min even waiting every batching window.`,
        ]),
    '',
  ];
};

export const renderNightlySection = (f: NightlyBenchFigures): string => {
  const m = f.aws.model;
  const first = f.firstNight;
  return [
    '## Nightly run',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.loadAverage1m.start} at the start,`,
    `${f.loadAverage1m.end} at the end. \`${f.command}\`.`,
    '',
    `The tenant (scripts/nightly-load/tenant.ts), on a DynamoDB Local of the bench's own (in memory):`,
    `${f.sessions} sessions over ${f.organizations.length} organizations and ${f.bookings} bookings, ${f.seeding.items} items`,
    `seeded in ${f.seeding.seconds} s. The organizations, venues, events and attendees are made through the use`,
    `cases; sessions (with their counter and room slot)${first ? ' and' : ','} bookings (with their step record)${first ? '' : ' and the ended'}`,
    `${first ? '' : "sessions' recorded outcomes "}are the items the product writes, built by their entities from`,
    'the same domain objects and adapter functions, written with BatchWriteItem. Ended sessions',
    'spread over two years; "near" ones start within the 30-day forecast horizon, "far" ones within',
    'a year; about 1 session in 2,000 has 150 to 250 bookings.',
    '',
    '| organization | sessions | ended | near | far | bookings |',
    '|---|---|---|---|---|---|',
    ...f.organizations.map(
      (o) => `| ${o.name} | ${o.sessions} | ${o.ended} | ${o.soon} | ${o.far} | ${o.bookings} |`,
    ),
    '',
    "Each night runs in the bench process with the nightly function's code (`driveNight`:",
    "`runNightlyMessage` on every message, from an in-memory queue, at the night's 02:00 UTC clock).",
    first
      ? "The first night records every ended session's outcome (no model yet), one message at a time."
      : 'The first night is not run: the outcomes it would record are seeded (`--first-night` runs it).',
    "The steady night, which is every night after the first, trains each organization's model on",
    `that history and works on every session, ${f.concurrency} messages at a time (the queue's maxConcurrency). Then`,
    'its run and chunk records and the outcomes it recorded are taken back and the same night runs',
    "again one message at a time, which gives each message's own CPU (this process), DynamoDB calls",
    'and answer bytes: the input of the projection. Before each night a few counter drifts are',
    'planted (a booking cut off between its take and its transaction, with a claim older than the',
    'grace); the night must correct each of them and find no other.',
    '',
    '| night | date | at a time | sessions | wall s | sessions/s | DynamoDB calls | CPU s | max message ms | worst 5 in a row ms | trained on | recounted | drifts corrected | forecasts | outcomes | audit records |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...(first ? [passRow('first', first)] : []),
    passRow('steady, fan-out', f.steady),
    passRow('steady, one at a time', f.serial),
    '',
    ...messageTable(
      'Per message type, the steady night (calls, CPU and the AWS time from the one-at-a-time run):',
      f.serial,
      f.steady,
    ),
    ...(first ? messageTable('The first night (one at a time):', first, null) : []),
    '### The projection to AWS',
    '',
    'Each message measured one at a time becomes a time in AWS (scripts/nightly-load/aws-model.ts):',
    '',
    `- its CPU in this process x ${m.cpuFactor}: the function has ${m.memoryMb} MB, so ${m.memoryMb} / 1,769 of a vCPU (the same`,
    '  core speed is assumed);',
    `- plus its DynamoDB calls at ${m.singleItemMs} ms for a single-item read or write and ${m.multiItemMs} ms for a query page, batch`,
    `  or transaction, plus ${m.msPerMB} ms per MB of answer, divided by the calls it had in flight at once on average`,
    '  (measured here while any was in flight; DynamoDB Local serves one at a time, so this understates',
    "  the overlap of a chunk's 5 sessions worked on side by side in AWS);",
    `- plus ${m.sqsSendMs} ms per SendMessageBatch (10 messages) it sends.`,
    '',
    `The night is then simulated on the queue (scripts/nightly-load/queue-model.ts): ${m.maxConcurrency} invocations at once`,
    `(the event source mapping's maxConcurrency), each taking up to ${m.batchSize} waiting messages, oldest first, after`,
    `waiting up to the ${m.batchingWindowMs / 1000} s batching window for a full batch, and working through them one after another`,
    "(Powertools' BatchProcessor runs a batch's records side by side by default, so this is the slower",
    `case); a message sent is receivable ${m.hopMs} ms after the one that sent it ends. The tick sends every`,
    "organization's step 0; step 0 (the model) sends step 1; each walk step sends its chunks, then the",
    "next step, which so waits behind every chunk already queued: an organization's walk is a chain.",
    'Without fan-out is the same night on one invocation.',
    '',
    ...projectionTable(f.aws),
    '',
    ...(first?.aws
      ? [
          `The first night, projected the same way: ${first.aws.fanOut.minutes} min with fan-out, ${first.aws.noFanOut.minutes} min without; its`,
          `worst batch ${first.aws.maxBatchMs} ms (${pct(first.aws.budgetShare)} of the timeout), its longest message ${first.aws.maxMessageMs} ms.`,
          '',
        ]
      : []),
    '| target | measured | |',
    '|---|---|---|',
    `| ${f.sessions} sessions within the hour in AWS, with fan-out | ${f.projectedAwsMinutes} min | ${met(f.withinHour)} |`,
    `| the same without fan-out (one invocation at a time) | ${f.baseline.projectedAwsMinutes} min | ${met(f.baseline.withinHour)} |`,
    `| a batch of ${m.batchSize} messages at most 25% of the ${f.timeoutMs / 1000} s timeout: measured here, one message at a time | ${f.maxBatchMs} ms, ${pct(f.budgetShare)} | ${met(f.budgetShare <= 0.25)} |`,
    `| the same in AWS (the simulation's worst batch) | ${f.aws.maxBatchMs} ms, ${pct(f.aws.budgetShare)} | ${met(f.aws.budgetShare <= 0.25)} |`,
    `| (for reference) measured here with ${f.concurrency} messages at once | ${f.steady.maxBatchMs} ms, ${pct(f.steady.maxBatchMs / f.timeoutMs)} | ${f.steady.maxBatchMs / f.timeoutMs <= 0.25 ? 'met' : 'not met'} |`,
    '',
    ...reading(f),
    `**Binding:** ${f.binding}.`,
    '',
    `Checks: ${
      f.checks.length === 0
        ? 'every night corrected each planted drift and found no other; every run is done, with each session walked and each chunk done'
        : `**failed**: ${f.checks.join('; ')}`
    }${f.invariants ? `; the invariants of the whole table after the nights: ${f.invariants.violations} violations (${f.invariants.seconds} s)` : ''}.`,
  ].join('\n');
};
