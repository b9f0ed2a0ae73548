import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  clusterEnvelopeSchema,
  clusterMessageSchema,
  knownClusterMessageTypes,
  type ClusterMessage,
} from './clusterMessageSchema.js';
import { parsedJson } from './parsedJson.js';

export const BUS_CHANNEL = 'wava:bus';

/** At most this many unknown message types are remembered (each logged once); more are not logged. */
const UNKNOWN_TYPES_NOTED = 32;

export interface ClusterBus {
  /** Sends to every server of the deployment, this one included. */
  publish(message: ClusterMessage): void;
}

/** The deployment-wide message bus over Redis pub/sub; `handle` runs for every message, in order. */
export function createRedisBus(
  connections: { command: Redis; subscriber: Redis },
  handle: (message: ClusterMessage) => void,
  logger: Logger,
): ClusterBus & { subscribe(): Promise<void> } {
  const { command, subscriber } = connections;
  const unknownTypes = new Set<string>();

  /**
   * A message of a type this version does not know is a newer server's (a rolling upgrade): ignored, noted once
   * per type at debug level. One of a known type that does not parse is malformed, and so is one with no type.
   */
  function dropped(parsed: unknown): void {
    const envelope = clusterEnvelopeSchema.safeParse(parsed);
    if (!envelope.success || knownClusterMessageTypes.has(envelope.data.type)) {
      logger.warn({ channel: BUS_CHANNEL }, 'malformed cluster message dropped');
      return;
    }
    const { type } = envelope.data;
    if (unknownTypes.has(type) || unknownTypes.size >= UNKNOWN_TYPES_NOTED) return;
    unknownTypes.add(type);
    logger.debug({ type }, 'cluster message of a type this version does not know ignored (a newer server)');
  }

  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== BUS_CHANNEL) return;
    const parsed = parsedJson(text);
    const message = clusterMessageSchema.safeParse(parsed);
    if (!message.success) return dropped(parsed);
    try {
      handle(message.data);
    } catch (error) {
      logger.error({ err: error, type: message.data.type }, 'cluster message failed');
    }
  });
  return {
    publish(message) {
      command.publish(BUS_CHANNEL, JSON.stringify(message)).catch((error: unknown) => {
        logger.error({ err: error, type: message.type }, 'cluster message could not be published');
      });
    },
    async subscribe() {
      await subscriber.subscribe(BUS_CHANNEL);
    },
  };
}
