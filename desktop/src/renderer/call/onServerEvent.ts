import { serverEventSchemas, type ServerEventName, type ServerPayload } from '@wava/protocol';
import type { SignalingChannel } from './signalingChannel.js';

/**
 * Listens to one server event, each payload checked against protocol's `serverEventSchemas`: `listener` gets the
 * checked payload; a malformed one goes to `malformed` when given, else is dropped.
 */
export function onServerEvent<K extends ServerEventName>(
  signaling: Pick<SignalingChannel, 'onServer'>,
  event: K,
  listener: (payload: ServerPayload<K>) => void,
  malformed?: () => void,
): void {
  signaling.onServer(event, (payload) => {
    const parsed = serverEventSchemas[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as ServerPayload<K>);
    else malformed?.();
  });
}
