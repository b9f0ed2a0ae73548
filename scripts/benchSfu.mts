// `npm run bench` (SFU part), or alone as root: `bash scripts/benchSfu.sh`. WAVA_BENCH_SFU_PEOPLE (30) simulated
// participants (Node WebRTC, @roamhq/wrtc: a synthetic 160x120 camera at 15 fps and a microphone) sign up, join
// one meeting over Socket.io, and once it is on the SFU publish to and subscribe from a real Janus through the
// Wava server's /sfu proxy, as signaling-server/README.md tells a client to: audio of everyone, video of the
// WAVA_SFU_LAST_N (9) others most recently joined. Reports the join times, Janus's CPU and memory (from /proc),
// and bytes per participant up and down over MEASURE_MS, as the participants counted them and as Janus did (admin
// API: what it received and forwarded, whether or not the simulated receivers, which decode every stream on the
// same cores, keep up with it); beside them the same meeting as a mesh, projected from
// the per-stream rates measured here (in a mesh each person sends every stream once per other person and
// receives everyone's). Must run in a private network namespace (Janus will not use loopback for media; this
// script adds a veth pair there): scripts/benchSfu.sh makes one. Prints; never fails the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type SfuMode } from '@wava/protocol';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { startJanus } from '../signaling-server/src/sfu/startJanus.js';
import {
  JANUS_ADMIN_PROTOCOL,
  openJanusSocket,
  type JanusSocket,
} from '../signaling-server/src/sfu/openJanusSocket.js';
import { freePort } from '../signaling-server/src/net/freePort.js';
import {
  SIMULATED_VIDEO,
  type FeedStream,
  type FlowStats,
  type SimulatedSfuParticipant,
} from '../e2e/support/simulatedSfuParticipant.js';
import { addVethPair, VETH } from '../e2e/support/vethPair.js';

const root = join(import.meta.dirname, '..');
const PEOPLE = Number(process.env.WAVA_BENCH_SFU_PEOPLE ?? 30);
const LAST_N = 9;
const THRESHOLD = 4;
const MEASURE_MS = 10_000;
const SETTLE_MS = 3_000;
const PEER_HEARTBEAT_MS = 5_000;
const SECRET = 'bench-sfu-secret-of-at-least-32-characters';
/** Processes the simulated participants are spread over (scripts/benchSfuWorker.mts). */
const WORKERS = Number(process.env.WAVA_BENCH_SFU_WORKERS ?? 5);

/** The worker processes, and a participant living in one of them behind the same interface. */
function startWorkers(count: number) {
  const workers: ChildProcess[] = [];
  const pending = new Map<
    number,
    { worker: ChildProcess; resolve(value: unknown): void; reject(error: Error): void }
  >();
  let nextId = 0;
  for (let w = 0; w < count; w += 1) {
    // The same Node flags (tsx's loader) as this process.
    const worker = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'benchSfuWorker.mts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.on('message', (answer: { id: number; value?: unknown; error?: string }) => {
      const waiter = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.error !== undefined) waiter?.reject(new Error(answer.error));
      else waiter?.resolve(answer.value);
    });
    // A worker that dies answers nothing more: its calls fail instead of waiting for ever.
    worker.once('exit', (code, signal) => {
      for (const [id, waiter] of pending) {
        if (waiter.worker !== worker) continue;
        pending.delete(id);
        waiter.reject(new Error(`a bench worker exited (${signal ?? code})`));
      }
    });
    workers.push(worker);
  }
  const call = <T,>(worker: ChildProcess, command: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { worker, resolve: resolve as (value: unknown) => void, reject });
      worker.send({ ...command, id });
    });
  return {
    async join(index: number, mode: SfuMode): Promise<SimulatedSfuParticipant & { refreshFeeds(): Promise<void> }> {
      const worker = workers[index % count]!;
      await call(worker, { op: 'join', index, mode });
      // What lives in the worker is fetched: feeds() and disconnected() answer what refreshFeeds() fetched last.
      let feeds: FeedStream[] = [];
      let closed = false;
      return {
        publisherId: mode.publisherId,
        publish: () => call<void>(worker, { op: 'publish', index }),
        feeds: () => feeds,
        async refreshFeeds() {
          feeds = await call<FeedStream[]>(worker, { op: 'feeds', index });
          closed = await call<boolean>(worker, { op: 'disconnected', index });
        },
        subscribe: (streams: readonly FeedStream[]) => call<void>(worker, { op: 'subscribe', index, streams }),
        sent: () => call<FlowStats>(worker, { op: 'sent', index }),
        received: () => call<FlowStats>(worker, { op: 'received', index }),
        disconnected: () => closed,
        close: () => undefined,
      };
    },
    async close() {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise((resolve) => {
              if (worker.exitCode !== null || worker.signalCode !== null) return resolve(null);
              worker.once('exit', resolve);
              if (worker.connected) worker.send({ op: 'close', id: 0 });
              else worker.kill();
            }),
        ),
      );
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/** Bytes Janus counted for one participant, per direction (in: from its publisher; out: to its subscriber). */
type JanusCounted = Record<'in' | 'out', Record<'audio' | 'video', number>>;
const noneCounted = (): JanusCounted => ({ in: { audio: 0, video: 0 }, out: { audio: 0, video: 0 } });

/**
 * Bytes Janus counted so far (RTP, headers included) by the token each handle was attached with (admin API
 * `handle_info`, every stream's stats): received on the publisher handle, sent on the subscriber handle. Beside
 * what the participants counted, it tells Janus not forwarding from the simulated receivers not keeping up.
 */
async function janusBytesByToken(admin: JanusSocket): Promise<Map<string, JanusCounted>> {
  type Info = {
    token?: string;
    plugin_specific?: { type?: string };
    webrtc?: {
      media?: Record<string, { type?: string; stats?: { in?: { bytes?: number }; out?: { bytes?: number } } }>;
    };
  };
  const ask = (message: Record<string, unknown>) => admin.request({ ...message, admin_secret: SECRET });
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : []);
  const counted = new Map<string, JanusCounted>();
  for (const sessionId of ids((await ask({ janus: 'list_sessions' })).sessions)) {
    const listed = await ask({ janus: 'list_handles', session_id: sessionId }).catch(() => null);
    for (const handleId of ids(listed?.handles)) {
      const answer = await ask({ janus: 'handle_info', session_id: sessionId, handle_id: handleId }).catch(() => null);
      const info = answer?.info as Info | undefined;
      const type = info?.plugin_specific?.type;
      if (!info?.token || (type !== 'publisher' && type !== 'subscriber')) continue;
      const direction = type === 'publisher' ? 'in' : 'out';
      const entry = counted.get(info.token) ?? noneCounted();
      for (const media of Object.values(info.webrtc?.media ?? {})) {
        if (media.type === 'audio' || media.type === 'video')
          entry[direction][media.type] += media.stats?.[direction]?.bytes ?? 0;
      }
      counted.set(info.token, entry);
    }
  }
  return counted;
}

/** UDP datagrams the kernel dropped in this network namespace so far (a receiver not reading its socket in time). */
function udpDrops(): { rcvbuf: number; inErrors: number } {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const names = lines[0]!.split(/\s+/);
  const values = lines[1]!.split(/\s+/).map(Number);
  return { rcvbuf: values[names.indexOf('RcvbufErrors')] ?? NaN, inErrors: values[names.indexOf('InErrors')] ?? NaN };
}

/** CPU time (user + system) of a process so far, in ms (clock ticks of 10 ms), and its resident memory in MB. */
function processFigures(pid: number): { cpuMs: number; rssMb: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, rssMb: rssKb / 1024 };
}

async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await pause(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Seat {
  socket: Socket;
  peer: WebSocket;
  heartbeat: NodeJS.Timeout;
  sfu: Promise<SfuMode>;
  /** meeting:join sent. */
  started: number;
  dropped: boolean;
  mode?: SfuMode;
  client?: SimulatedSfuParticipant & { refreshFeeds(): Promise<void> };
}

const veth = await addVethPair();
const janus = await startJanus({ secret: SECRET, interfaces: [VETH.janusSide] });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'wava-bench-sfu-'));
const server = spawn(process.execPath, [join(root, 'signaling-server/dist/main.js')], {
  env: {
    ...process.env,
    WAVA_HOST: '127.0.0.1',
    WAVA_PORT: String(port),
    WAVA_PUBLIC_URL: url,
    WAVA_DATA_DIR: dataDir,
    WAVA_LOG_LEVEL: 'warn',
    WAVA_STUN: 'off',
    WAVA_SFU_URLS: janus.url,
    WAVA_SFU_ADMIN_URLS: janus.adminUrl,
    WAVA_SFU_SECRET: SECRET,
    WAVA_SFU_THRESHOLD: String(THRESHOLD),
    WAVA_SFU_LAST_N: String(LAST_N),
    WAVA_REGISTER_MAX_PER_IP: '100000',
    WAVA_LOGIN_MAX_PER_IP: '100000',
    WAVA_MAX_CONNECTIONS_PER_IP: '100000',
    WAVA_PEER_CONNECTIONS_PER_USER: '1000',
    WAVA_PEER_TOKENS_PER_MINUTE: '100000',
    WAVA_MEETINGS_PER_HOUR: '10000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const seats: Seat[] = [];
const workers = startWorkers(WORKERS);
try {
  await waitUntil('the Wava server', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 120_000);
  const api = createApiClient(url);
  const tokens: string[] = [];
  for (let i = 0; i < PEOPLE; i += 1) {
    const made = await api.register({
      username: `sfu-bench-${i}`,
      displayName: `Person ${i + 1}`,
      password: 'correct horse battery staple',
    });
    if (!made.ok) throw new Error(made.error.code);
    tokens.push(made.data.accessToken);
  }
  const meeting = await api.createMeeting(tokens[0]!, { title: 'SFU bench' });
  if (!meeting.ok) throw new Error(meeting.error.code);

  /** Joins over Socket.io, opens the seat's PeerJS websocket (which makes it ready); the SFU mode comes later. */
  async function seat(token: string): Promise<Seat> {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const sfu = new Promise<SfuMode>((resolve) =>
      socket.on('meeting:mode', (mode: SfuMode | { mode: 'mesh' }) => {
        if (mode.mode === 'sfu') resolve(mode);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const started = performance.now();
    const ack = await socket.timeout(10_000).emitWithAck('meeting:join', {
      code: meeting.ok ? meeting.data.code : '',
      media: { audio: true, video: true },
    });
    if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
    const { key, id, token: peerToken } = ack.data.peer;
    const peer = new WebSocket(`${url.replace('http', 'ws')}/peerjs/peerjs?key=${key}&id=${id}&token=${peerToken}`);
    await new Promise((resolve, reject) => (peer.once('message', resolve), peer.once('error', reject)));
    const heartbeat = setInterval(() => {
      if (peer.readyState === peer.OPEN) peer.send(JSON.stringify({ type: 'HEARTBEAT' }));
    }, PEER_HEARTBEAT_MS);
    const one: Seat = { socket, peer, heartbeat, sfu, started, dropped: false };
    socket.on('disconnect', () => (one.dropped = true));
    peer.on('close', () => (one.dropped = true));
    return one;
  }

  /** Audio of everyone else, video of the LAST_N others who joined most recently before this one (or after). */
  function wanted(client: SimulatedSfuParticipant): FeedStream[] {
    const feeds = client.feeds();
    const order = seats.map((s) => s.client?.publisherId);
    const videoFeeds = new Set(
      [...new Set(feeds.map((f) => f.feed))].sort((a, b) => order.indexOf(b) - order.indexOf(a)).slice(0, LAST_N),
    );
    return feeds.filter((f) => f.type === 'audio' || videoFeeds.has(f.feed));
  }

  // The first THRESHOLD people sit in a mesh (the simulated clients send nothing there); the next one moves the
  // meeting to the SFU and everyone publishes. Everyone after that joins an SFU meeting: join time is theirs.
  const joinToCredentials: number[] = [];
  const joinToFirstMedia: number[] = [];
  let joinsWithoutMedia = 0;
  for (let i = 0; i < PEOPLE; i += 1) {
    const next = await seat(tokens[i]!);
    seats.push(next);
    if (i < THRESHOLD) continue;
    const movers = i === THRESHOLD ? seats : [next];
    for (const one of movers) {
      const mode = (one.mode = await waitUntil('SFU credentials', () => one.sfu, 20_000));
      if (one === next && i > THRESHOLD) joinToCredentials.push(performance.now() - one.started);
      one.client = await workers.join(seats.indexOf(one), mode);
      await one.client.publish();
    }
    if (i > THRESHOLD) {
      // A newcomer's first subscription: what it hears and sees on arrival; the time until media arrives.
      const client = next.client!;
      await waitUntil('the others’ streams', async () => {
        await client.refreshFeeds();
        return client.feeds().length > 0 ? true : undefined;
      });
      await client.subscribe(wanted(client));
      // A join that got nothing within 30 s is counted as such; the meeting goes on (a busy machine).
      const gotMedia = await waitUntil('first media from the SFU', async () => {
        const got = await client.received();
        return got.audio.packets > 0 && got.video.packets > 0 ? true : undefined;
      }).catch(() => false);
      if (gotMedia) joinToFirstMedia.push(performance.now() - next.started);
      else joinsWithoutMedia += 1;
    }
  }
  // Everyone changes its subscription to the full set now (`update`, as clients do on `publishers` events), then
  // the steady state.
  const clients = seats.flatMap((s) => (s.client ? [s.client] : []));
  for (const client of clients) {
    await waitUntil('every publisher', async () => {
      await client.refreshFeeds();
      return new Set(client.feeds().map((f) => f.feed)).size >= clients.length - 1 ? true : undefined;
    });
    await client.subscribe(wanted(client));
  }
  // Until each one's subscription carries media (the first THRESHOLD people's first one: ICE and DTLS on a busy
  // machine take a while).
  let connected = 0;
  for (const client of clients) {
    connected += await waitUntil(
      'media on the subscription',
      async () => {
        const got = await client.received();
        return got.audio.packets > 0 && got.video.packets > 0 ? 1 : undefined;
      },
      60_000,
    ).catch(() => 0);
  }
  await pause(SETTLE_MS);
  const admin = await openJanusSocket(janus.adminUrl, JANUS_ADMIN_PROTOCOL);
  const sfuTokens = seats.flatMap((one) => (one.client ? [one.mode!.token] : []));
  const snapshot = async () => ({
    janus: processFigures(janus.pid),
    janusBytes: await janusBytesByToken(admin).then((byToken) =>
      sfuTokens.map((token) => byToken.get(token) ?? noneCounted()),
    ),
    udp: udpDrops(),
    sent: await Promise.all(clients.map((c) => c.sent())),
    received: await Promise.all(clients.map((c) => c.received())),
    at: performance.now(),
    load: loadavg()[0]!,
  });
  const before = await snapshot();
  await pause(MEASURE_MS);
  const after = await snapshot();
  const seconds = (after.at - before.at) / 1000;
  const kbps = (bytes: number) => (bytes * 8) / 1000 / seconds;
  const rate = (a: FlowStats[], b: FlowStats[], kind: keyof FlowStats) =>
    b.map((flow, i) => kbps(flow[kind].bytes - a[i]![kind].bytes));
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const upAudio = mean(rate(before.sent, after.sent, 'audio'));
  const upVideo = mean(rate(before.sent, after.sent, 'video'));
  const down = rate(before.received, after.received, 'audio').map(
    (audio, i) => audio + rate(before.received, after.received, 'video')[i]!,
  );
  const starved = down.filter((value) => value === 0).length;
  const n = clients.length;
  const janusCpu = (after.janus.cpuMs - before.janus.cpuMs) / 1000 / seconds;

  const line = (name: string, sfu: number, mesh: number, unit: string) =>
    console.log(
      `${name.padEnd(58)} ${`${sfu.toFixed(1)} ${unit}`.padEnd(13)} ${`${mesh.toFixed(1)} ${unit}`.padEnd(13)} ${(sfu / mesh).toFixed(2)}`,
    );
  console.log(
    `\nSFU load: ${n} simulated participants in one meeting (Node WebRTC, ${SIMULATED_VIDEO.width}x${SIMULATED_VIDEO.height} ` +
      `at ${SIMULATED_VIDEO.fps} fps, one layer, plus Opus audio), each receiving everyone's audio and ${LAST_N} videos, ` +
      `measured over ${seconds.toFixed(1)} s; machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `load average ${before.load.toFixed(1)} to ${after.load.toFixed(1)}`,
  );
  if (n < PEOPLE) console.log(`only ${n} of ${PEOPLE} published (the first ${THRESHOLD} joined a mesh first)`);
  if (connected < n) console.log(`${n - connected} of ${n} subscriptions carried no media within 60 s`);
  if (starved > 0) console.log(`${starved} of ${n} received nothing during the window`);
  await Promise.all(clients.map((client) => client.refreshFeeds()));
  const dropped = seats.filter((one) => one.dropped).length;
  const gone = clients.filter((client) => client.disconnected()).length;
  if (dropped + gone > 0) console.log(`${dropped} seats lost their connection, ${gone} Janus sessions closed`);
  console.log(
    `join (meeting:join sent) to SFU credentials, ${joinToCredentials.length} joins: p50 ${percentile(joinToCredentials, 0.5).toFixed(0)} ms, p95 ${percentile(joinToCredentials, 0.95).toFixed(0)} ms`,
  );
  console.log(
    `join to first audio and video from the SFU, ${joinToFirstMedia.length} joins: p50 ${percentile(joinToFirstMedia, 0.5).toFixed(0)} ms, p95 ${percentile(joinToFirstMedia, 0.95).toFixed(0)} ms`,
  );
  if (joinsWithoutMedia > 0) console.log(`${joinsWithoutMedia} joins got no audio and video within 30 s`);
  console.log(
    `Janus: ${(janusCpu * 100).toFixed(0)} % of one core, ${after.janus.rssMb.toFixed(0)} MB resident (forwarding ${n * (n - 1)} audio and ${n * Math.min(LAST_N, n - 1)} video streams)`,
  );
  console.log(`per-stream rates measured: audio ${upAudio.toFixed(1)} kbps, video ${upVideo.toFixed(1)} kbps`);
  console.log(
    `\n${`SFU against a mesh of ${n} (projected)`.padEnd(58)} ${'SFU'.padEnd(13)} ${'mesh'.padEnd(13)} ratio`,
  );
  line('upload per participant', upAudio + upVideo, (n - 1) * (upAudio + upVideo), 'kbps');
  line('download per participant, mean', mean(down), (n - 1) * (upAudio + upVideo), 'kbps');
  // What reached the receivers against what the SFU should forward at the rates sent: on a machine whose cores
  // are busy the simulated receivers (one Node process) fall behind first; Janus's own CPU shows its share.
  const expected = (n - 1) * upAudio + Math.min(LAST_N, n - 1) * upVideo;
  console.log(
    `received ${((mean(down) / expected) * 100).toFixed(0)} % of what the SFU should forward at the rates sent`,
  );
  line('streams each participant sends', 2, 2 * (n - 1), '');
  const janusRate = (direction: 'in' | 'out', kind: 'audio' | 'video') =>
    mean(after.janusBytes.map((bytes, i) => kbps(bytes[direction][kind] - before.janusBytes[i]![direction][kind])));
  const janusIn = janusRate('in', 'audio') + janusRate('in', 'video');
  const janusOut = janusRate('out', 'audio') + janusRate('out', 'video');
  const janusExpected = (n - 1) * janusRate('in', 'audio') + Math.min(LAST_N, n - 1) * janusRate('in', 'video');
  console.log(
    `as Janus counted them (RTP, headers included), per participant: ${janusIn.toFixed(1)} kbps in, ` +
      `${janusOut.toFixed(1)} kbps out (${((janusOut / janusExpected) * 100).toFixed(0)} % of what it should forward at the rates it received)`,
  );
  console.log(
    `UDP datagrams dropped by the kernel for a full receive buffer during the window: ${after.udp.rcvbuf - before.udp.rcvbuf}`,
  );
} catch (error) {
  console.log(`the SFU load benchmark did not finish: ${(error as Error).message}`);
  console.log(janus.log().split('\n').slice(-10).join('\n'));
} finally {
  const step = (what: string) => process.env.WAVA_BENCH_DEBUG && console.error(`cleanup: ${what}`);
  for (const one of seats) {
    one.client?.close();
    clearInterval(one.heartbeat);
    one.peer.terminate();
    one.socket.close();
  }
  await workers.close();
  step('clients closed');
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  step('server stopped');
  await janus.stop();
  step('janus stopped');
  await veth.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
// Node WebRTC's native threads keep the process alive after every connection closed.
process.exit(0);
