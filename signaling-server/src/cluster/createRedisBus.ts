import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { clusterMessageSchema, type ClusterMessage } from './clusterMessageSchema.js';

export const BUS_CHANNEL = 'wava:bus';

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
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== BUS_CHANNEL) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const message = clusterMessageSchema.safeParse(parsed);
    if (!message.success) return logger.warn({ channel }, 'malformed cluster message dropped');
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
