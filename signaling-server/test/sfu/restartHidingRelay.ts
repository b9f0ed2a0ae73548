import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A websocket relay in front of Janus that hides a restart of it, as a proxy in the path that keeps its clients'
 * connections may: when Janus goes away its clients stay connected, and what they send waits until Janus is back.
 * What Janus lost (sessions, rooms, tokens) shows only in its answers.
 */
export interface RestartHidingRelay {
  url: string;
  /** Resolves when the next request with this `janus` verb goes through (the Wava server's `keepalive`). */
  next(verb: string): Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MS = 100;

export async function startRestartHidingRelay(upstreamUrl: string): Promise<RestartHidingRelay> {
  const waiters: { verb: string; resolve: () => void }[] = [];
  let closing = false;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => [...protocols][0]! });
  wss.on('connection', (client) => {
    const pending: string[] = [];
    let upstream: WebSocket | null = null;
    const connect = () => {
      if (closing || client.readyState !== WebSocket.OPEN) return;
      const next = new WebSocket(upstreamUrl, client.protocol);
      next.on('open', () => {
        upstream = next;
        for (const message of pending.splice(0)) next.send(message);
      });
      next.on('message', (message) => client.send(message.toString()));
      next.on('error', () => undefined);
      next.on('close', () => {
        if (upstream === next) upstream = null;
        setTimeout(connect, RECONNECT_MS);
      });
    };
    connect();
    client.on('message', (raw) => {
      const message = raw.toString();
      const verb = (JSON.parse(message) as { janus?: string }).janus ?? '';
      for (const waiter of waiters.filter((w) => w.verb === verb)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (upstream?.readyState === WebSocket.OPEN) upstream.send(message);
      else pending.push(message);
    });
    client.on('close', () => upstream?.close());
  });
  await once(wss, 'listening');
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    next: (verb) => new Promise((resolve) => waiters.push({ verb, resolve })),
    async close() {
      closing = true;
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
