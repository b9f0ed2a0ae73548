import { describe, expect, it } from 'vitest';
import { createMemorySfuStore } from '../../src/sfu/createMemorySfuStore.js';
import type { SfuPlacement, SfuStore } from '../../src/sfu/SfuStore.js';

/**
 * One server's SFU store drops a meeting's tokens (a room ended for everyone) as the shared one does: with the
 * placement its change stores, in the same step, told to its listeners once stored; a change that stores nothing
 * drops nothing.
 */
const ON_SFU: SfuPlacement = { mode: 'sfu', generation: 1, instance: 'ws://janus.test:8188', room: 'wava-1' };

async function meetingWithTokens(store: SfuStore, meetingId: string, tokens: string[]): Promise<void> {
  await store.change(meetingId, async () => ON_SFU);
  await store.addTokens(new Map(tokens.map((token) => [token, { meetingId, peerId: token, generation: 1 }])));
}

describe('the memory SFU store, a room ended for everyone', () => {
  it('drops the meeting’s tokens with the placement stored, and tells its listeners after', async () => {
    const store = createMemorySfuStore(() => 0);
    await meetingWithTokens(store, 'meeting-1', ['token-1', 'token-2']);
    await meetingWithTokens(store, 'meeting-2', ['token-3']);
    const heard: string[] = [];
    store.onDropped((tokens) => heard.push(`dropped ${[...tokens].sort().join(' ')}`));
    store.onChanged((meetingId) => heard.push(`changed ${meetingId}`));

    const dropped = await store.change('meeting-1', async (current, lock) => {
      store.dropTokens(lock);
      expect(await store.tokensOf('meeting-1')).toHaveLength(2); // not before the placement is stored
      return { ...current, mode: 'mesh', instance: null, room: null };
    });

    expect(dropped.sort()).toEqual(['token-1', 'token-2']);
    expect(await store.holder('token-1')).toBeNull();
    expect(await store.tokensOf('meeting-2')).toEqual(['token-3']);
    expect(heard).toEqual(['dropped token-1 token-2', 'changed meeting-1']);
  });

  it('drops nothing when the change stores no placement, nor when it fails', async () => {
    const store = createMemorySfuStore(() => 0);
    await meetingWithTokens(store, 'meeting-1', ['token-1']);

    const dropped = await store.change('meeting-1', async (_current, lock) => {
      store.dropTokens(lock);
      return null;
    });
    const failing = store.change('meeting-1', async (_current, lock) => {
      store.dropTokens(lock);
      throw new Error('the new room could not be made');
    });

    expect(dropped).toEqual([]);
    await expect(failing).rejects.toThrow('the new room could not be made');
    expect(await store.tokensOf('meeting-1')).toEqual(['token-1']);
    expect(await store.placement('meeting-1')).toEqual(ON_SFU);
  });

  it('refuses to drop tokens outside a change holding the lock', async () => {
    const store = createMemorySfuStore(() => 0);
    let held: Parameters<SfuStore['dropTokens']>[0] | undefined;
    await store.change('meeting-1', async (_current, lock) => {
      held = lock;
      return null;
    });
    expect(() => store.dropTokens(held!)).toThrow('dropTokens is only for a change holding its lock');
  });
});
