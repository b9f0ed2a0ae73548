import type { Logger } from '../util/logger.js';
import { CallLink, type CallLinkOptions } from './callLink.js';
import { CallScreenSlot } from './callScreenSlot.js';
import { HeldScreenCalls } from './heldScreenCalls.js';
import type { MediaCall } from './mediaCall.js';
import { ScreenPictureWaits } from './screenPictureWaits.js';
import { planScreenSlot, type ScreenSlotPlan } from './screenSlotPlan.js';
import { screenSlotOf, type CallMetadata, type StreamKind } from './streamKind.js';

export interface MeshScreensOptions {
  /** How long a screen call from someone our server does not list as sharing is held (heldScreenCalls.ts). */
  unknownCallGraceMs: number;
  /** How every screen link waits and retries (the mesh's). */
  timing: Pick<CallLinkOptions, 'policy' | 'connectTimeoutMs' | 'giveUpAfterMs' | 'logger'>;
  /** Whether our server says this participant is sharing a screen now (their stage shows it). */
  remoteSharing(peerId: string): boolean;
  /** The camera link with this participant, if they are in the mesh. */
  cameraLink(peerId: string): CallLink | undefined;
  /** What camera calls send: the local microphone and camera (or placeholders). */
  localStream(): MediaStream;
  /** Places a call from our current Peer; null when it cannot place calls now. */
  dial(peerId: string, stream: MediaStream, metadata: CallMetadata): MediaCall | null;
  /** Gives a call the current ICE servers. */
  configure(pc: RTCPeerConnection | null | undefined): void;
  /** Puts a participant's stream on the stage (or takes it off with null). */
  setStream(peerId: string, kind: StreamKind, stream: MediaStream | null): void;
  /** The stream the stage shows for this participant now. */
  streamOnStage(peerId: string, kind: StreamKind): MediaStream | null;
  /** The upload budget is applied again (a screen link connected). */
  applyBudget(): void;
  logger: Logger;
}

/**
 * Where screens go in the mesh (peerMesh.ts): ours to each participant, on the screen slot their camera call
 * offers or takes (callScreenSlot.ts) or, when their client declined the slot, by a screen call of its own;
 * theirs to our stage, from the slot once its first picture is there (screenPictureWaits.ts) or from a screen
 * call of theirs, answered only while our server says they share (heldScreenCalls.ts).
 */
export class MeshScreens {
  private readonly screenLinks = new Map<string, CallLink>();
  private readonly screenIn = new Map<string, MediaCall>();
  /** What each screen call brought; on the stage only while our server says its sender shares (`show`). */
  private readonly screenInStreams = new WeakMap<MediaCall, MediaStream>();
  /** The screen slot of each participant's current camera call (none: their client declined or has none). */
  private readonly slots = new Map<string, CallScreenSlot>();
  private readonly heldScreens: HeldScreenCalls;
  /** Screens shared on a slot that go on the stage with their first picture (screenPictureWaits.ts). */
  private readonly screenPictures = new ScreenPictureWaits();
  private screen: MediaStream | null = null;

  constructor(private readonly options: MeshScreensOptions) {
    this.heldScreens = new HeldScreenCalls(options.unknownCallGraceMs);
  }

  /** Our screen share, while we share. */
  get stream(): MediaStream | null {
    return this.screen;
  }

  /** The screen calls of our own in progress (to clients without a slot). */
  links(): CallLink[] {
    return [...this.screenLinks.values()];
  }

  /** Our share starts (null: it stops); `route` then sends it to each participant. */
  share(stream: MediaStream | null): void {
    this.screen = stream;
    this.closeScreenLinks();
  }

  /** The call bringing this participant's screen to us by a call of its own, if one is up. */
  incoming(peerId: string): RTCPeerConnection | null {
    return this.screenIn.get(peerId)?.peerConnection ?? null;
  }

  /** Whether this transceiver of the participant's camera call belongs to its screen slot. */
  reserved(peerId: string, transceiver: RTCRtpTransceiver): boolean {
    return this.slots.get(peerId)?.owns(transceiver) ?? false;
  }

  /** A screen call from a participant the server announced: answered if they share now, else held. */
  receive(call: MediaCall): void {
    if (this.options.remoteSharing(call.peer)) this.accept(call);
    else this.heldScreens.hold(call);
  }

  /**
   * The server says whether this participant shares a screen now: their slot's stream goes on the stage or
   * off it, and a screen call of theirs held until then is answered. Stopped, a screen call of theirs is dropped
   * now too: PeerJS tells the other side that a call closed only once its data channel is open, so a share
   * stopped right after it started would otherwise stay on screen until ICE gives up.
   */
  changed(peerId: string): void {
    const held = this.options.remoteSharing(peerId) ? this.heldScreens.release(peerId) : undefined;
    if (held) this.accept(held);
    const call = this.screenIn.get(peerId);
    if (call && !this.options.remoteSharing(peerId)) {
      this.screenIn.delete(peerId);
      call.close();
    }
    this.show(peerId);
  }

  /** The screen call of theirs held unanswered, if any, is refused (they left). */
  refuseHeld(peerId: string): void {
    this.heldScreens.refuse(peerId);
  }

  /** They left: their screen calls, slot and picture wait go. */
  remove(peerId: string): void {
    for (const calls of [this.screenLinks, this.screenIn]) {
      calls.get(peerId)?.close();
      calls.delete(peerId);
    }
    this.slots.delete(peerId);
    this.screenPictures.cancel(peerId);
  }

  /** Every held screen call is refused. */
  refuseAllHeld(): void {
    this.heldScreens.refuseAll();
  }

  /** No screen waits for its picture any more. */
  cancelPictures(): void {
    this.screenPictures.cancelAll();
  }

  private closeScreenLinks(): void {
    for (const link of this.screenLinks.values()) link.close();
    this.screenLinks.clear();
  }

  /**
   * Where our screen goes to this participant: on the slot once their camera call holds it; by a call of its
   * own once the call is up without one (their client declined it); nowhere while we do not share.
   */
  route(peerId: string): void {
    const link = this.options.cameraLink(peerId);
    if (!link) return;
    const slot = this.currentSlot(peerId);
    const onSlot = slot?.accepted ?? false;
    slot?.send(onSlot ? this.screen : null);
    const byCall = this.screen !== null && !onSlot && link.live;
    if (byCall && !this.screenLinks.has(peerId)) this.startScreenLink(peerId);
    if (onSlot && this.screenLinks.has(peerId)) {
      this.screenLinks.get(peerId)?.close();
      this.screenLinks.delete(peerId);
    }
  }

  /**
   * Their screen on our stage while our server says they share (a participant the host keeps from sharing cannot
   * put one there): from a screen call of theirs (answered only once the server says so: heldScreenCalls.ts),
   * else from their slot, once its first picture is there (screenPictureWaits.ts).
   */
  show(peerId: string): void {
    const sharing = this.options.remoteSharing(peerId);
    const call = this.screenIn.get(peerId);
    if (call) {
      const received = this.screenInStreams.get(call);
      if (received) this.options.setStream(peerId, 'screen', sharing ? received : null);
      return;
    }
    const slot = this.currentSlot(peerId);
    if (!sharing || !slot?.receiving) {
      this.screenPictures.cancel(peerId);
      this.options.setStream(peerId, 'screen', null);
      return;
    }
    const stream = slot.screenStream();
    if (this.options.streamOnStage(peerId, 'screen') === stream) return;
    this.screenPictures.wait(peerId, slot.videoReceiver, () => {
      if (this.currentSlot(peerId) === slot && this.options.remoteSharing(peerId))
        this.options.setStream(peerId, 'screen', stream);
    });
  }

  /** The slot of the camera call now carrying this participant's media. */
  currentSlot(peerId: string): CallScreenSlot | undefined {
    const slot = this.slots.get(peerId);
    const pc = this.options.cameraLink(peerId)?.peerConnection;
    return slot && pc === slot.pc ? slot : undefined;
  }

  /** A camera call that offers a screen slot (announced in its metadata) when we have a camera track to plan it. */
  dialCamera(peerId: string): MediaCall | null {
    const local = this.options.localStream();
    const plan = planScreenSlot(local, { audio: true });
    if (!plan) return this.options.dial(peerId, local, { kind: 'camera' });
    const call = this.options.dial(peerId, new MediaStream(plan.tracks), { kind: 'camera', screenSlot: plan.slot });
    this.bindSlot(peerId, call, plan, plan.slot);
    return call;
  }

  /** Answers a camera call, taking the screen slot it offers (if any) with spares of our own in the same order. */
  answerCamera(peerId: string, call: MediaCall): void {
    const offered = screenSlotOf(call.metadata);
    const local = this.options.localStream();
    const plan = offered ? planScreenSlot(local, { audio: offered.audio !== undefined }) : null;
    call.answer(plan ? new MediaStream(plan.tracks) : local);
    this.bindSlot(peerId, call, plan, offered);
  }

  /** The camera call just placed or answered holds this screen slot (or none: its spares are stopped). */
  private bindSlot(
    peerId: string,
    call: MediaCall | null,
    plan: ScreenSlotPlan | null,
    slot: CallMetadata['screenSlot'] | null,
  ): void {
    this.slots.delete(peerId);
    if (!plan) return;
    const bound = slot ? CallScreenSlot.bind(call?.peerConnection, plan, slot, this.options.logger) : null;
    if (bound) this.slots.set(peerId, bound);
    else for (const spare of [plan.spare.video, plan.spare.audio]) spare?.stop();
  }

  private accept(call: MediaCall): void {
    const peerId = call.peer;
    const previous = this.screenIn.get(peerId);
    this.screenIn.set(peerId, call);
    previous?.close();
    call.on('stream', (stream) => {
      if (this.screenIn.get(peerId) !== call) return;
      this.screenInStreams.set(call, stream);
      this.show(peerId);
    });
    call.on('close', () => {
      if (this.screenIn.get(peerId) !== call) return;
      this.screenIn.delete(peerId);
      this.options.setStream(peerId, 'screen', null);
    });
    call.on('error', (error) => this.options.logger.warn(`screen call from ${peerId}:`, error.message));
    call.answer();
    this.options.configure(call.peerConnection);
  }

  private startScreenLink(peerId: string): void {
    const screen = this.screen;
    if (!screen) return;
    const metadata: CallMetadata = { kind: 'screen' };
    const link = new CallLink({
      ...this.options.timing,
      peerId,
      initiator: true,
      dial: () => this.options.dial(peerId, screen, metadata),
      answer: (call) => call.answer(),
      onState: (state) => state === 'connected' && this.options.applyBudget(),
      onStream: () => undefined,
    });
    this.screenLinks.get(peerId)?.close();
    this.screenLinks.set(peerId, link);
    link.start();
  }
}
