import type { WebSocket } from 'ws';

/**
 * `ws` answers every ping frame with a pong by itself (`autoPong`), below every limit of ours: a client that
 * pings fast and never reads made the server queue pongs without bound (gigabytes in a minute). Browsers and
 * our clients never send pings (Socket.io and PeerJS keep alive with messages of their own), so websocket
 * servers here run with `autoPong: false` and this answers pings itself: each ping must be `allowed` (a rate,
 * charged with its size), and a peer with more than `maxBufferedBytes` waiting for it is dropped instead.
 */
export function answerPingsWithinLimits(
  ws: WebSocket,
  allowed: (bytes: number) => boolean,
  maxBufferedBytes: number,
): void {
  ws.on('ping', (data: Buffer) => {
    if (!allowed(data.length) || ws.bufferedAmount + data.length > maxBufferedBytes) {
      ws.terminate();
      return;
    }
    ws.pong(data);
  });
}
