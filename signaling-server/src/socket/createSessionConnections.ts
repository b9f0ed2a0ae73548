import type { SignInRevokedCode } from '@wava/protocol';

/** Ends one live connection because its sign-in was revoked. */
export type EndConnection = (code: SignInRevokedCode) => void;

/**
 * Which live connections belong to which sign-in (refresh-token family, the access token's `sid`), so that
 * revoking a sign-in ends exactly its connections, and nobody else's.
 */
export interface SessionConnections {
  /** Remembers a connection of `sessionId`; returns the function that forgets it (call it on disconnect). */
  add(sessionId: string, end: EndConnection): () => void;
  /** Ends every connection of the sign-in. */
  end(sessionId: string, code: SignInRevokedCode): void;
}

export function createSessionConnections(): SessionConnections {
  const bySession = new Map<string, Set<EndConnection>>();
  return {
    add(sessionId, end) {
      let connections = bySession.get(sessionId);
      if (!connections) {
        connections = new Set();
        bySession.set(sessionId, connections);
      }
      const own = connections;
      own.add(end);
      return () => {
        own.delete(end);
        if (own.size === 0 && bySession.get(sessionId) === own) bySession.delete(sessionId);
      };
    },
    end(sessionId, code) {
      const connections = bySession.get(sessionId);
      if (!connections) return;
      bySession.delete(sessionId);
      for (const end of [...connections]) end(code);
    },
  };
}
