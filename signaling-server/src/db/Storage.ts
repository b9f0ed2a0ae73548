/**
 * The storage interface the server is written against. Two adapters implement it: SQLite (libsql, a file in the
 * data directory; the default) and PostgreSQL (`WAVA_DATABASE_URL`), both with the same migrations and the
 * same suite of tests. Methods are async so that network databases fit; each method is atomic on its own, also
 * when several servers share one database.
 */
export interface Storage {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  meetings: MeetingRepository;
  chatMessages: ChatMessageRepository;
  meetingControls: MeetingControlsRepository;
  /** Each meeting's waiting room setting (lobby/LobbyPolicy's default policy). */
  lobbySettings: LobbySettingsRepository;
  /**
   * Resolves once the database is reachable and its schema is up to date (pending migrations applied, once even
   * when several servers start together); rejects with a sentence saying what is wrong. The server awaits it
   * before it listens; nothing else may be called before it resolves.
   */
  ready(): Promise<void>;
  /** Flushes and closes. Nothing may be called afterwards. */
  close(): Promise<void>;
}

export interface UserRecord {
  id: string;
  /** Lower-case; unique. */
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash`. */
  passwordHash: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface UserRepository {
  /** Returns false when the username is taken. */
  create(user: UserRecord): Promise<boolean>;
  findById(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  updatePasswordHash(id: string, passwordHash: string): Promise<void>;
}

export interface RefreshTokenRecord {
  id: string;
  /** Every token obtained by rotating one sign-in shares the family of that sign-in. */
  familyId: string;
  userId: string;
  /** SHA-256 of the token, hex. The token itself is never stored. */
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

export type NewRefreshToken = Pick<RefreshTokenRecord, 'id' | 'tokenHash' | 'createdAt' | 'expiresAt'>;

export type RotateOutcome =
  /**
   * `next` is the family's current token: stored now, or (`repeated`) stored by an earlier rotation of the same
   * token within the grace period, in which case `expiresAt` is the stored one.
   */
  | { kind: 'rotated'; userId: string; familyId: string; expiresAt: number; repeated: boolean }
  | { kind: 'not-found' }
  /** The token had been used before: its whole family is now revoked. */
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'revoked' }
  | { kind: 'expired' };

export interface RefreshTokenRepository {
  insert(token: RefreshTokenRecord): Promise<void>;
  /**
   * Atomically: looks up the presented token; if it is current, marks it used and stores `next` in the same
   * family. If it was already used: when that was at most `graceMs` ago and `next` (the caller derives it from the
   * presented token, so a repeat asks for the same one) is stored in the same family and still current, answers
   * `rotated` with `repeated: true` and changes nothing; otherwise revokes the family (`reused`).
   */
  rotate(presentedHash: string, next: NewRefreshToken, now: number, graceMs: number): Promise<RotateOutcome>;
  /** Revokes the family the token belongs to (sign-out). Returns that family's id; null when the token is unknown. */
  revokeFamilyOf(tokenHash: string, now: number): Promise<string | null>;
  /** True while the family (one sign-in) has a token that is not revoked: signed out or replayed means false. */
  isFamilyActive(familyId: string): Promise<boolean>;
  /** Housekeeping: removes tokens that expired before `before`. */
  deleteExpired(before: number): Promise<number>;
}

export interface MeetingRecord {
  id: string;
  code: string;
  title: string;
  hostId: string;
  createdAt: number;
  endedAt: number | null;
}

export interface MeetingWithHost extends MeetingRecord {
  hostDisplayName: string;
}

export interface MeetingRepository {
  /** Returns false when the code is taken (the caller picks another). */
  create(meeting: MeetingRecord): Promise<boolean>;
  findByCode(code: string): Promise<MeetingWithHost | null>;
  /** Marks the meeting ended; false when it was already ended or does not exist. */
  end(id: string, at: number): Promise<boolean>;
  countCreatedSince(hostId: string, since: number): Promise<number>;
  /** Renames an open meeting (a host changed the title live). */
  setTitle(id: string, title: string): Promise<void>;
  /** Records activity (a look-up, a join, people in it) on an open meeting. */
  touch(id: string, at: number): Promise<void>;
  /** Open meetings whose last activity was before `before`, oldest first, at most `limit`. */
  listOpenInactiveSince(
    before: number,
    limit: number,
  ): Promise<Array<{ id: string; code: string; lastActiveAt: number }>>;
}

/** One chat message of a meeting: to everyone (`recipientId` null) or private to one person. */
export interface ChatMessageRecord {
  id: string;
  meetingId: string;
  /** The sender's user id, peer id (their tile in that meeting) and display name when they wrote it. */
  senderId: string;
  senderPeerId: string;
  senderName: string;
  recipientId: string | null;
  recipientPeerId: string | null;
  recipientName: string | null;
  text: string;
  /** Epoch milliseconds. */
  sentAt: number;
}

export interface ChatMessageRepository {
  insert(message: ChatMessageRecord): Promise<void>;
  /**
   * The newest `limit` messages of the meeting that `userId` may read (to everyone, or private from or to them),
   * oldest first.
   */
  listReadableBy(meetingId: string, userId: string, limit: number): Promise<ChatMessageRecord[]>;
  /** Deletes every message of the meeting (the host cleared the chat). Returns how many. */
  clear(meetingId: string): Promise<number>;
  /** Housekeeping: deletes the messages of meetings that ended before `before`. Returns how many. */
  deleteOfMeetingsEndedBefore(before: number): Promise<number>;
}

/**
 * What the hosts of a meeting decided, as stored: a JSON document (MeetingControlsState, checked on read) and a
 * version that grows by one with each change.
 */
export interface StoredMeetingControls {
  version: number;
  state: string;
}

export interface MeetingControlsRepository {
  /** Null while nothing was ever changed (the defaults apply). */
  load(meetingId: string): Promise<StoredMeetingControls | null>;
  /**
   * Stores `state` as version `expectedVersion + 1` only if the stored version is still `expectedVersion` (0: no row
   * yet). False when someone else changed it first: the caller loads again and retries.
   */
  save(meetingId: string, expectedVersion: number, state: string): Promise<boolean>;
  /** Housekeeping: deletes the controls of meetings that ended before `before`. Returns how many. */
  deleteOfMeetingsEndedBefore(before: number): Promise<number>;
}

/** Whether a meeting has a waiting room, as it was created (kept with the meeting, deleted with it). */
export interface LobbySettingsRepository {
  set(meetingId: string, lobby: boolean): Promise<void>;
  /** Null for a meeting created before this setting existed, or unknown. */
  get(meetingId: string): Promise<boolean | null>;
  /** Housekeeping: deletes the setting of meetings that ended before `before`. Returns how many. */
  deleteOfMeetingsEndedBefore(before: number): Promise<number>;
}
