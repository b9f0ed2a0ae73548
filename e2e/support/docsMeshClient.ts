import type { Browser, Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { createApiClient, type IceConfig, type JoinResult } from '@wava/protocol';
import { newMeeting } from '../../signaling-server/test/support/meetings.js';
import { connectSocket, joinMeeting, request, type ClientSocket } from '../../signaling-server/test/support/sockets.js';
import { registerUser } from '../../signaling-server/test/support/users.js';
import { installRtcProbe } from './rtcProbe.js';

const peerJsBundle = createRequire(__filename).resolve('peerjs/dist/peerjs.min.js');

/**
 * A mesh client written only from signaling-server/README.md ("Writing a client") with the stock PeerJS bundle: the
 * socket in the test process, the Peer and the media in a page. It knows nothing of the screen slot: camera calls
 * carry `{kind: 'camera'}`, its screen goes out as one more call `{kind: 'screen'}`, and it answers every camera call
 * with its own camera and microphone (so a slot offered to it is declined). Its page keeps `window.__docs`.
 */
export class DocsMeshClient {
  private constructor(
    readonly page: Page,
    readonly socket: ClientSocket,
    readonly join: JoinResult,
    private readonly announced: Set<string>,
  ) {}

  /**
   * Creates a meeting and joins it first. Peer ids sort newer-first (signaling-server/README.md), so whoever joins
   * after it has the smaller peer id and, by the pair rule, places the camera call to it.
   */
  static async host(browser: Browser, serverUrl: string, name: string): Promise<DocsMeshClient> {
    const api = createApiClient(serverUrl);
    const user = await registerUser(api, name);
    const code = await newMeeting(api, user);
    const socket = await connectSocket(serverUrl, user.session.accessToken);
    const ack = await joinMeeting(socket, code);
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    const seat = ack.data;
    // Everyone already there arrives as participant:joined once this seat is ready (its PeerJS websocket open).
    const announced = new Set<string>();
    let page: Page | null = null;
    socket.on('participant:joined', (participant) => {
      announced.add(participant.peerId);
      void page?.evaluate(
        (id) => (window as unknown as { __docs: DocsState }).__docs.announced(id),
        participant.peerId,
      );
    });
    const context = await browser.newContext({ permissions: ['camera', 'microphone'], bypassCSP: true });
    const opened = await context.newPage();
    await installRtcProbe(opened);
    await opened.goto(`${serverUrl}/healthz`);
    await opened.addScriptTag({ path: peerJsBundle });
    const url = new URL(serverUrl);
    await opened.evaluate(startInPage, { host: url.hostname, port: Number(url.port), peer: seat.peer, ice: seat.ice });
    page = opened;
    for (const peerId of [...announced])
      await opened.evaluate((id) => (window as unknown as { __docs: DocsState }).__docs.announced(id), peerId);
    return new DocsMeshClient(opened, socket, seat, announced);
  }

  /** The peer ids of the people the server announced. */
  get others(): string[] {
    return [...this.announced];
  }

  /** Shares a screen as the README says: a `{kind: 'screen'}` call to everyone, then `media:update`. */
  async share(to: string[]): Promise<void> {
    await this.page.evaluate(async (peerIds) => {
      const docs = (window as unknown as { __docs: DocsState }).__docs;
      const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
      for (const id of peerIds) docs.peer.call(id, screen, { metadata: { kind: 'screen' } });
    }, to);
    const reply = await request(this.socket, 'media:update', { screen: true });
    if (!reply.ok) throw new Error(`media:update refused: ${reply.error.code}`);
  }

  /** Frames decoded from the screen calls it answered, and from its camera calls. */
  received(): Promise<{ screenCalls: number; screenFrames: number; cameraFrames: number }> {
    return this.page.evaluate(async () => {
      const docs = (window as unknown as { __docs: DocsState }).__docs;
      const frames = async (pcs: RTCPeerConnection[]) => {
        let total = 0;
        for (const pc of pcs)
          (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video') total += r.framesDecoded ?? 0;
          });
        return total;
      };
      return {
        screenCalls: docs.screenCalls.length,
        screenFrames: await frames(docs.screenCalls),
        cameraFrames: await frames(docs.cameraCalls),
      };
    });
  }

  async close(): Promise<void> {
    this.socket.close();
    await this.page.context().close();
  }
}

interface DocsState {
  peer: {
    call(id: string, stream: MediaStream, options: { metadata: unknown }): { peerConnection: RTCPeerConnection };
  };
  cameraCalls: RTCPeerConnection[];
  screenCalls: RTCPeerConnection[];
  /** Someone the server announced: place the camera call if the pair rule says this side does. */
  announced(peerId: string): void;
}

/** In the page: the Peer, the pair rule, and answering calls, as "Writing a client" says. */
async function startInPage(options: {
  host: string;
  port: number;
  peer: JoinResult['peer'];
  ice: IceConfig;
}): Promise<void> {
  type Call = {
    peer: string;
    metadata: { kind?: string } | undefined;
    peerConnection: RTCPeerConnection;
    answer(stream?: MediaStream): void;
    on(event: 'stream', listener: (stream: MediaStream) => void): void;
  };
  type PeerInstance = DocsState['peer'] & {
    on(event: 'open', listener: () => void): void;
    on(event: 'call', listener: (call: Call) => void): void;
  };
  const { Peer } = (window as unknown as { peerjs: { Peer: new (id: string, options: unknown) => PeerInstance } })
    .peerjs;
  const camera = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
  const video = document.createElement('video');
  video.id = 'remote-camera';
  video.muted = true;
  video.autoplay = true;
  document.body.append(video);
  const peer = new Peer(options.peer.id, {
    host: options.host,
    port: options.port,
    secure: false,
    path: options.peer.path,
    key: options.peer.key,
    token: options.peer.token,
    config: { iceServers: options.ice.iceServers, iceTransportPolicy: options.ice.iceTransportPolicy },
  });
  const showCamera = (call: Call) => {
    docs.cameraCalls.push(call.peerConnection);
    call.on('stream', (stream) => (video.srcObject = stream));
  };
  const docs: DocsState = {
    peer,
    cameraCalls: [],
    screenCalls: [],
    // The pair rule: the smaller peer id places the camera call.
    announced: (id) => {
      if (options.peer.id < id) showCamera(peer.call(id, camera, { metadata: { kind: 'camera' } }) as Call);
    },
  };
  (window as unknown as { __docs: DocsState }).__docs = docs;
  peer.on('call', (call) => {
    if (call.metadata?.kind === 'screen') {
      call.answer();
      docs.screenCalls.push(call.peerConnection);
    } else {
      call.answer(camera);
      showCamera(call);
    }
  });
  await new Promise<void>((resolve) => peer.on('open', resolve));
}
