// The bare approach most WebRTC meeting apps start from, for `npm run bench` only (never shipped):
// one page, Express + Socket.io (its defaults) + the stock PeerJS server (`peer`), no accounts.
// Usage: node bareServer.mjs PORT   (prints "listening" when ready)
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const app = express();
const server = createServer(app);
let wss = null;
// The stock PeerServer on the same HTTP server; upgrades routed by path so Socket.io keeps its websocket.
const peerApp = ExpressPeerServer(server, {
  path: '/',
  createWebSocketServer: () => (wss = new WebSocketServer({ noServer: true })),
});
server.on('upgrade', (req, socket, head) => {
  if (!req.url?.startsWith('/peerjs')) return;
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
app.use('/peerjs', peerApp);
app.get('/vendor/peerjs.min.js', (_req, res) => res.sendFile(require.resolve('peerjs/dist/peerjs.min.js')));
app.get('/vendor/socket.io.min.js', (_req, res) =>
  res.sendFile(join(dirname(require.resolve('socket.io-client/package.json')), 'dist/socket.io.min.js')),
);
app.use(express.static(join(here, 'public')));

const io = new Server(server);
io.on('connection', (socket) => {
  socket.on('join', ({ room, peerId }) => {
    socket.data.peerId = peerId;
    socket.join(room);
    const others = [...(io.sockets.adapter.rooms.get(room) ?? [])]
      .filter((id) => id !== socket.id)
      .map((id) => io.sockets.sockets.get(id)?.data.peerId)
      .filter(Boolean);
    socket.emit('peers', others);
  });
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () =>
  process.stdout.write(`listening ${server.address().port}\n`),
);
