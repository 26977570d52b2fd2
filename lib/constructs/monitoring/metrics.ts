import { apiMetrics } from './api.js';
import { backPressureMetrics } from './back-pressure.js';
import { deliveryMetrics } from './deliveries.js';
import { functionMetrics } from './functions.js';
import type { MonitoredResources } from './monitored.js';
import { nightlyMetrics } from './nightly.js';
import { queueMetrics } from './queues.js';
import { sendingMetrics } from './sending.js';
import { streamMetrics } from './streams.js';
import { tableMetrics } from './table.js';
import { webhookMetrics } from './webhooks.js';

/** Every metric the alarms watch, built once: the dashboard graphs the very same ones. */
export const operationalMetrics = (resources: MonitoredResources) => ({
  api: apiMetrics(resources.api),
  functions: functionMetrics(resources.functions),
  queues: queueMetrics(resources.queues),
  streams: streamMetrics(resources.streams),
  table: tableMetrics(resources.table),
  deliveries: deliveryMetrics(resources.scheduleGroup, resources.rules),
  backPressure: backPressureMetrics(resources.notificationMetrics),
  sending: sendingMetrics(),
  nightly: nightlyMetrics(resources.nightlyMetrics),
  webhooks: webhookMetrics(resources.webhookMetrics),
});

export type OperationalMetrics = ReturnType<typeof operationalMetrics>;
