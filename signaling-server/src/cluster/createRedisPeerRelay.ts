import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PeerRelay, RemotePeerMessage } from '../peer/PeerRelay.js';
import { PEER_MESSAGE_TYPES } from '../peer/peerMessageTypes.js';
import { parsedJson } from './parsedJson.js';

const location = (peerId: string) => `wava:peer:${peerId}`;
const channelOf = (serverId: string) => `wava:peers-of:${serverId}`;

/** ARGV: message JSON. Publishes to the server that holds the peer's websocket; 0 when no server holds it. */
const FORWARD_SCRIPT = `
local server = redis.call('GET', KEYS[1])
if not server then return 0 end
redis.call('PUBLISH', 'wava:peers-of:' .. server, ARGV[1])
return 1
`;
/** ARGV: serverId. Forgets where the peer is, only if it is still on that server. */
const DETACH_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const remoteMessageSchema = z.object({
  type: z.enum(PEER_MESSAGE_TYPES),
  src: z.string().min(1).max(64),
  dst: z.string().min(1).max(64),
  payload: z.unknown().optional(),
});

/**
 * PeerJS across servers: where each peer's websocket is (`wava:peer:<id>` -> server id) and one channel per
 * server. A message for a peer on another server goes straight to that server's channel (one Lua script: look
 * up and publish, atomically and in order), never to every server.
 */
export function createRedisPeerRelay(deps: {
  redis: Redis;
  subscriber: Redis;
  serverId: string;
  logger: Logger;
}): PeerRelay & {
  /** Whether some server holds the peer's websocket now. */
  isAttached(peerId: string): Promise<boolean>;
  subscribe(): Promise<void>;
} {
  const { redis, subscriber, serverId, logger } = deps;
  const channel = channelOf(serverId);
  let deliver: (message: RemotePeerMessage) => void = () => undefined;
  const warn = (error: unknown) => logger.warn({ err: error }, 'peer relay: redis command failed');

  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const message = remoteMessageSchema.safeParse(parsedJson(text));
    if (message.success) deliver(message.data);
    else logger.warn('peer relay: malformed message dropped');
  });

  return {
    attached(peerId) {
      redis.set(location(peerId), serverId, 'EX', 86_400).catch(warn);
    },
    detached(peerId) {
      redis.eval(DETACH_SCRIPT, 1, location(peerId), serverId).catch(warn);
    },
    isAttached: async (peerId) => (await redis.exists(location(peerId))) === 1,
    async forward(message) {
      try {
        return (await redis.eval(FORWARD_SCRIPT, 1, location(message.dst), JSON.stringify(message))) === 1;
      } catch (error) {
        warn(error);
        return false;
      }
    },
    onMessage(handler) {
      deliver = handler;
    },
    async subscribe() {
      await subscriber.subscribe(channel);
    },
  };
}
