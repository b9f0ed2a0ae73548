import type { Logger } from '../util/logger.js';

/**
 * Gives a connection in progress new ICE servers (fresh TURN credentials, `iceConfiguration`), keeping the rest of
 * its configuration. A browser that refuses is logged: the connection goes on with the servers it had.
 */
export function setIceServers(pc: RTCPeerConnection, config: RTCConfiguration, logger: Logger, what: string): void {
  try {
    pc.setConfiguration({ ...pc.getConfiguration(), ...config });
  } catch (error) {
    logger.warn(`could not apply new ICE servers to ${what}`, error);
  }
}
