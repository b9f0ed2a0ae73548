import type { StunSettings } from '../config/Config.js';

/**
 * The STUN URLs clients are told for the built-in responder: the configured ones, or `stun:<public host>:<port>`
 * with the host of the public URL (what people already reach) and the UDP port actually bound.
 */
export function advertisedStunUrls(stun: StunSettings, publicUrl: string, boundPort: number | null): string[] {
  if (!stun.enabled || boundPort === null) return [];
  if (stun.advertisedUrls) return [...stun.advertisedUrls];
  return [`stun:${new URL(publicUrl).hostname}:${boundPort}`];
}
