import type { PublicUser, Result } from '@wava/protocol';
import type {
  MeetingPresencePayload,
  ScreenPickerAnswer,
  ServerUrlStatePayload,
  TokenStorageStatus,
} from './ipcSchemas.js';

export type BridgeUnsubscribe = () => void;

/**
 * Main -> renderer events arrive as `unknown`: the renderer validates them with `eventSchemas` before use,
 * so a mistake on either side shows up as a logged rejection, not as undefined behaviour.
 */
export type BridgeListener = (payload: unknown) => void;

export interface SignedInPayload {
  user: PublicUser;
}

/**
 * What the preload exposes as `window.wava` in the Wava window: a few named functions and event subscriptions.
 * Never `ipcRenderer` itself, never Node. The main process validates every argument again.
 */
export interface WavaBridge {
  readonly version: 1;
  readonly auth: {
    register(request: { username: string; displayName: string; password: string }): Promise<Result<SignedInPayload>>;
    login(request: { username: string; password: string }): Promise<Result<SignedInPayload>>;
    restore(): Promise<SignedInPayload | null>;
    accessToken(force: boolean): Promise<Result<string>>;
    logout(): Promise<void>;
    storage(): Promise<TokenStorageStatus>;
    onStorageChanged(listener: BridgeListener): BridgeUnsubscribe;
  };
  readonly server: {
    current(): Promise<ServerUrlStatePayload>;
    change(url: string): Promise<Result<ServerUrlStatePayload>>;
  };
  readonly shell: {
    onInvite(listener: BridgeListener): BridgeUnsubscribe;
    onCommand(listener: BridgeListener): BridgeUnsubscribe;
    presenceChanged(presence: MeetingPresencePayload): void;
    notify(title: string, body: string): void;
  };
  readonly screenPicker: {
    onRequest(listener: BridgeListener): BridgeUnsubscribe;
    onCancel(listener: BridgeListener): BridgeUnsubscribe;
    answer(answer: ScreenPickerAnswer): Promise<void>;
  };
}

/** The sharing bar's window gets only this, from its own preload. */
export interface SharingBarBridge {
  readonly version: 1;
  stop(): void;
}
