import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

/** A websocket relay in front of a real Janus API that counts the requests going through it, by `janus` verb. */
export interface CountingRelay {
  url: string;
  count(verb: string): number;
  close(): Promise<void>;
}

export async function startCountingRelay(upstreamUrl: string): Promise<CountingRelay> {
  const counts = new Map<string, number>();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => [...protocols][0]! });
  wss.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl, client.protocol);
    const pending: RawData[] = [];
    upstream.on('open', () => pending.splice(0).forEach((message) => upstream.send(message.toString())));
    upstream.on('message', (message) => client.send(message.toString()));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (message) => {
      const verb = (JSON.parse(message.toString()) as { janus?: string }).janus ?? '';
      counts.set(verb, (counts.get(verb) ?? 0) + 1);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(message.toString());
      else pending.push(message);
    });
    client.on('close', () => upstream.close());
  });
  await once(wss, 'listening');
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    count: (verb) => counts.get(verb) ?? 0,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
