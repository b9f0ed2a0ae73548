import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A websocket relay in front of a real Janus API that holds the plugin requests `hold` picks by their body (Janus
 * gets them once released: a Janus slow to answer them); every other request goes through at once.
 */
export interface HoldingRelay {
  url: string;
  /** How many requests were held so far (released ones included). */
  held(): number;
  /** Janus gets every request held, and from now on those `hold` picks too. */
  release(): void;
  /** Janus gets every request held so far; those `hold` picks from now on are held still. */
  letThrough(): void;
  close(): Promise<void>;
}

export async function startHoldingRelay(
  upstreamUrl: string,
  hold: (body: Record<string, unknown>) => boolean,
): Promise<HoldingRelay> {
  const held: (() => void)[] = [];
  let heldCount = 0;
  let released = false;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => [...protocols][0]! });
  wss.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl, client.protocol);
    const pending: string[] = [];
    const forward = (message: string) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(message);
      else pending.push(message);
    };
    upstream.on('open', () => pending.splice(0).forEach((message) => upstream.send(message)));
    upstream.on('message', (message) => client.send(message.toString()));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (data) => {
      const message = data.toString();
      const request = JSON.parse(message) as { janus?: string; body?: Record<string, unknown> };
      if (!released && request.janus === 'message' && request.body && hold(request.body)) {
        heldCount += 1;
        held.push(() => forward(message));
        return;
      }
      forward(message);
    });
    client.on('close', () => upstream.close());
  });
  await once(wss, 'listening');
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    held: () => heldCount,
    release() {
      released = true;
      for (const send of held.splice(0)) send();
    },
    letThrough() {
      for (const send of held.splice(0)) send();
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
