/** Prometheus metrics, one registry per app so tests and several apps in one process don't collide. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(withDefaults = true) {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({
      name: 'bot_turns_total',
      help: 'Customer messages answered',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'bot_turn_duration_seconds',
      help: 'Time to answer one customer message',
      labelNames: ['channel'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    intents: new Counter({
      name: 'bot_intents_total',
      help: 'Recognised intents',
      labelNames: ['intent'] as const,
      registers: [registry],
    }),
    handoffs: new Counter({
      name: 'bot_handoffs_total',
      help: 'Conversations handed to a human',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'bot_ws_connections',
      help: 'Open customer WebSocket connections',
      registers: [registry],
    }),
    orderSourceErrors: new Counter({
      name: 'bot_order_source_errors_total',
      help: 'Order look-ups that failed',
      labelNames: ['source', 'kind'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
