import { drop } from '../util/drop.js';
import type { Unsubscribe } from '../util/emitter.js';
import type { Logger } from '../util/logger.js';
import type { CallStore } from './callStore.js';
import type { MeetingMesh } from './meetingMesh.js';
import type { PeerMesh } from './peerMesh.js';
import type { SignalingChannel } from './signalingChannel.js';

export interface MeetingPreparationOptions {
  code: string;
  store: CallStore;
  signaling: SignalingChannel;
  roster: Pick<MeetingMesh, 'prepare'>;
  peers: Pick<PeerMesh, 'destroy'>;
  logger: Logger;
}

/**
 * The meeting on the pre-join screen (meetingClient.ts): connected to our server, with our Peer opened with a
 * prepared peer id (`meeting:prepare`), so that Join is one message and calls are placed as soon as it is
 * answered; or left without joining, when the prepared connections close.
 */
export class MeetingPreparation {
  /** Listens for the socket (re)connecting on the pre-join screen; `stop` ends it. */
  private preparing: Unsubscribe | null = null;
  private left = false;

  constructor(private readonly options: MeetingPreparationOptions) {}

  /** Left the pre-join screen without joining. */
  get disposed(): boolean {
    return this.left;
  }

  /**
   * Prepares, each time the socket (re)connects while the pre-join screen shows. A server that prepares nothing
   * (several servers) or a failure here only means joining the usual way.
   */
  prepare(): void {
    const { store, signaling } = this.options;
    if (store.state.phase !== 'idle' || this.preparing) return;
    const prepareNow = () => {
      if (store.state.phase !== 'idle' || this.left) return;
      drop(
        signaling.request('meeting:prepare', { code: this.options.code }).then((reply) => {
          if (store.state.phase !== 'idle' || this.left) return;
          if (reply.ok) this.options.roster.prepare(reply.data);
          else this.options.logger.warn('meeting:prepare refused', reply.error.code);
        }),
      );
    };
    this.preparing = signaling.on('connected', prepareNow);
    signaling.connect();
  }

  /** Joining: no more preparing. */
  stop(): void {
    this.preparing?.();
  }

  /** Leaves the pre-join screen without joining: the prepared connections close. */
  dispose(): void {
    if (this.options.store.state.phase !== 'idle' || this.left) return;
    this.left = true;
    this.preparing?.();
    this.options.peers.destroy();
    this.options.signaling.close();
  }
}
