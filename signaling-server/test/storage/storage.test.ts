import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src/db/migrations.js';
import { openSqliteStorage } from '../../src/db/openSqliteStorage.js';
import type { RefreshTokenRecord, Storage, UserRecord } from '../../src/db/Storage.js';
import { createMeetingControls } from '../../src/meetings/createMeetingControls.js';
import { generateMeetingCode } from '../../src/meetings/generateMeetingCode.js';
import { STORAGE_ADAPTERS, type TestDatabase } from '../support/storageAdapters.js';

/** Later than 2^31 ms after the epoch: a time column too narrow for epoch milliseconds fails here. */
const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

function newUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const id = randomUUID();
  return {
    id,
    username: `user-${id.slice(0, 8)}`,
    displayName: 'Ada',
    passwordHash: 'scrypt$15$8$1$salt$hash',
    createdAt: T0,
    ...overrides,
  };
}

function newToken(userId: string, familyId: string, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord {
  return {
    id: randomUUID(),
    familyId,
    userId,
    tokenHash: randomUUID(),
    createdAt: T0,
    expiresAt: T0 + 24 * HOUR,
    usedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A migration number after the real ones. */
const NEXT_VERSION = MIGRATIONS.at(-1)!.version + 1;
const successor = (createdAt = T0) => ({
  id: randomUUID(),
  tokenHash: randomUUID(),
  createdAt,
  expiresAt: T0 + 48 * HOUR,
});

describe.each(STORAGE_ADAPTERS)('$name storage', (adapter) => {
  /** One database for the tests of repositories (their rows never collide); migration tests make their own. */
  let shared: TestDatabase;
  beforeAll(async () => {
    shared = await adapter.createDatabase();
  });
  afterAll(() => shared.remove());

  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A new, empty database of this adapter, removed after the test. */
  async function database(): Promise<TestDatabase> {
    const db = await adapter.createDatabase();
    cleanups.push(() => db.remove());
    return db;
  }

  /** A ready storage on the database (the shared one unless given): what a started server holds. */
  async function openReady(db: TestDatabase = shared, now?: number): Promise<Storage> {
    const storage = db.open(now);
    cleanups.push(() => storage.close());
    await storage.ready();
    return storage;
  }

  /** A signed-in user: a user row and the first refresh token of a new family. */
  async function signedIn(storage: Storage): Promise<{ user: UserRecord; first: RefreshTokenRecord }> {
    const user = newUser();
    expect(await storage.users.create(user)).toBe(true);
    const first = newToken(user.id, randomUUID());
    await storage.refreshTokens.insert(first);
    return { user, first };
  }

  describe('migrations', () => {
    it('brings an empty database to the current schema once and records each migration', async () => {
      const db = await database();
      await openReady(db, T0);
      await openReady(db, T0 + HOUR);
      expect(await db.appliedMigrations()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, appliedAt: T0 })));
      expect(await db.migrate(MIGRATIONS, T0 + 2 * HOUR)).toEqual([]);
    });

    it('applies only the newer migrations to an existing database', async () => {
      const db = await database();
      await db.migrate(MIGRATIONS, T0);
      const extra = 'ALTER TABLE users ADD COLUMN extra TEXT';
      const next: Migration[] = [
        ...MIGRATIONS,
        { version: 99, name: 'test column', sql: { sqlite: extra, postgres: extra } },
      ];
      expect(await db.migrate(next, T0 + 1)).toEqual([99]);
      expect(await db.migrate(next, T0 + 2)).toEqual([]);
    });

    it('refuses a database from a newer server instead of damaging it', async () => {
      const db = await database();
      await db.migrate(
        [...MIGRATIONS, { version: 500, name: 'future', sql: { sqlite: 'SELECT 1', postgres: 'SELECT 1' } }],
        T0,
      );
      await expect(db.migrate(MIGRATIONS, T0 + 1)).rejects.toThrow(/newer than this server knows/);
      // SQLite migrates as it opens, PostgreSQL in ready(): either way the server does not start.
      const starting = async () => {
        const storage = db.open();
        cleanups.push(() => storage.close());
        await storage.ready();
      };
      await expect(starting()).rejects.toThrow(/newer than this server knows/);
    });

    it('rolls back a failing migration completely', async () => {
      const db = await database();
      await db.migrate(MIGRATIONS, T0);
      const broken = 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;';
      await expect(
        db.migrate(
          [...MIGRATIONS, { version: NEXT_VERSION, name: 'broken', sql: { sqlite: broken, postgres: broken } }],
          T0 + 1,
        ),
      ).rejects.toThrow();
      expect(await db.hasTable('half')).toBe(false);
      expect((await db.appliedMigrations()).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('servers starting together against one empty database apply each migration exactly once', async () => {
      const db = await database();
      // Applied twice, this migration would fail ("already exists"), and so would the first one.
      const extra = 'CREATE TABLE extra (x INTEGER)';
      const list: Migration[] = [
        ...MIGRATIONS,
        { version: NEXT_VERSION, name: 'extra', sql: { sqlite: extra, postgres: extra } },
      ];
      const runs = await Promise.all([1, 2, 3, 4].map((n) => db.migrate(list, T0 + n)));
      expect(runs.flat().sort((a, b) => a - b)).toEqual(list.map((m) => m.version));
      expect((await db.appliedMigrations()).map((m) => m.version)).toEqual(list.map((m) => m.version));

      // The same through the storage, as three servers starting at once do.
      const fresh = await database();
      const storages = [fresh.open(T0), fresh.open(T0), fresh.open(T0)];
      for (const storage of storages) cleanups.push(() => storage.close());
      await Promise.all(storages.map((storage) => storage.ready()));
      expect(await fresh.appliedMigrations()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, appliedAt: T0 })));
    });
  });

  describe('users', () => {
    it('creates, finds and updates users; a taken username or id is refused, not overwritten', async () => {
      const storage = await openReady();
      const ada = newUser({ username: 'ada', displayName: 'Ada Lovelace' });
      expect(await storage.users.create(ada)).toBe(true);
      expect(await storage.users.findById(ada.id)).toEqual(ada);
      expect(await storage.users.findByUsername('ada')).toEqual(ada);
      expect(await storage.users.create(newUser({ username: 'ada', displayName: 'Impostor' }))).toBe(false);
      expect(await storage.users.create(newUser({ id: ada.id, username: 'other' }))).toBe(false);
      expect(await storage.users.findByUsername('ada')).toEqual(ada);
      expect(await storage.users.findByUsername('other')).toBeNull();
      expect(await storage.users.findById(randomUUID())).toBeNull();

      await storage.users.updatePasswordHash(ada.id, 'scrypt$16$8$1$salt2$hash2');
      expect(await storage.users.findById(ada.id)).toEqual({ ...ada, passwordHash: 'scrypt$16$8$1$salt2$hash2' });
    });

    it('two handles on one database (two servers) see each other’s writes', async () => {
      const db = shared;
      const [a, b] = [await openReady(db), await openReady(db)];
      const user = newUser();
      expect(await a.users.create(user)).toBe(true);
      expect(await b.users.findByUsername(user.username)).toEqual(user);
      expect(await b.users.create({ ...user, id: randomUUID() })).toBe(false);
    });
  });

  describe('meetings', () => {
    it('creates meetings with unique codes, finds them with the host’s name, ends them once, counts recent ones', async () => {
      const storage = await openReady();
      const host = newUser({ displayName: 'Grace' });
      await storage.users.create(host);
      const meeting = {
        id: randomUUID(),
        code: 'abc-defg-hij',
        title: 'Standup',
        hostId: host.id,
        createdAt: T0,
        endedAt: null,
      };
      expect(await storage.meetings.create(meeting)).toBe(true);
      expect(await storage.meetings.create({ ...meeting, id: randomUUID(), title: 'Clash' })).toBe(false);
      expect(await storage.meetings.findByCode('abc-defg-hij')).toEqual({ ...meeting, hostDisplayName: 'Grace' });
      expect(await storage.meetings.findByCode('zzz-zzzz-zzz')).toBeNull();

      expect(await storage.meetings.end(meeting.id, T0 + HOUR)).toBe(true);
      expect(await storage.meetings.end(meeting.id, T0 + 2 * HOUR)).toBe(false);
      expect(await storage.meetings.end(randomUUID(), T0)).toBe(false);
      expect((await storage.meetings.findByCode('abc-defg-hij'))?.endedAt).toBe(T0 + HOUR);

      await storage.meetings.create({ ...meeting, id: randomUUID(), code: 'abc-defg-hik', createdAt: T0 + HOUR });
      expect(await storage.meetings.countCreatedSince(host.id, T0 - 1)).toBe(2);
      expect(await storage.meetings.countCreatedSince(host.id, T0)).toBe(1);
      expect(await storage.meetings.countCreatedSince(randomUUID(), 0)).toBe(0);
    });
  });

  describe('meeting controls', () => {
    async function newMeetingOf(storage: Storage) {
      const host = newUser();
      await storage.users.create(host);
      const meeting = {
        id: randomUUID(),
        code: generateMeetingCode(),
        title: 'Board',
        hostId: host.id,
        createdAt: T0,
        endedAt: null,
      };
      expect(await storage.meetings.create(meeting)).toBe(true);
      return { ...meeting, hostDisplayName: host.displayName };
    }

    it('starts from the defaults, keeps each change, and renames the meeting', async () => {
      const storage = await openReady();
      const controls = createMeetingControls(storage);
      const meeting = await newMeetingOf(storage);
      const fresh = await controls.load(meeting);
      expect(fresh).toMatchObject({ version: 0, ownerId: meeting.hostId, state: { locked: false, removed: [] } });
      const unchanged = await controls.change(meeting, (current) => current.state);
      expect(unchanged.changed).toBe(false);
      expect(await storage.meetingControls.load(meeting.id)).toBeNull();

      const locked = await controls.change(meeting, (current) => ({
        ...current.state,
        locked: true,
        removed: [{ userId: 'someone', displayName: 'Someone', removedAt: T0 }],
      }));
      expect(locked).toMatchObject({ changed: true, controls: { version: 1, state: { locked: true } } });
      expect((await controls.load(meeting)).state).toEqual(locked.controls.state);
      expect(await controls.isRemoved(meeting.code, 'someone')).toBe(true);
      expect(await controls.isRemoved(meeting.code, 'anyone-else')).toBe(false);
      // A stale version is refused, not overwritten.
      expect(await storage.meetingControls.save(meeting.id, 0, '{}')).toBe(false);
      expect(await storage.meetingControls.save(meeting.id, 5, '{}')).toBe(false);

      await controls.setTitle(meeting.id, 'Renamed');
      expect((await storage.meetings.findByCode(meeting.code))?.title).toBe('Renamed');
    });

    it('two servers changing one meeting at once lose none of the changes', async () => {
      const [one, two] = [await openReady(), await openReady()];
      const meeting = await newMeetingOf(one);
      const stores = [createMeetingControls(one), createMeetingControls(two)];
      const people = Array.from({ length: 12 }, (_, i) => `person-${i}`);
      await Promise.all(
        people.map((person, i) =>
          stores[i % 2]!.change(meeting, (current) => ({
            ...current.state,
            coHostIds: [...current.state.coHostIds, person],
          })),
        ),
      );
      const final = await stores[0]!.load(meeting);
      expect([...final.state.coHostIds].sort()).toEqual([...people].sort());
      expect(final.version).toBe(people.length);
    });
  });

  describe('chat messages', () => {
    /** A meeting of a new host, and two more people. */
    async function meetingWithPeople(storage: Storage, endedAt: number | null = null) {
      const [hostUser, ada, bob] = [newUser(), newUser(), newUser()];
      for (const user of [hostUser, ada, bob]) await storage.users.create(user);
      const meeting = {
        id: randomUUID(),
        code: randomUUID().slice(0, 12),
        title: '',
        hostId: hostUser.id,
        createdAt: T0,
        endedAt,
      };
      await storage.meetings.create(meeting);
      return { meeting, hostUser, ada, bob };
    }
    const message = (meetingId: string, senderId: string, text: string, sentAt: number, recipientId?: string) => ({
      id: randomUUID(),
      meetingId,
      senderId,
      senderPeerId: `peer-${senderId}`,
      senderName: 'Sender',
      recipientId: recipientId ?? null,
      recipientPeerId: recipientId ? `peer-${recipientId}` : null,
      recipientName: recipientId ? 'Recipient' : null,
      text,
      sentAt,
    });

    it('lists a meeting’s messages oldest first, private ones only to their sender and recipient', async () => {
      const storage = await openReady();
      const { meeting, hostUser, ada, bob } = await meetingWithPeople(storage);
      const other = await meetingWithPeople(storage);
      const first = message(meeting.id, hostUser.id, 'hello everyone', T0);
      // Same millisecond: insertion order decides.
      const second = message(meeting.id, ada.id, 'hi', T0);
      const secret = message(meeting.id, ada.id, 'between us', T0 + 1, hostUser.id);
      for (const m of [first, second, secret, message(other.meeting.id, ada.id, 'elsewhere', T0)]) {
        await storage.chatMessages.insert(m);
      }
      const texts = async (userId: string, limit = 10) =>
        (await storage.chatMessages.listReadableBy(meeting.id, userId, limit)).map((m) => m.text);
      expect(await storage.chatMessages.listReadableBy(meeting.id, ada.id, 10)).toEqual([first, second, secret]);
      expect(await texts(hostUser.id)).toEqual(['hello everyone', 'hi', 'between us']);
      expect(await texts(bob.id)).toEqual(['hello everyone', 'hi']);
      // The newest ones when there are more than the limit.
      expect(await texts(ada.id, 2)).toEqual(['hi', 'between us']);
    });

    it('clears one meeting’s messages; housekeeping deletes those of meetings that ended long enough ago', async () => {
      const storage = await openReady();
      const live = await meetingWithPeople(storage);
      const endedLongAgo = await meetingWithPeople(storage, T0);
      const endedLately = await meetingWithPeople(storage, T0 + 10 * HOUR);
      for (const m of [live, endedLongAgo, endedLately]) {
        await storage.chatMessages.insert(message(m.meeting.id, m.ada.id, 'a', T0));
        await storage.chatMessages.insert(message(m.meeting.id, m.ada.id, 'b', T0));
      }
      const count = async (m: typeof live) =>
        (await storage.chatMessages.listReadableBy(m.meeting.id, m.ada.id, 10)).length;

      expect(await storage.chatMessages.deleteOfMeetingsEndedBefore(T0 + HOUR)).toBe(2);
      expect([await count(live), await count(endedLongAgo), await count(endedLately)]).toEqual([2, 0, 2]);

      expect(await storage.chatMessages.clear(live.meeting.id)).toBe(2);
      expect([await count(live), await count(endedLately)]).toEqual([0, 2]);
    });
  });

  describe('meetings that ended long ago', () => {
    it('housekeeping deletes their host powers’ controls and waiting room setting, and keeps the others’', async () => {
      const storage = await openReady();
      const host = newUser();
      await storage.users.create(host);
      const meetingEnded = async (endedAt: number | null) => {
        const id = randomUUID();
        await storage.meetings.create({
          id,
          code: randomUUID().slice(0, 12),
          title: '',
          hostId: host.id,
          createdAt: T0,
          endedAt,
        });
        await storage.meetingControls.save(id, 0, '{}');
        await storage.lobbySettings.set(id, true);
        return id;
      };
      const [live, endedLongAgo, endedLately] = [
        await meetingEnded(null),
        await meetingEnded(T0),
        await meetingEnded(T0 + 10 * HOUR),
      ];
      expect(await storage.meetingControls.deleteOfMeetingsEndedBefore(T0 + HOUR)).toBe(1);
      expect(await storage.lobbySettings.deleteOfMeetingsEndedBefore(T0 + HOUR)).toBe(1);
      for (const id of [live, endedLately]) {
        expect(await storage.meetingControls.load(id)).not.toBeNull();
        expect(await storage.lobbySettings.get(id)).toBe(true);
      }
      expect(await storage.meetingControls.load(endedLongAgo)).toBeNull();
      expect(await storage.lobbySettings.get(endedLongAgo)).toBeNull();
    });
  });

  describe('refresh tokens', () => {
    it('rotates a current token once; presenting it again revokes the whole sign-in', async () => {
      const storage = await openReady();
      const { user, first } = await signedIn(storage);
      const second = successor(T0 + 1);
      expect(await storage.refreshTokens.rotate(first.tokenHash, second, T0 + 1, 0)).toEqual({
        kind: 'rotated',
        userId: user.id,
        familyId: first.familyId,
        expiresAt: second.expiresAt,
        repeated: false,
      });
      expect(await storage.refreshTokens.isFamilyActive(first.familyId)).toBe(true);

      expect(await storage.refreshTokens.rotate(first.tokenHash, successor(T0 + 2), T0 + 2, 0)).toEqual({
        kind: 'reused',
        userId: user.id,
        familyId: first.familyId,
      });
      expect(await storage.refreshTokens.isFamilyActive(first.familyId)).toBe(false);
      expect(await storage.refreshTokens.rotate(second.tokenHash, successor(T0 + 3), T0 + 3, 0)).toEqual({
        kind: 'revoked',
      });
    });

    it('tells unknown, expired and signed-out tokens apart; housekeeping deletes only expired ones', async () => {
      const storage = await openReady(await database()); // alone: it counts what housekeeping deletes
      const { user, first } = await signedIn(storage);
      expect(await storage.refreshTokens.rotate('unknown', successor(), T0, 0)).toEqual({ kind: 'not-found' });
      expect(await storage.refreshTokens.rotate(first.tokenHash, successor(), first.expiresAt, 0)).toEqual({
        kind: 'expired',
      });

      const other = newToken(user.id, randomUUID(), { expiresAt: T0 + 72 * HOUR });
      await storage.refreshTokens.insert(other);
      expect(await storage.refreshTokens.revokeFamilyOf(other.tokenHash, T0 + 1)).toBe(other.familyId);
      expect(await storage.refreshTokens.revokeFamilyOf('unknown', T0 + 1)).toBeNull();
      expect(await storage.refreshTokens.isFamilyActive(other.familyId)).toBe(false);
      expect(await storage.refreshTokens.isFamilyActive(first.familyId)).toBe(true);
      expect(await storage.refreshTokens.rotate(other.tokenHash, successor(), T0 + 2, 0)).toEqual({ kind: 'revoked' });

      expect(await storage.refreshTokens.deleteExpired(T0 + 48 * HOUR)).toBe(1);
      expect(await storage.refreshTokens.rotate(first.tokenHash, successor(), T0, 0)).toEqual({ kind: 'not-found' });
      expect(await storage.refreshTokens.revokeFamilyOf(other.tokenHash, T0 + 3)).toBe(other.familyId);
    });

    it('one token presented many times at once, on two servers, rotates exactly once and revokes the sign-in', async () => {
      const db = shared;
      const servers = [await openReady(db), await openReady(db)];
      const { first } = await signedIn(servers[0]!);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          servers[i % 2]!.refreshTokens.rotate(first.tokenHash, successor(), T0 + 1, 0),
        ),
      );
      const kinds = outcomes.map((o) => o.kind);
      expect(kinds.filter((k) => k === 'rotated')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'reused')).toHaveLength(11);
      expect(await servers[1]!.refreshTokens.isFamilyActive(first.familyId)).toBe(false);
    });

    it('a repeat within the grace period gets the same successor; after it, or with another successor, it revokes', async () => {
      const storage = await openReady();
      const { user, first } = await signedIn(storage);
      const second = successor(T0 + 1);
      const grace = 10_000;
      expect((await storage.refreshTokens.rotate(first.tokenHash, second, T0 + 1, grace)).kind).toBe('rotated');
      expect(await storage.refreshTokens.rotate(first.tokenHash, second, T0 + 5_000, grace)).toEqual({
        kind: 'rotated',
        userId: user.id,
        familyId: first.familyId,
        expiresAt: second.expiresAt,
        repeated: true,
      });
      expect(await storage.refreshTokens.isFamilyActive(first.familyId)).toBe(true);
      expect((await storage.refreshTokens.rotate(first.tokenHash, successor(), T0 + 6_000, grace)).kind).toBe('reused');
      expect(await storage.refreshTokens.isFamilyActive(first.familyId)).toBe(false);

      const again = await signedIn(storage);
      const next = successor(T0 + 1);
      await storage.refreshTokens.rotate(again.first.tokenHash, next, T0 + 1, grace);
      expect((await storage.refreshTokens.rotate(again.first.tokenHash, next, T0 + 1 + grace + 1, grace)).kind).toBe(
        'reused',
      );
    });

    it('one token presented many times at once within the grace period, on two servers: one sign-in, one successor', async () => {
      const db = shared;
      const servers = [await openReady(db), await openReady(db)];
      const { first } = await signedIn(servers[0]!);
      const next = successor(T0 + 1);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          servers[i % 2]!.refreshTokens.rotate(first.tokenHash, next, T0 + 1, 10_000),
        ),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(Array(12).fill('rotated'));
      expect(outcomes.filter((o) => o.kind === 'rotated' && !o.repeated)).toHaveLength(1);
      expect(await servers[1]!.refreshTokens.isFamilyActive(first.familyId)).toBe(true);
    });

    it('a replayed old token racing the rotation of the current one always ends the sign-in', async () => {
      const db = shared;
      const servers = [await openReady(db), await openReady(db)];
      for (let round = 0; round < 15; round += 1) {
        const { first } = await signedIn(servers[0]!);
        const second = successor();
        expect((await servers[0]!.refreshTokens.rotate(first.tokenHash, second, T0 + 1, 0)).kind).toBe('rotated');
        // The thief replays `first` on one server while the owner rotates `second` on the other.
        const [replay, owner] = await Promise.all([
          servers[round % 2]!.refreshTokens.rotate(first.tokenHash, successor(), T0 + 2, 0),
          servers[(round + 1) % 2]!.refreshTokens.rotate(second.tokenHash, successor(), T0 + 2, 0),
        ]);
        expect(replay.kind).toBe('reused');
        expect(['rotated', 'revoked']).toContain(owner.kind);
        expect(await servers[0]!.refreshTokens.isFamilyActive(first.familyId)).toBe(false);
      }
    });
  });

  it('closes cleanly, twice', async () => {
    const storage = shared.open();
    await storage.ready();
    await storage.close();
    await storage.close();
  });
});

describe('SQLite specifics', () => {
  it('keeps the database in WAL mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wava-db-'));
    try {
      const file = join(dir, 'wal.db');
      const storage = openSqliteStorage(file, T0);
      await storage.ready();
      await storage.close();
      const db = new Database(file);
      expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
