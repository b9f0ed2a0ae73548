// `npm run bench` (last part), or alone: `npx tsx scripts/benchCluster.mts`. The same clients against one Wava
// server and against two servers sharing PostgreSQL and Redis (real processes of the built server, a throwaway
// PostgreSQL cluster and redis-server on loopback): connection time and `meeting:join` acknowledgement p50/p99,
// and the time until a seat is ready (PeerJS websocket open -> `participant:joined` for it at a peer); then, with
// everyone seated, each server's own count of connections, people and live meetings, its resident memory (and
// what it grew by per person) and its CPU while they sit idle (IDLE_WINDOW_MS). Prints; never fails.
// WAVA_BENCH_CLUSTER_CLIENTS (200) clients in meetings of WAVA_BENCH_CLUSTER_PER_MEETING (5).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type JoinResult, type Participant } from '@wava/protocol';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { startPostgresCluster } from '../signaling-server/test/support/postgresCluster.js';
import { freePort } from '../signaling-server/src/net/freePort.js';
import { startRedisServer } from '../signaling-server/test/support/redisServer.js';

const root = join(import.meta.dirname, '..');
const CLIENTS = Number(process.env.WAVA_BENCH_CLUSTER_CLIENTS ?? 200);
const PER_MEETING = Number(process.env.WAVA_BENCH_CLUSTER_PER_MEETING ?? 5);
/** Two Socket.io ping rounds (25 s apart). */
const IDLE_WINDOW_MS = 50_000;
/** What PeerJS clients send to stay connected (the server closes a websocket silent for 30 s). */
const PEER_HEARTBEAT_MS = 5_000;
const USERS = 10;
const CONCURRENCY = 20;

const ENV: Record<string, string> = {
  WAVA_HOST: '127.0.0.1',
  WAVA_LOG_LEVEL: 'warn',
  WAVA_STUN: 'off',
  WAVA_JWT_SECRET: 'bench-jwt-secret-of-at-least-32-characters-long',
  WAVA_PEER_SECRET: 'bench-peer-secret-of-at-least-32-characters-long',
  WAVA_MAX_CONNECTIONS_PER_IP: '100000',
  WAVA_MEETINGS_PER_HOUR: '10000',
  WAVA_PEER_CONNECTIONS_PER_USER: '1000',
  WAVA_PEER_TOKENS_PER_MINUTE: '100000',
  WAVA_SOCKET_EVENTS_PER_SECOND: '100000',
  WAVA_SOCKET_EVENT_BURST: '100000',
  WAVA_LOGIN_MAX_PER_IP: '100000',
  WAVA_REGISTER_MAX_PER_IP: '100000',
};

async function startServer(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wava-bench-cluster-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'signaling-server/dist/main.js')], {
    env: { ...process.env, ...ENV, ...env, WAVA_PORT: String(port), WAVA_DATA_DIR: dataDir, WAVA_PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i += 1) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One server's own figures (GET /metrics, from this machine: no token needed). */
async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const wanted = [
    'wava_connected_sockets',
    'wava_peer_connections',
    'wava_participants',
    'wava_live_meetings',
    'process_resident_memory_bytes',
    'nodejs_heap_size_used_bytes',
    'process_cpu_seconds_total',
  ];
  const figures: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (name && wanted.includes(name)) figures[name] = Number(value);
  }
  return figures;
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

async function inBatches<T>(items: T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(items.slice(i, i + CONCURRENCY).map((item, j) => work(item, i + j)));
  }
}

/** Redis's own memory use (INFO memory: used_memory), in bytes. */
async function redisMemory(url: string): Promise<number> {
  const redis = new Redis(url);
  try {
    return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
  } finally {
    redis.disconnect();
  }
}

async function measure(urls: string[], redisUrl?: string) {
  const before = await Promise.all(urls.map(scrape));
  const redisBefore = redisUrl ? await redisMemory(redisUrl) : 0;
  const api = createApiClient(urls[0]!);
  const tokens: string[] = [];
  for (let u = 0; u < USERS; u += 1) {
    const made = await api.register({
      username: `bench-${Date.now()}-${u}`,
      displayName: `Bench ${u}`,
      password: 'correct horse battery staple',
    });
    if (!made.ok) throw new Error(made.error.code);
    tokens.push(made.data.accessToken);
  }
  const codes: string[] = [];
  for (let m = 0; m < Math.ceil(CLIENTS / PER_MEETING); m += 1) {
    const meeting = await api.createMeeting(tokens[m % USERS]!, { title: `Bench ${m}` });
    if (!meeting.ok) throw new Error(meeting.error.code);
    codes.push(meeting.data.code);
  }
  const sockets: Socket[] = [];
  const peers: WebSocket[] = [];
  const connectMs: number[] = [];
  const joinMs: number[] = [];
  const readyMs: number[] = [];
  const clients = Array.from({ length: CLIENTS }, (_, i) => i);
  await inBatches(clients, async (i) => {
    const started = performance.now();
    const socket = io(urls[i % urls.length]!, {
      auth: { token: tokens[i % USERS] },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets[i] = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    connectMs.push(performance.now() - started);
  });
  // Joins: each client in its meeting; its PeerJS websocket on the server of the next client (the other one).
  await inBatches(clients, async (i) => {
    const socket = sockets[i]!;
    const started = performance.now();
    const ack = (await socket.timeout(10_000).emitWithAck('meeting:join', {
      code: codes[Math.floor(i / PER_MEETING)],
      media: { audio: true, video: true },
    })) as { ok: boolean; data: JoinResult };
    joinMs.push(performance.now() - started);
    if (!ack.ok) return;
    const opened = performance.now();
    // Seen by the first client of its meeting (once that one is ready itself).
    const first = sockets[i - (i % PER_MEETING)]!;
    const ready = new Promise<void>((resolve) => {
      first.on('participant:joined', (participant: Participant) => {
        if (participant.peerId === ack.data.self.peerId) resolve();
      });
    });
    const peerUrl = urls[(i + 1) % urls.length]!.replace(/^http/, 'ws');
    const query = new URLSearchParams({ key: ack.data.peer.key, id: ack.data.peer.id, token: ack.data.peer.token });
    const peer = new WebSocket(`${peerUrl}/peerjs/peerjs?${query}`);
    peer.on('error', () => undefined);
    peers.push(peer);
    const heartbeat = setInterval(() => {
      if (peer.readyState === peer.OPEN) peer.send(JSON.stringify({ type: 'HEARTBEAT' }));
    }, PEER_HEARTBEAT_MS);
    peer.once('close', () => clearInterval(heartbeat));
    if (i % PER_MEETING === 0) return;
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 5000))]);
    readyMs.push(performance.now() - opened);
  });
  // Everyone seated: let the last readiness settle, then watch the servers while the meetings sit idle
  // (Socket.io and PeerJS pings only; media would be peer to peer).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const seated = await Promise.all(urls.map(scrape));
  const redisSeated = redisUrl ? await redisMemory(redisUrl) : 0;
  await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
  const idle = await Promise.all(urls.map(scrape));
  for (const socket of sockets) socket.close();
  for (const peer of peers) peer.terminate();
  const f = (xs: number[]) => `p50 ${percentile(xs, 0.5).toFixed(1)} ms, p99 ${percentile(xs, 0.99).toFixed(1)} ms`;
  const perServer = urls.map((_, s) => {
    const [b, at, end] = [before[s]!, seated[s]!, idle[s]!];
    const people = at.wava_participants ?? 0;
    const grewKb = ((at.process_resident_memory_bytes ?? 0) - (b.process_resident_memory_bytes ?? 0)) / 1024;
    const cpuMsPerS =
      (((end.process_cpu_seconds_total ?? 0) - (at.process_cpu_seconds_total ?? 0)) * 1000) / (IDLE_WINDOW_MS / 1000);
    return (
      `server ${s + 1}: ${at.wava_connected_sockets} Socket.io + ${at.wava_peer_connections} PeerJS connections, ` +
      `${people} people in ${at.wava_live_meetings} live meetings; RSS ${((at.process_resident_memory_bytes ?? 0) / 2 ** 20).toFixed(0)} MB ` +
      `(+${(grewKb / 1024).toFixed(0)} MB, ${people ? (grewKb / people).toFixed(0) : '-'} KB a person), ` +
      `heap ${((at.nodejs_heap_size_used_bytes ?? 0) / 2 ** 20).toFixed(0)} MB; idle CPU ${cpuMsPerS.toFixed(1)} ms/s`
    );
  });
  if (redisUrl) {
    const grewKb = (redisSeated - redisBefore) / 1024;
    perServer.push(
      `Redis: used_memory ${(redisSeated / 2 ** 20).toFixed(1)} MB (+${(grewKb / 1024).toFixed(1)} MB, ` +
        `${(grewKb / CLIENTS).toFixed(1)} KB a person)`,
    );
  }
  return { connect: f(connectMs), join: f(joinMs), ready: f(readyMs), perServer };
}

const postgres = await startPostgresCluster();
const redis = await startRedisServer();
try {
  const results: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  const oneDb = `${postgres.adminUrl}`;
  {
    const one = await startServer({ WAVA_DATABASE_URL: oneDb });
    results.push(['one server (PostgreSQL, state in memory)', await measure([one.url])]);
    await one.stop();
  }
  {
    const shared = { WAVA_DATABASE_URL: oneDb, WAVA_REDIS_URL: redis.url };
    const [a, b] = [await startServer(shared), await startServer(shared)];
    results.push(['two servers (PostgreSQL + Redis)', await measure([a.url, b.url], redis.url)]);
    await Promise.all([a.stop(), b.stop()]);
  }
  console.log(`\n${CLIENTS} clients in meetings of ${PER_MEETING}, ${CONCURRENCY} at a time, loopback:`);
  for (const [name, r] of results) {
    console.log(`${name}\n  connect   ${r.connect}\n  join ack  ${r.join}\n  ready     ${r.ready}`);
    for (const line of r.perServer) console.log(`  ${line}`);
  }
} finally {
  await redis.stop();
  await postgres.stop();
}
