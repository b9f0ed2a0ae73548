import type { Lobby } from './createLobby.js';
import type { GuestSessions } from './createGuestSessions.js';
import type { KnockTickets } from './createKnockTickets.js';
import type { LobbyPolicy } from './LobbyPolicy.js';

/** How long a person turned away from a meeting's lobby must wait before knocking again. */
export const LOBBY_DENY_COOLDOWN_MS = 2 * 60_000;

/** What the waiting room's socket handlers work with (SignalingContext.lobby). */
export interface LobbyDeps {
  policy: LobbyPolicy;
  lobby: Lobby;
  tickets: KnockTickets;
  guests: GuestSessions;
  denyCooldownMs: number;
}
