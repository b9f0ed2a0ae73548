import type { IceConfig, PeerCredentials } from '@wava/protocol';
import type { Logger } from '../util/logger.js';
import { codecReordering } from './codecReordering.js';
import { iceConfiguration } from './iceConfiguration.js';
import type { MediaCall } from './mediaCall.js';
import type { PeerFactory, PeerLike } from './peerLike.js';
import { setIceServers } from './setIceServers.js';
import type { CallMetadata } from './streamKind.js';

export interface MeshPeerOptions {
  createPeer: PeerFactory;
  server: { host: string; port: number; secure: boolean };
  logger: Logger;
  /** The current Peer opened (again): calls can be placed. */
  onOpen(id: string): void;
  /** The current Peer lost the PeerJS server. */
  onLost(): void;
  onError(error: { type: string; message: string }): void;
  /** A call reached the current Peer. */
  onCall(call: MediaCall): void;
}

/**
 * Our PeerJS Peer for the mesh (peerMesh.ts): created with the id, token and ICE servers our server issued,
 * replaced with a fresh token when it lost the PeerJS server, and the one place calls are placed from. Only the
 * current Peer's events are passed on.
 */
export class MeshPeer {
  private peer: PeerLike | null = null;
  /**
   * Peers replaced after they lost the PeerJS server: their calls still carry media, so they are
   * destroyed only when the mesh starts over or ends.
   */
  private readonly retired = new Set<PeerLike>();
  private selfId = '';
  private config: RTCConfiguration = { iceServers: [] };
  /** The configuration the current Peer was created with (it gives every call it makes this one). */
  private peerConfig: RTCConfiguration = this.config;
  private credentials: { path: string; key: string } = { path: '/', key: '' };

  constructor(private readonly options: MeshPeerOptions) {
    codecReordering.check();
  }

  get id(): string {
    return this.selfId;
  }

  get open(): boolean {
    return this.peer?.open ?? false;
  }

  /** Connects to the PeerJS server with the id and token our server issued. */
  start(credentials: PeerCredentials & { path: string; key: string }, ice: IceConfig): void {
    this.selfId = credentials.id;
    this.credentials = { path: credentials.path, key: credentials.key };
    this.config = iceConfiguration(ice);
    this.createPeer(credentials.token);
  }

  /**
   * After our server handed out a fresh token: if our Peer lost the PeerJS server (or never got going),
   * a new Peer with the same id and this token takes its place. Calls in progress are kept: the old
   * Peer is only retired (PeerJS reads the token once, when a Peer is created).
   */
  reconnect(token: string): void {
    const peer = this.peer;
    if (peer && !peer.destroyed && !peer.disconnected) return;
    if (peer && !peer.destroyed) this.retired.add(peer);
    this.peer = null;
    this.createPeer(token);
  }

  /** New TURN credentials, for every call placed or answered from now on (`configure` updates the others). */
  applyIce(ice: IceConfig): void {
    this.config = iceConfiguration(ice);
  }

  /** Gives a call the current ICE servers when its Peer was created with older ones. */
  configure(pc: RTCPeerConnection | null | undefined): void {
    if (pc && this.config !== this.peerConfig) setIceServers(pc, this.config, this.options.logger, 'a call');
  }

  /** Places a call; null when our Peer cannot place calls now. */
  dial(peerId: string, stream: MediaStream, metadata: CallMetadata): MediaCall | null {
    const peer = this.peer;
    if (!peer || !peer.open) return null;
    const call = peer.call(peerId, stream, { metadata, sdpTransform: codecReordering.sdpTransform }) ?? null;
    this.configure(call?.peerConnection);
    return call;
  }

  /** The current Peer and the retired ones end, and every call they carry. */
  destroy(): void {
    const peers = [this.peer, ...this.retired];
    this.peer = null;
    this.retired.clear();
    for (const peer of peers) peer?.destroy();
  }

  private createPeer(token: string): void {
    const previous = this.peer;
    this.peer = null;
    previous?.destroy();
    const peer = this.options.createPeer(this.selfId, {
      ...this.options.server,
      ...this.credentials,
      token,
      config: this.config,
    });
    this.peer = peer;
    this.peerConfig = this.config;
    peer.on('open', (id) => {
      if (this.peer === peer) this.options.onOpen(id);
    });
    const lost = () => {
      if (this.peer === peer) this.options.onLost();
    };
    peer.on('disconnected', lost);
    peer.on('close', lost);
    peer.on('error', (error) => {
      if (this.peer === peer) this.options.onError({ type: error.type, message: error.message });
    });
    peer.on('call', (call) => {
      if (this.peer !== peer) return;
      // However the call core answers it, our answer goes through the codec check's edit (codecReordering.ts).
      const answer = call.answer.bind(call);
      call.answer = (stream, options) => answer(stream, { sdpTransform: codecReordering.answerTransform, ...options });
      this.options.onCall(call);
    });
  }
}
