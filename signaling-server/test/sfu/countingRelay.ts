import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

/**
 * A websocket relay in front of a real Janus API (or admin API) that counts the requests going through it, by
 * `janus` verb, and how many were waiting for their answer at once. `rewrite` may change a request on its way
 * (Janus answers the changed one for real).
 */
export interface CountingRelay {
  url: string;
  count(verb: string): number;
  /** Every request so far. */
  total(): number;
  /** The most requests that were waiting for Janus's answer at the same time. */
  maxInFlight(): number;
  /** Counts from here on only (requests still waiting stay counted as in flight). */
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingRelay(
  upstreamUrl: string,
  rewrite: (request: Record<string, unknown>) => Record<string, unknown> = (request) => request,
): Promise<CountingRelay> {
  const counts = new Map<string, number>();
  const inFlight = new Set<string>();
  let maxInFlight = 0;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => [...protocols][0]! });
  wss.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl, client.protocol);
    const pending: RawData[] = [];
    upstream.on('open', () => pending.splice(0).forEach((message) => upstream.send(message.toString())));
    upstream.on('message', (message) => {
      const answer = JSON.parse(message.toString()) as { janus?: string; transaction?: string };
      // An `ack` only says Janus got the request (the API's asynchronous ones); the admin API has none.
      if (answer.transaction !== undefined && answer.janus !== 'ack') inFlight.delete(answer.transaction);
      client.send(message.toString());
    });
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (message) => {
      const request = rewrite(JSON.parse(message.toString()) as Record<string, unknown>) as {
        janus?: string;
        transaction?: string;
      };
      const verb = request.janus ?? '';
      counts.set(verb, (counts.get(verb) ?? 0) + 1);
      if (request.transaction !== undefined) inFlight.add(request.transaction);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      const forwarded = JSON.stringify(request);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(forwarded);
      else pending.push(Buffer.from(forwarded));
    });
    client.on('close', () => upstream.close());
  });
  await once(wss, 'listening');
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    count: (verb) => counts.get(verb) ?? 0,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    maxInFlight: () => maxInFlight,
    reset() {
      counts.clear();
      maxInFlight = inFlight.size;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
