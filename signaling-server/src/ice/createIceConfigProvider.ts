import type { IceConfig, IceServer } from '@wava/protocol';
import type { IceSettings } from '../config/Config.js';
import { turnCredentials } from './turnCredentials.js';

export type IceConfigProvider = (userId: string) => IceConfig;

/**
 * The ICE configuration a signed-in user gets: exactly the configured STUN and TURN URLs (never public
 * servers), with fresh short-lived TURN credentials. Without any, `iceServers` is empty: host candidates
 * still connect on a LAN or loopback.
 */
export function createIceConfigProvider(settings: IceSettings, now: () => number): IceConfigProvider {
  return (userId) => {
    const iceServers: IceServer[] = [];
    if (settings.stunUrls.length > 0) iceServers.push({ urls: [...settings.stunUrls] });
    let expiresAt: number | null = null;
    if (settings.turnUrls.length > 0 && settings.turnSecret) {
      const turn = turnCredentials(settings.turnSecret, userId, now() + settings.turnTtlMs);
      iceServers.push({ urls: [...settings.turnUrls], username: turn.username, credential: turn.credential });
      expiresAt = turn.expiresAt;
    }
    return { iceServers, iceTransportPolicy: settings.transportPolicy, expiresAt };
  };
}
