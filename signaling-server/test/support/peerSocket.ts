import WebSocket from 'ws';

export interface PeerSocket {
  ws: WebSocket;
  /** Every message the PeerJS server sent, parsed. */
  messages: Array<Record<string, unknown>>;
  send(message: Record<string, unknown>): void;
  /** Resolves with the first message matching `predicate` (5 s at most). */
  waitFor(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): void;
}

const open: WebSocket[] = [];

/**
 * A raw PeerJS client (the peerjs package needs a browser): the websocket the PeerJS client opens,
 * `/peerjs/peerjs?key=&id=&token=` (a JoinResult's `peer` will do). Resolves once the server sent OPEN; rejects with the HTTP status of a
 * refused upgrade, or the ERROR message the server sent.
 */
export function openPeerSocket(url: string, params: { key: string; id: string; token: string }): Promise<PeerSocket> {
  const query = new URLSearchParams({ key: params.key, id: params.id, token: params.token }).toString();
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/peerjs/peerjs?${query}`);
  open.push(ws);
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    predicate: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const peer: PeerSocket = {
    ws,
    messages,
    send: (message) => ws.send(JSON.stringify(message)),
    waitFor(predicate) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching PeerJS message within 5 s')), 5000);
        waiters.push({
          predicate,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
        });
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
    peer
      .waitFor((m) => m.type === 'OPEN' || m.type === 'ERROR' || m.type === 'ID-TAKEN')
      .then(
        (first) => (first.type === 'OPEN' ? resolve(peer) : reject(new Error(`PeerJS ${String(first.type)}`))),
        reject,
      );
  });
}

export function closeAllPeerSockets(): void {
  for (const ws of open.splice(0)) ws.terminate();
}

/** Resolves with the close code and reason once the server closes `peer`'s websocket. */
export function closeOf(peer: PeerSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => peer.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
}
