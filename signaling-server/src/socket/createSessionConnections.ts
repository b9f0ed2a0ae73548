import type { SignInRevokedCode } from '@wava/protocol';

/** Ends one live connection because its sign-in was revoked. */
export type EndConnection<C> = (connection: C, code: SignInRevokedCode) => void;

/**
 * Which live connections belong to which sign-in (refresh-token family, the access token's `sid`), so that
 * revoking a sign-in ends exactly its connections, and nobody else's. Connections are kept as themselves (no
 * function per connection: heap per idle connection), and ended with the one `end` given at creation.
 */
export interface SessionConnections<C> {
  /** Remembers a connection of `sessionId`. */
  add(sessionId: string, connection: C): void;
  /** Forgets it (on disconnect). */
  remove(sessionId: string, connection: C): void;
  /** Ends every connection of the sign-in. */
  end(sessionId: string, code: SignInRevokedCode): void;
}

export function createSessionConnections<C>(endConnection: EndConnection<C>): SessionConnections<C> {
  const bySession = new Map<string, Set<C>>();
  return {
    add(sessionId, connection) {
      let connections = bySession.get(sessionId);
      if (!connections) {
        connections = new Set();
        bySession.set(sessionId, connections);
      }
      connections.add(connection);
    },
    remove(sessionId, connection) {
      const connections = bySession.get(sessionId);
      if (!connections?.delete(connection)) return;
      if (connections.size === 0) bySession.delete(sessionId);
    },
    end(sessionId, code) {
      const connections = bySession.get(sessionId);
      if (!connections) return;
      bySession.delete(sessionId);
      for (const connection of [...connections]) endConnection(connection, code);
    },
  };
}
