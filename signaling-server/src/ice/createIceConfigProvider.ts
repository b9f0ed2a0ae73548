import type { IceConfig, IceServer } from '@wava/protocol';
import type { IceSettings } from '../config/Config.js';
import { turnCredentials } from './turnCredentials.js';

export type IceConfigProvider = (userId: string) => IceConfig;

/**
 * The ICE configuration a signed-in user gets: the server's own STUN responder (when it runs), then exactly
 * the configured STUN and TURN URLs (never public servers), with fresh short-lived TURN credentials.
 * `builtInStunUrls` is read per call because the responder's port is known only once it is bound.
 */
export function createIceConfigProvider(
  settings: IceSettings,
  now: () => number,
  builtInStunUrls: () => readonly string[] = () => [],
): IceConfigProvider {
  return (userId) => {
    const iceServers: IceServer[] = [];
    const stunUrls = [...builtInStunUrls(), ...settings.stunUrls];
    if (stunUrls.length > 0) iceServers.push({ urls: stunUrls });
    let expiresAt: number | null = null;
    if (settings.turnUrls.length > 0 && settings.turnSecret) {
      const turn = turnCredentials(settings.turnSecret, userId, now() + settings.turnTtlMs);
      iceServers.push({ urls: [...settings.turnUrls], username: turn.username, credential: turn.credential });
      expiresAt = turn.expiresAt;
    }
    return { iceServers, iceTransportPolicy: settings.transportPolicy, expiresAt };
  };
}
