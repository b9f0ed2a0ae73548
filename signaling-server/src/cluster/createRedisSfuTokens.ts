import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SfuStore } from '../sfu/SfuStore.js';
import { READY_COUNT_SCRIPT, seatsKey } from './seatScripts.js';
import { parsedJson } from './parsedJson.js';

/** A live token's key (`wava:sfu:token:<token>`): whose seat, which generation, issued by which server. */
export const TOKEN_PREFIX = 'wava:sfu:token:';
const tokenKey = (token: string) => `${TOKEN_PREFIX}${token}`;
/** The meeting's live tokens, on every server: deleted with them when it goes back to mesh. */
export const tokensKey = (meetingId: string) => `wava:sfu:tokens:${meetingId}`;
/** A server's liveness key (createRedisCluster refreshes it; gone once the server stopped or crashed). */
const livenessKey = (serverId: string) => `wava:server:${serverId}`;

const holderSchema = z.object({
  meetingId: z.string().min(1),
  peerId: z.string().min(1),
  generation: z.number().int().min(0),
});
/** Which server issued a token (stored with its holder; absent from tokens written before it was). */
const issuerSchema = z.object({ server: z.string().min(1).optional() });

/**
 * The SFU tokens several Wava servers share in Redis: a key per live token (its holder and issuing server) and a
 * set per meeting listing them, and what they say of who is still in a meeting (leftByEveryServer). Dropping a
 * meeting's tokens is part of storing its placement (createRedisSfuStore, under the meeting's lock).
 */
export function createRedisSfuTokens(deps: {
  redis: Redis;
  /** This server's id (its liveness key `wava:server:<id>`): recorded with each token it issues. */
  serverId: string;
  logger: Logger;
  tagOfMeeting: (meetingId: string) => string;
  publishRevoked: (tokens: readonly string[]) => void;
}): Pick<SfuStore, 'addTokens' | 'removeTokens' | 'holder' | 'tokensOf' | 'leftByEveryServer'> {
  const { redis } = deps;
  return {
    async addTokens(added) {
      if (added.size === 0) return;
      const write = redis.multi();
      for (const [token, holder] of added) {
        const stored = { ...holder, server: deps.serverId };
        write.set(tokenKey(token), JSON.stringify(stored)).sadd(tokensKey(holder.meetingId), token);
      }
      await write.exec();
    },
    async removeTokens(removed) {
      if (removed.length === 0) return;
      const holders = await redis.mget(removed.map(tokenKey));
      const write = redis.multi().del(...removed.map(tokenKey));
      holders.forEach((text, index) => {
        const holder = text === null ? null : holderSchema.safeParse(parsedJson(text));
        if (holder?.success) write.srem(tokensKey(holder.data.meetingId), removed[index]!);
      });
      await write.exec();
      deps.publishRevoked(removed);
    },
    async holder(token) {
      const text = await redis.get(tokenKey(token));
      if (text === null) return null;
      const holder = holderSchema.safeParse(parsedJson(text));
      return holder.success ? holder.data : null;
    },
    tokensOf: (meetingId) => redis.smembers(tokensKey(meetingId)),
    /** No ready seat on a live server, and every live token of the meeting issued by a server that is gone. */
    async leftByEveryServer(meetingId) {
      if (Number(await redis.eval(READY_COUNT_SCRIPT, 1, seatsKey(deps.tagOfMeeting(meetingId)))) > 0) return false;
      const tokens = await redis.smembers(tokensKey(meetingId));
      const issuers = new Set<string>();
      const texts = tokens.length > 0 ? await redis.mget(tokens.map(tokenKey)) : [];
      for (const [index, text] of texts.entries()) {
        if (text === null) continue;
        const entry = parsedJson(text);
        if (entry === undefined) {
          // It admits nobody (holder cannot read it either): dropped, not read again. The meeting still lists the
          // token, so that ending its room takes it out of Janus too.
          await redis.del(tokenKey(tokens[index]!));
          deps.logger.warn({ meetingId }, 'unreadable SFU token entry dropped');
          continue;
        }
        // A token the previous version wrote (a rolling upgrade) names no server: it counts as no live server's.
        // Its people, connected to a server of either version, are ready seats there (counted above); only seats
        // whose connection dropped there are not, and the grace this starts takes them back into the room.
        // Waiting for such tokens instead would keep the room for ever: token entries have no TTL.
        const issuer = issuerSchema.safeParse(entry);
        if (issuer.success && issuer.data.server) issuers.add(issuer.data.server);
      }
      // A live server still holds tokens here (seats whose connection dropped, waiting for them to come back).
      return issuers.size === 0 || (await redis.exists(...[...issuers].map(livenessKey))) === 0;
    },
  };
}
