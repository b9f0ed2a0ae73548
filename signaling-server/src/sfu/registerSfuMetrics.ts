import { Gauge, type Registry } from 'prom-client';
import type { SfuStats } from './createSfuController.js';

/** The SFU's gauges, read at each scrape of /metrics. */
export function registerSfuMetrics(registry: Registry, stats: () => SfuStats): void {
  const gauge = (name: string, help: string, read: (now: SfuStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(stats()));
      },
    });
  gauge('wava_sfu_instances', 'Janus instances configured (WAVA_SFU_URLS).', (now) => now.instances);
  gauge('wava_sfu_instances_up', 'Janus instances reachable now.', (now) => now.instancesUp);
  gauge('wava_sfu_meetings', 'Meetings on the SFU now.', (now) => now.meetings);
  gauge('wava_sfu_participants', 'Participants holding an SFU token now.', (now) => now.participants);
  gauge('wava_sfu_proxy_connections', 'Open /sfu websockets (each one to Janus too).', (now) => now.proxyConnections);
  gauge(
    'wava_sfu_meetings_held',
    'Meetings whose SFU state this server keeps (with people here, or a room in its grace).',
    (now) => now.meetingsHeld,
  );
}
