import type { ClientPeerMessage, RelayedPeerMessage } from './peerMessageTypes.js';
import type { PeerClient } from './PeerClient.js';
import type { PeerRealm } from './PeerRealm.js';
import type { PeerRelay } from './PeerRelay.js';

export type PeerMessageOutcome = 'ok' | 'foreign-meeting' | 'unknown-destination' | 'malformed' | 'not-seated';

type Handlers = {
  [T in ClientPeerMessage['type']]: (
    client: PeerClient,
    message: Extract<ClientPeerMessage, { type: T }>,
  ) => PeerMessageOutcome;
};

/**
 * What the server does with each message a PeerJS client sends. Heartbeats only keep the client alive
 * (the gateway notes every message). Signalling goes to one peer of the sender's own meeting, stamped with
 * the sender's id; signalling for an id that is not connected is dropped, and an OFFER gets EXPIRE back at
 * once (PeerJS reports `peer-unavailable`), so nothing is ever queued for an absent peer. A pre-seat's websocket
 * (not `seated`) sends nothing but heartbeats, and is absent to everyone else.
 */
export function createPeerMessageHandlers(deps: {
  realm: PeerRealm;
  tagOf: (peerId: string) => string | null;
  /** Reaches peers connected to other servers; without it, an id not connected here is absent. */
  relay?: PeerRelay;
}): (client: PeerClient, message: ClientPeerMessage) => PeerMessageOutcome {
  const { realm, tagOf, relay: remote } = deps;

  const relay = (client: PeerClient, message: RelayedPeerMessage): PeerMessageOutcome => {
    if (!client.seated) return 'not-seated';
    if (tagOf(message.dst) !== client.tag) return 'foreign-meeting';
    const found = realm.get(message.dst);
    const destination = found?.seated ? found : undefined;
    if ((!destination || destination.isClosed) && remote) {
      const { type, dst, payload } = message;
      void remote.forward({ type, src: client.id, dst, payload }).then((found) => {
        if (!found && type === 'OFFER') client.send({ type: 'EXPIRE', src: dst, dst: client.id });
      });
      return 'ok';
    }
    if (!destination || destination.isClosed) {
      if (message.type === 'OFFER') client.send({ type: 'EXPIRE', src: message.dst, dst: client.id });
      return 'unknown-destination';
    }
    const sent = destination.send({ type: message.type, src: client.id, dst: message.dst, payload: message.payload });
    return sent || destination.isClosed ? 'ok' : 'malformed';
  };

  const handlers: Handlers = {
    HEARTBEAT: () => 'ok',
    OFFER: relay,
    ANSWER: relay,
    CANDIDATE: relay,
    LEAVE: relay,
    EXPIRE: relay,
  };

  return (client, message) =>
    (handlers[message.type] as (c: PeerClient, m: ClientPeerMessage) => PeerMessageOutcome)(client, message);
}
