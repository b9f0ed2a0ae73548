import type { Page } from '@playwright/test';
import type { IceConfig, SfuMode } from '@wava/protocol';

/**
 * A minimal Janus VideoRoom client inside a page, written from signaling-server/README.md ("Large meetings (SFU)"),
 * to prove the server side end to end; the app's own client lives in the renderer. It keeps its peer connection
 * in `window.__sfu` for the probes.
 */
export async function publishInPage(page: Page, mode: SfuMode, ice: IceConfig): Promise<void> {
  await page.evaluate(janusScript, { action: 'publish' as const, mode, ice, feed: null });
}

export async function subscribeInPage(page: Page, mode: SfuMode, ice: IceConfig, feed: string): Promise<void> {
  await page.evaluate(janusScript, { action: 'subscribe' as const, mode, ice, feed });
}

/**
 * From the page's SFU peer connection: video frames decoded and the width of the last, frames sent, the simulcast
 * layers being sent (`rid`s of outbound video with frames), and the selected pair's remote address.
 */
export function sfuStats(page: Page): Promise<{
  framesDecoded: number;
  frameWidth: number;
  framesSent: number;
  layersSent: string[];
  remoteAddress: string | null;
  /** The selected pair's local candidate type: `relay` when the media goes through TURN. */
  localCandidateType: string | null;
}> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __sfu?: RTCPeerConnection }).__sfu;
    const result = {
      framesDecoded: 0,
      frameWidth: 0,
      framesSent: 0,
      layersSent: [] as string[],
      remoteAddress: null as string | null,
      localCandidateType: null as string | null,
    };
    if (!pc) return result;
    const stats = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((report: Record<string, unknown>) => byId.set(report.id as string, report));
    for (const report of byId.values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'video') {
        result.framesDecoded += Number(report.framesDecoded ?? 0);
        result.frameWidth = Number(report.frameWidth ?? 0);
      }
      if (report.type === 'outbound-rtp' && report.kind === 'video') {
        result.framesSent += Number(report.framesSent ?? 0);
        if (Number(report.framesSent ?? 0) > 0 && typeof report.rid === 'string') result.layersSent.push(report.rid);
      }
      if (report.type === 'transport' && typeof report.selectedCandidatePairId === 'string') {
        const pair = byId.get(report.selectedCandidatePairId);
        const remote = pair && byId.get(pair.remoteCandidateId as string);
        result.remoteAddress = (remote?.address as string | undefined) ?? null;
        const local = pair && byId.get(pair.localCandidateId as string);
        result.localCandidateType = (local?.candidateType as string | undefined) ?? null;
      }
    }
    result.layersSent.sort();
    return result;
  });
}

/** Asks Janus for another simulcast layer of the subscribed video (0: the smallest), as a small tile would. */
export async function chooseLayerInPage(page: Page, substream: 0 | 1 | 2): Promise<void> {
  await page.evaluate(
    (layer) => (window as unknown as { __sfuLayer(layer: number): Promise<void> }).__sfuLayer(layer),
    substream,
  );
}

interface ScriptArgs {
  action: 'publish' | 'subscribe';
  mode: SfuMode;
  ice: IceConfig;
  feed: string | null;
}

/** Runs in the page (no imports, no closures). */
async function janusScript({ action, mode, ice, feed }: ScriptArgs): Promise<void> {
  type Message = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Janus's JSON
  const ws = new WebSocket(mode.url, 'janus-protocol');
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`the /sfu websocket did not open: ${mode.url}`));
  });
  let counter = 0;
  const waiting = new Map<string, { resolve(m: Message): void; reject(e: Error): void; event: boolean }>();
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as Message;
    const entry = waiting.get(message.transaction);
    if (!entry || message.janus === 'ack') return;
    const failure = message.error ?? message.plugindata?.data?.error;
    if (failure) return entry.reject(new Error(JSON.stringify(failure)));
    if (entry.event && message.janus !== 'event') return;
    waiting.delete(message.transaction);
    entry.resolve(message);
  };
  const send = (message: Message, event = false) =>
    new Promise<Message>((resolve, reject) => {
      const transaction = `t${(counter += 1)}`;
      waiting.set(transaction, { resolve, reject, event });
      ws.send(JSON.stringify({ ...message, transaction, token: mode.token }));
    });
  const session = (await send({ janus: 'create' })).data.id as number;
  setInterval(
    () => ws.send(JSON.stringify({ janus: 'keepalive', session_id: session, token: mode.token, transaction: 'k' })),
    25_000,
  );
  const attach = async () =>
    (await send({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' })).data.id as number;
  const message = (handle: number, body: Message, jsep?: RTCSessionDescriptionInit) =>
    send(
      { janus: 'message', session_id: session, handle_id: handle, body: { ...body, token: mode.token }, jsep },
      true,
    );
  const trickle = (handle: number, pc: RTCPeerConnection) => {
    pc.onicecandidate = ({ candidate }) =>
      ws.send(
        JSON.stringify({
          janus: 'trickle',
          session_id: session,
          handle_id: handle,
          token: mode.token,
          transaction: `c${(counter += 1)}`,
          candidate: candidate ?? { completed: true },
        }),
      );
  };
  const publisher = await attach();
  const joined = await message(publisher, {
    request: 'join',
    ptype: 'publisher',
    room: mode.room,
    id: mode.publisherId,
    display: mode.publisherId,
  });
  const privateId = joined.plugindata.data.private_id as number;
  const pc = new RTCPeerConnection({ iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy });
  (window as unknown as { __sfu: RTCPeerConnection }).__sfu = pc;
  if (action === 'publish') {
    trickle(publisher, pc);
    // 960x540: the smallest size for which Chromium sends all three simulcast layers (240, 480 and 960 wide).
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 960, height: 540 } });
    pc.addTransceiver(media.getAudioTracks()[0]!, { direction: 'sendonly' });
    const camera = pc.addTransceiver(media.getVideoTracks()[0]!, {
      direction: 'sendonly',
      // Highest first: Janus takes the first rid for the highest layer (substream 2), as janus.js sends them.
      sendEncodings: [
        { rid: 'h', maxBitrate: 1_200_000 },
        { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
        { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      ],
    });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await message(
      publisher,
      { request: 'publish', descriptions: [{ mid: camera.mid, description: 'camera' }] },
      offer,
    );
    await pc.setRemoteDescription(answer.jsep);
    return;
  }
  const subscriber = await attach();
  trickle(subscriber, pc);
  const attached = await message(subscriber, {
    request: 'join',
    ptype: 'subscriber',
    room: mode.room,
    private_id: privateId,
    streams: [{ feed }],
  });
  await pc.setRemoteDescription(attached.jsep);
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  await message(subscriber, { request: 'start' }, answer);
  const video = (attached.plugindata.data.streams as Message[]).find((stream) => stream.type === 'video');
  (window as unknown as { __sfuLayer(layer: number): Promise<Message> }).__sfuLayer = (layer) =>
    message(subscriber, { request: 'configure', streams: [{ mid: video?.mid, substream: layer }] });
}
