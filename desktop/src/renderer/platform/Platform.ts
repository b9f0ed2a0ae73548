import type { LoginRequest, RegisterRequest, Result } from '@wava/protocol';
import type {
  MeetingPresence,
  ServerUrlState,
  ShellCommand,
  SignedIn,
  TokenStorageStatus,
} from '../../shared/ipcSchemas.js';

// The values the desktop shell and the page exchange are defined once, by the IPC contract's schemas.
export type {
  MeetingPresence,
  ServerUrlSource,
  ServerUrlState,
  ShellCommand,
  SignedIn,
  TokenStorageStatus,
} from '../../shared/ipcSchemas.js';

/**
 * Where tokens live. On the web: in local storage, one sign-in shared by the browser profile's tabs.
 * In the desktop app: in the main process; the renderer only ever holds short-lived access tokens.
 */
export interface AuthStore {
  register(request: RegisterRequest): Promise<Result<SignedIn>>;
  login(request: LoginRequest): Promise<Result<SignedIn>>;
  /** The signed-in user from an earlier session, if its refresh token still works. */
  restore(): Promise<SignedIn | null>;
  /** A currently valid access token, refreshed when close to expiry or when `force` is set. */
  accessToken(force?: boolean): Promise<Result<string>>;
  logout(): Promise<void>;
  /** The web client only: another tab of the same browser profile signed out (or the session was dropped there). */
  onSignedOut?(listener: () => void): Unsubscribe;
  /**
   * The web client only: the sign-in is held by a newer version of Wava, opened in another tab, which this older
   * page cannot use (it asks to sign in in this tab alone); reloading the page brings the newer version.
   */
  updatedElsewhere?(): boolean;
}

export type Unsubscribe = () => void;

/**
 * Desktop only: the person may point the app at another Wava server (unless IT locked it).
 * Changing it signs out, since accounts belong to one server.
 */
export interface ServerSettings {
  current(): Promise<ServerUrlState>;
  change(url: string): Promise<Result<ServerUrlState>>;
}

/** Desktop only: how the sign-in is kept on this computer (the OS key store, or nothing that can protect it). */
export interface SignInStorage {
  current(): Promise<TokenStorageStatus>;
  onChanged(listener: (status: TokenStorageStatus) => void): Unsubscribe;
}

/** Everything the renderer needs from whatever hosts it: a browser tab or the Electron shell. */
export interface Platform {
  kind: 'web' | 'desktop';
  /** Base URL of the Wava server, e.g. `https://meet.example.com`. */
  serverUrl(): Promise<string>;
  auth: AuthStore;
  /** Invite links opened from outside (desktop deep links; on the web, the page's own /j/CODE path). */
  onInvite(listener: (code: string) => void): Unsubscribe;
  onCommand(listener: (command: ShellCommand) => void): Unsubscribe;
  presenceChanged(presence: MeetingPresence): void;
  /** A desktop notification, shown only when the window is not focused. */
  notify(title: string, body: string): void;
  /** Present in the desktop app only; absent on the web, where the server is the page's own origin. */
  serverSettings?: ServerSettings;
  /** Present in the desktop app only. */
  signInStorage?: SignInStorage;
}
