import type { BookingSeries, HandlerBenchFigures, WriteCost } from './figures.js';
import type { SizedAction } from './write-units.js';

/**
 * The handler section of docs/performance.md (between `<!-- handler:start -->` and
 * `<!-- handler:end -->`) from one run's figures; the reading of them is kept by hand below it.
 */

const met = (ok: boolean) => (ok ? 'met' : '**not met**');

const seriesRow = (name: string, s: BookingSeries) =>
  `| ${name} | ${s.bookings} | ${s.cpuMsPerBooking} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.dynamoDbLocalCpuMsPerBooking ?? 'n/a'} | ${s.dynamoCallsPerBooking} |`;

/** The API call that wrote an item: its single write, or the transaction it was in. */
const commandOf = (a: SizedAction): string => (a.write === 'single' ? `${a.kind}Item` : 'TransactWriteItems');

const itemRows = (cost: WriteCost): string[] =>
  cost.items.map(
    (a) =>
      `| ${a.request + 1}: \`${commandOf(a)}\` | ${a.label}${a.refused ? ' (refused)' : ''} | ${a.kind} | ${a.beforeBytes ?? '-'} | ${a.afterBytes ?? '-'} | ${a.writeUnits} | ${a.indexWriteUnits} |`,
  );

const itemTable = (cost: WriteCost): string[] => [
  '| request | item | action | bytes before | bytes after | WCU | index write units |',
  '|---|---|---|---|---|---|---|',
  ...itemRows(cost),
];

/** The requests of one booking, in order: "`PutItem` (claim), ..., `TransactWriteItems` (5 items)". */
const requestList = (items: readonly SizedAction[]): string => {
  const requests = [...new Set(items.map((a) => a.request))].map((r) => items.filter((a) => a.request === r));
  return requests
    .map((actions) => {
      const first = actions[0] as SizedAction;
      return first.write === 'single'
        ? `\`${commandOf(first)}\` (${first.label})`
        : `\`TransactWriteItems\` (${actions.length} items: ${actions.map((a) => a.label).join(', ')})`;
    })
    .join(', ');
};

const units = (cost: WriteCost): string =>
  cost.writeUnits.min === cost.writeUnits.max
    ? String(cost.writeUnits.mean)
    : `${cost.writeUnits.mean} (${cost.writeUnits.min} to ${cost.writeUnits.max})`;

/** What is left of the handler's CPU once its write requests are taken out. */
const ownShare = (f: HandlerBenchFigures) =>
  Math.round((f.handler.cpuMsPerBooking - f.raw.cpuMsPerBooking) * 100) / 100;

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** A share of the profile, in ms of the CPU per booking the timed series measured. */
const ofMeasured = (share: number, cpuMs: number) => Math.round(share * cpuMs * 100) / 100;

const profileSection = (f: HandlerBenchFigures): string[] => {
  const p = f.profile;
  if (!p) return [];
  const cpu = f.handler.cpuMsPerBooking;
  return [
    "### Where the handler's CPU goes",
    '',
    `V8's sampling profiler (every 200 µs, in this process) over ${p.bookings} more bookings through the`,
    `handler alone (${p.samples} samples, ${p.busyMs} ms sampled busy per booking: wall time of the`,
    "samples, so the profiler's own cost and time waiting for a core on a loaded machine are in it).",
    `Shares are of the busy samples; "ms" applies a share to the ${cpu} ms of CPU per booking the timed`,
    "series measured. Self time is time on top of the stack; a module's inclusive time counts every",
    "sample with any of its functions anywhere on the stack (ElectroDB's includes the SDK calls it",
    "makes). `(native)` is code outside JavaScript called from it (Node's C++ bindings: socket writes,",
    "hashing for the request signatures; V8's microtask runner), `(program)` native work with no",
    'JavaScript on the stack (the event loop). Project code is grouped by folder.',
    '',
    '| module | self share | self ms | inclusive share | inclusive ms |',
    '|---|---|---|---|---|',
    ...p.selfByModule.map((e) => {
      // Node's internals and the pseudo-frames sit under every stack: their inclusive time says nothing.
      const incl = /^(node:|\()/.test(e.name)
        ? undefined
        : p.inclusiveByModule.find((i) => i.name === e.name);
      return `| ${e.name} | ${percent(e.share)} | ${ofMeasured(e.share, cpu)} | ${incl ? percent(incl.share) : '-'} | ${incl ? ofMeasured(incl.share, cpu) : '-'} |`;
    }),
    '',
    'The functions with the most self time:',
    '',
    '| function (module file:line) | self share | self ms |',
    '|---|---|---|',
    ...p.topFunctions.map(
      (e) => `| ${e.name.replaceAll('|', '\\|')} | ${percent(e.share)} | ${ofMeasured(e.share, cpu)} |`,
    ),
    '',
  ];
};

export const renderHandlerSection = (
  f: HandlerBenchFigures,
  command: string,
  elapsedSeconds: number,
): string =>
  [
    '## Booking handler',
    '',
    `Measured ${f.machine.date} on ${f.machine.cpus} x ${f.machine.cpuModel}, ${f.machine.memoryGiB} GiB,`,
    `Node ${f.machine.node}, ${f.machine.platform}; 1-minute load average ${f.loadAverage1m.start} at the start,`,
    `${f.loadAverage1m.end} at the end (near or above the core count, other work shared the machine).`,
    `\`${command}\` (the run took ${elapsedSeconds} s).`,
    '',
    "Setup: the local runtime in the benchmark process (in memory, no queue consumed nor the table's",
    'stream, the scheduler and every sweep pushed beyond the run), its queue server (fauxqs) in a child',
    "process so that no queue server's work is charged to this process, as DynamoDB Local's is not (a",
    'JVM of its own). Through the API: one organization, one free published',
    'general-admission session with room for every booking, and signed-in users each with the attendee',
    `record linked to them. "Handler" imports the Lambda entry of the \`${f.function}\` function (the one the route`,
    'manifest names for `POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings`) and invokes its handler',
    "directly with that route's API Gateway v2 event, the user's JWT claims already in",
    '`requestContext.authorizer.jwt.claims` as the authorizer puts them (`email_verified: "true"`): each',
    'booking a distinct user booking for their own attendee record, `{ "attendeeId": ... }`. "Raw" is the',
    "handler's own write requests replayed: those it sent for one booking, in order:",
    `${requestList(f.writeCost.handler.items)},`,
    'captured as sent (scripts/handler-load/replay.ts), each copy with a fresh booking id wherever the',
    'captured one was (same items, sizes and conditions; the counter update carries no booking id),',
    'sent in the same order, one after another, with the plain `DynamoDBClient` (its logging middleware',
    "removed, as on the functions' client) to the same DynamoDB Local: the same requests without the",
    'handler around them. The two take',
    'turns, booking by booking, after a warm-up of 50 each; CPU is `process.cpuUsage()` (user + system)',
    'around each; events and replayed requests are built before their turn, as the Lambda runtime hands',
    'the handler a ready event. This process idled at',
    `${f.idleCpuMsPerSec} ms CPU per second.`,
    '',
    '| | bookings | CPU ms per booking | p50 ms | p95 ms | p99 ms | DynamoDB Local CPU ms | DynamoDB calls |',
    '|---|---|---|---|---|---|---|---|',
    seriesRow('handler', f.handler),
    seriesRow('raw (the same requests)', f.raw),
    '',
    `**cpuRatio ${f.cpuRatio}**: handler CPU per booking / raw CPU per booking.`,
    '',
    `Besides its DynamoDB requests the handler sends ${f.sqsRequestsPerBooking} SQS requests per booking (counted on Node's HTTP`,
    "client): the booking's notification reaches its queue from the table's stream, through the `outbox`",
    `function, not from the request (docs/notifications.md). So of the handler's ${f.handler.cpuMsPerBooking} ms per booking,`,
    `${f.raw.cpuMsPerBooking} ms is its write requests as sent, and the rest, about ${ownShare(f)} ms, the handler's own work around them.`,
    '',
    '### Write units per booking',
    '',
    `${f.writeCost.handler.sized} bookings through the handler, each of their write requests priced by DynamoDB's`,
    'billing rules from its items as they were right before and right after it (read back',
    "consistently; scripts/handler-load/write-units.ts), and summed over the booking: an item's size",
    'is its attribute names plus values',
    '([item sizes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html));',
    'a single write (`PutItem`, `UpdateItem`, `DeleteItem`) is a standard write, 1 write unit per',
    'started KB, and costs even when its condition fails, by the item as it is',
    '([conditional writes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate));',
    'every item of a write transaction, condition checks included, costs 2 write units per started KB',
    '("two underlying reads or writes of every item in the transaction",',
    '[transactions](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling));',
    'a put or update counts the larger of the item before and after, a delete the item deleted, a check',
    'the item checked',
    '([writes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ProvisionedThroughput.html#ItemSizeCalculations.Writes)).',
    'The global secondary indexes take standard writes on top, one per entry put or removed (two when',
    'its key changes) per started KB ([GSI writes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes));',
    'they are shown apart and are not in `wcuPerBooking`.',
    '',
    `**wcuPerBooking ${units(f.writeCost.handler)}** over ${f.writeCost.handler.requests} write requests (index writes on top:`,
    `${f.writeCost.handler.indexWriteUnits}). The items of one booking, request by request:`,
    '',
    ...itemTable(f.writeCost.handler),
    '',
    "The floor, the booking's counter update (a single write, as the booking sends it) and its booking item",
    "(in a transaction of its own, as the booking's transaction writes it) alone, replayed with the plain SDK:",
    `**${units(f.writeCost.rawFloor)}** WCU (index writes ${f.writeCost.rawFloor.indexWriteUnits}):`,
    '',
    ...itemTable(f.writeCost.rawFloor),
    '',
    '| target | today | |',
    '|---|---|---|',
    `| cpuRatio at most ${f.targets.maxCpuRatio} | ${f.cpuRatio} | ${met(f.targets.cpuRatioMet)} |`,
    `| wcuPerBooking at most ${f.targets.maxWcuPerBooking} for a free general-admission booking | ${f.wcuPerBooking} | ${met(f.targets.wcuMet)} |`,
    '',
    ...profileSection(f),
  ].join('\n');
