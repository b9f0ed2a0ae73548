import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/Storage.js';
import { STORAGE_ADAPTERS, type TestDatabase } from '../support/storageAdapters.js';

const T0 = 1_800_000_000_000;

describe.each(STORAGE_ADAPTERS)('$name: the waiting room setting of meetings', (adapter) => {
  let db: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    db = await adapter.createDatabase();
    storage = db.open(T0);
    await storage.ready();
  });
  afterAll(async () => {
    await storage?.close();
    await db?.remove();
  });

  async function newMeeting(): Promise<string> {
    const hostId = randomUUID();
    await storage.users.create({
      id: hostId,
      username: `host-${hostId.slice(0, 8)}`,
      displayName: 'Host',
      passwordHash: 'scrypt$15$8$1$salt$hash',
      createdAt: T0,
    });
    const id = randomUUID();
    // Letters only, all of them random (a code taken already would not be stored, and the setting would fail).
    const letters = [...randomBytes(4)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
    const code = `abc-${letters}-xyz`;
    await storage.meetings.create({ id, code, title: '', hostId, createdAt: T0, endedAt: null });
    return id;
  }

  it('is stored, changed, read back by another handle, and unknown for a meeting without one', async () => {
    const [withLobby, without, older] = [await newMeeting(), await newMeeting(), await newMeeting()];
    await storage.lobbySettings.set(withLobby, true);
    await storage.lobbySettings.set(without, true);
    await storage.lobbySettings.set(without, false);
    const other = db.open(T0);
    await other.ready();
    try {
      expect(await other.lobbySettings.get(withLobby)).toBe(true);
      expect(await other.lobbySettings.get(without)).toBe(false);
      expect(await other.lobbySettings.get(older)).toBeNull();
    } finally {
      await other.close();
    }
  });
});
