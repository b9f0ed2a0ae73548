import type { JanusInstance } from './createJanusInstance.js';
import type { SfuAdmission } from './createSfuProxy.js';
import type { SfuStore } from './SfuStore.js';

/** Any server's token, as long as its seat holds it and the meeting is still where it was issued for. */
export async function admitSfuToken(
  deps: { store: Pick<SfuStore, 'holder' | 'placement'>; instanceAt(url: string | null): JanusInstance | null },
  token: string,
): Promise<SfuAdmission> {
  const { store, instanceAt } = deps;
  const holder = await store.holder(token);
  const placement = holder && (await store.placement(holder.meetingId));
  if (!holder || !placement || placement.mode !== 'sfu' || placement.generation !== holder.generation) {
    return { ok: false, code: 'SFU_TOKEN_INVALID' };
  }
  const instance = instanceAt(placement.instance);
  if (!instance?.isUp() || !placement.room) return { ok: false, code: 'SFU_UNAVAILABLE' };
  return { ok: true, upstreamUrl: instance.endpoint.url, publisherId: holder.peerId, room: placement.room };
}
