import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import { addressKey } from '../http/addressKey.js';
import { createStunRateLimiter, type StunRateLimits } from './createStunRateLimiter.js';
import { addressBytes, encodeBindingSuccess, parseBindingRequest } from './stunMessage.js';

export interface StunResponder {
  /** Binds the UDP port (0 picks a free one) and resolves with the port bound. */
  start(): Promise<number>;
  /** The bound port; null before `start` and after `close`. */
  port(): number | null;
  close(): Promise<void>;
}

export interface StunResponderOptions {
  host: string;
  port: number;
  logger: Logger;
  now: () => number;
  limits?: StunRateLimits;
}

/**
 * A STUN Binding responder on its own UDP port, so browsers learn a server-reflexive address without any
 * public STUN server. It answers well-formed Binding requests only, within per-address and overall rate
 * limits, and drops everything else without a word: a malformed datagram never throws.
 */
export function createStunResponder(options: StunResponderOptions): StunResponder {
  const { host, logger } = options;
  const limiter = createStunRateLimiter(options.now, options.limits);
  let socket: Socket | null = null;
  let bound: number | null = null;

  const onMessage = (packet: Buffer, from: { address: string; port: number }) => {
    const transactionId = parseBindingRequest(packet);
    if (!transactionId) return;
    const address = addressBytes(from.address);
    if (!address || from.port === 0 || !limiter.allow(addressKey(from.address))) return;
    socket?.send(encodeBindingSuccess(transactionId, address, from.port), from.port, from.address);
  };

  return {
    start() {
      const udp = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
      socket = udp;
      udp.on('message', onMessage);
      return new Promise((resolve, reject) => {
        udp.once('error', (error) =>
          reject(
            new Error(
              `the STUN responder cannot use UDP port ${options.port} (${error.message}): free it, set WAVA_STUN_PORT to another port, or WAVA_STUN=off`,
            ),
          ),
        );
        udp.bind(options.port, host, () => {
          udp.removeAllListeners('error');
          // Send errors (an unreachable sender, ICMP) are per datagram: log them, never crash.
          udp.on('error', (error) => logger.debug({ err: error }, 'stun socket error'));
          bound = udp.address().port;
          logger.info({ port: bound }, 'stun responder listening');
          resolve(bound);
        });
      });
    },
    port: () => bound,
    close() {
      const udp = socket;
      socket = null;
      bound = null;
      if (!udp) return Promise.resolve();
      return new Promise((resolve) => {
        try {
          udp.close(() => resolve());
        } catch {
          resolve();
        }
      });
    },
  };
}
