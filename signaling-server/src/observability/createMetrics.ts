import type { ErrorCode } from '@wava/protocol';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from './collectProcessMetrics.js';

export interface MetricsSources {
  connectedSockets(): number;
  liveMeetings(): number;
  participants(): number;
  peerConnections(): number;
}

export interface Metrics {
  registry: Registry;
  /** Adds the gauges read from the live server at each scrape (once its parts exist). */
  sample(sources: MetricsSources): void;
  joined(): void;
  authFailed(code: ErrorCode): void;
  /** Times one socket event from arrival to ack. Returns the function that stops the timer. */
  startEvent(event: string): (outcome: 'ok' | ErrorCode) => void;
  peerMessageDropped(
    reason: 'foreign-meeting' | 'malformed' | 'unknown-destination' | 'rate-limited' | 'not-seated',
  ): void;
  peerConnectionRefused(): void;
  /** Stops the process metrics' event-loop monitor and GC observer (the server is stopping). */
  stop(): void;
}

/** Prometheus metrics in a registry of this server instance's own (no global state), Node's process metrics too. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const stopProcessMetrics = collectProcessMetrics(registry);
  /** A gauge read from its source at each scrape. */
  const sampled = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  const joins = new Counter({ name: 'wava_joins_total', help: 'Successful meeting joins.', registers });
  const authFailures = new Counter({
    name: 'wava_auth_failures_total',
    help: 'Refused sign-ins, refreshes and tokens, by error code.',
    labelNames: ['code'],
    registers,
  });
  const eventDuration = new Histogram({
    name: 'wava_socket_event_duration_seconds',
    help: 'Time to handle a socket event, from arrival to ack.',
    labelNames: ['event', 'outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const peerDropped = new Counter({
    name: 'wava_peer_messages_dropped_total',
    help: 'PeerJS messages dropped: addressed outside the sender meeting, to a peer not connected, malformed, or over the rate limit.',
    labelNames: ['reason'],
    registers,
  });
  const peerRefused = new Counter({
    name: 'wava_peer_connections_refused_total',
    help: 'PeerJS websocket upgrades refused: malformed, bad key, id or token, seat gone, or over a connection limit.',
    registers,
  });

  return {
    registry,
    sample(sources) {
      sampled('wava_connected_sockets', 'Socket.io clients connected now.', sources.connectedSockets);
      sampled('wava_live_meetings', 'Meetings with at least one participant now.', sources.liveMeetings);
      sampled('wava_participants', 'Participants in meetings now.', sources.participants);
      sampled('wava_peer_connections', 'PeerJS websockets open now.', sources.peerConnections);
    },
    joined: () => joins.inc(),
    authFailed: (code) => authFailures.inc({ code }),
    startEvent(event) {
      const stop = eventDuration.startTimer({ event });
      return (outcome) => stop({ outcome });
    },
    peerMessageDropped: (reason) => peerDropped.inc({ reason }),
    peerConnectionRefused: () => peerRefused.inc(),
    stop: stopProcessMetrics,
  };
}
