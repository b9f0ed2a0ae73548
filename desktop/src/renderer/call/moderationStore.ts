import {
  mediaChangeRefusal,
  missingCaseError,
  roleIn,
  runsMeeting,
  type ClientPayload,
  type ClientReply,
  type ErrorCode,
  type MediaState,
  type MediaUpdate,
  type MeetingControls,
  type MeetingRole,
  type Moderator,
  type RemovedList,
  type RemovedNotice,
  type SettingsRequest,
} from '@wava/protocol';
import type { ErrorNotice } from '../i18n/errorSentence.js';
import { onServerEvent } from './onServerEvent.js';
import type { SignalingChannel } from './signalingChannel.js';

/** What a host or co-host did to us that changed what we send (the ask to unmute is kept apart). */
export type ModerationNoticeAction = 'muted' | 'video-stopped' | 'screen-stopped';

export interface ModerationState {
  /** Who runs the meeting and how; null until the server sends it (when our seat becomes ready). */
  controls: MeetingControls | null;
  /** The last thing a host did to our media, until dismissed (`id` grows with each). */
  notice: { id: number; action: ModerationNoticeAction; by: Moderator } | null;
  /** A host asked us to turn our microphone on, and we have not answered. */
  unmuteAsk: { id: number; by: Moderator } | null;
  /** Hosting passed to this account while we were in the meeting (not the host we found on arrival). */
  hostPassed: { id: number; userId: string } | null;
  /** The accounts removed from the meeting, once a host or co-host asked for them. */
  removed: RemovedList['removed'] | null;
}

/** What the host's powers do to our own media; the meeting client carries them out. */
export interface ModeratedSelf {
  /** Our account and what we send now; null before we joined. */
  self(): { userId: string; media: MediaState } | null;
  muteMicrophone(): void;
  unmuteMicrophone(): void;
  stopCamera(): void;
  stopScreenShare(): void;
  /** We were removed: the meeting is over for us. */
  removed(notice: RemovedNotice): void;
}

/** The host powers that act on one person. */
export type PersonAction =
  | 'mute'
  | 'askUnmute'
  | 'stopVideo'
  | 'stopScreen'
  | 'remove'
  | 'makeCoHost'
  | 'unmakeCoHost'
  | 'handOver';

const EMPTY: ModerationState = { controls: null, notice: null, unmuteAsk: null, hostPassed: null, removed: null };

/**
 * The host's powers on this client (issue 12): the meeting's controls as the server broadcasts them, what a host
 * did to us (carried out on our own media through `ModeratedSelf`, then shown), and the requests a host or
 * co-host sends. The server decides everything; a refusal comes back as its sentence. React reads the immutable
 * snapshot through `useSyncExternalStore`.
 */
export class ModerationStore {
  private state: ModerationState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private nextId = 0;
  private disposed = false;

  constructor(
    private readonly signaling: Pick<SignalingChannel, 'request' | 'onServer'>,
    private readonly target: ModeratedSelf,
  ) {
    onServerEvent(signaling, 'moderation:state', (controls) => this.controlsChanged(controls));
    onServerEvent(signaling, 'moderation:action', ({ action, by }) => this.acted(action, by));
    onServerEvent(signaling, 'moderation:removed', (notice) => {
      if (!this.disposed) target.removed(notice);
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ModerationState => this.state;

  /** A person's role, by account; null until the controls arrive. */
  roleOf(userId: string): MeetingRole | null {
    return this.state.controls ? roleIn(this.state.controls, userId) : null;
  }

  /** Our own role; null until the controls arrive. */
  get role(): MeetingRole | null {
    const self = this.target.self();
    return self ? this.roleOf(self.userId) : null;
  }

  /** We host now (the creator, or whom hosting passed to): we may end the meeting for everyone. */
  get hosting(): boolean {
    return this.role === 'host';
  }

  /** Whether the meeting's settings refuse a change of our own media, and why; null when it may go ahead. */
  refusal(update: MediaUpdate): ErrorCode | null {
    const { controls } = this.state;
    const self = this.target.self();
    const role = this.role;
    if (!controls || !self || role === null) return null;
    return mediaChangeRefusal({
      role,
      settings: controls.settings,
      media: self.media,
      update,
      unmuteAsked: this.state.unmuteAsk !== null,
    });
  }

  /**
   * What we send changed: turning the microphone on uses up a host's ask, and a notice about something a host
   * turned off goes once it is on again.
   */
  localChanged(change: MediaUpdate): void {
    const { notice, unmuteAsk } = this.state;
    const onAgain =
      notice !== null &&
      ((notice.action === 'muted' && change.audio === true) ||
        (notice.action === 'video-stopped' && change.video === true) ||
        (notice.action === 'screen-stopped' && change.screen === true));
    const askUsed = unmuteAsk !== null && change.audio === true;
    if (onAgain || askUsed) this.set({ notice: onAgain ? null : notice, unmuteAsk: askUsed ? null : unmuteAsk });
  }

  /** "Unmute" on the host's ask: the microphone turns on (allowed once even where only hosts may unmute). */
  acceptUnmute(): void {
    if (!this.state.unmuteAsk) return;
    this.target.unmuteMicrophone();
  }

  dismissUnmuteAsk(): void {
    this.set({ unmuteAsk: null });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  /** One power on one person. Resolves with the refusal's sentence, or null once the server did it. */
  act(action: PersonAction, peerId: string): Promise<ErrorNotice | null> {
    switch (action) {
      case 'mute':
        return this.send('moderation:mute', { peerId });
      case 'askUnmute':
        return this.send('moderation:askUnmute', { peerId });
      case 'stopVideo':
        return this.send('moderation:stopVideo', { peerId });
      case 'stopScreen':
        return this.send('moderation:stopScreen', { peerId });
      case 'remove':
        return this.send('moderation:remove', { peerId });
      case 'makeCoHost':
        return this.send('moderation:setRole', { peerId, role: 'co-host' }, this.controlsChanged);
      case 'unmakeCoHost':
        return this.send('moderation:setRole', { peerId, role: 'participant' }, this.controlsChanged);
      case 'handOver':
        return this.send('moderation:handOver', { peerId }, this.controlsChanged);
      default:
        throw missingCaseError(action);
    }
  }

  muteAll(): Promise<ErrorNotice | null> {
    return this.send('moderation:muteAll', {});
  }

  setLocked(locked: boolean): Promise<ErrorNotice | null> {
    return this.send('moderation:lock', { locked }, this.controlsChanged);
  }

  changeSettings(change: SettingsRequest): Promise<ErrorNotice | null> {
    return this.send('moderation:settings', change, this.controlsChanged);
  }

  /** Fetches the removed accounts into the state. */
  listRemoved(): Promise<ErrorNotice | null> {
    return this.send('moderation:listRemoved', {}, this.removedListed);
  }

  allowBack(userId: string): Promise<ErrorNotice | null> {
    return this.send('moderation:allowBack', { userId }, this.removedListed);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private async send<K extends ModerationRequest>(
    event: K,
    payload: ClientPayload<K>,
    done?: (data: ClientReply<K>) => void,
  ): Promise<ErrorNotice | null> {
    const reply = await this.signaling.request(event, payload);
    if (!reply.ok) return reply.error;
    done?.(reply.data);
    return null;
  }

  private readonly removedListed = ({ removed }: RemovedList): void => this.set({ removed });

  private readonly controlsChanged = (controls: MeetingControls): void => {
    const before = this.state.controls;
    const passed = before !== null && before.hostUserId !== controls.hostUserId;
    this.set({
      controls,
      hostPassed: passed ? { id: this.id(), userId: controls.hostUserId } : this.state.hostPassed,
    });
  };

  private acted(action: ModerationNoticeAction | 'unmute-asked', by: Moderator): void {
    if (this.disposed) return;
    switch (action) {
      case 'muted':
        this.target.muteMicrophone();
        this.set({ notice: { id: this.id(), action, by }, unmuteAsk: null });
        return;
      case 'video-stopped':
        this.target.stopCamera();
        this.set({ notice: { id: this.id(), action, by } });
        return;
      case 'screen-stopped':
        this.target.stopScreenShare();
        this.set({ notice: { id: this.id(), action, by } });
        return;
      case 'unmute-asked':
        // Already on: nothing to ask (the server keeps the ask until the next unmute; it does no harm).
        if (this.target.self()?.media.audio) return;
        this.set({ unmuteAsk: { id: this.id(), by } });
        return;
      default:
        throw missingCaseError(action);
    }
  }

  private id(): number {
    return (this.nextId += 1);
  }

  private set(change: Partial<ModerationState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

/** The client events of the host's powers. */
type ModerationRequest =
  | 'moderation:mute'
  | 'moderation:muteAll'
  | 'moderation:askUnmute'
  | 'moderation:stopVideo'
  | 'moderation:stopScreen'
  | 'moderation:remove'
  | 'moderation:setRole'
  | 'moderation:handOver'
  | 'moderation:lock'
  | 'moderation:settings'
  | 'moderation:listRemoved'
  | 'moderation:allowBack';

/** Whether a role may use the host's powers at all (host or co-host). */
export function mayModerate(role: MeetingRole | null): boolean {
  return role !== null && runsMeeting(role);
}
