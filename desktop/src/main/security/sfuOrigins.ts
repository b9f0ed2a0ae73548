import type { Result, ServerConfig } from '@wava/protocol';
import { z } from 'zod';
import type { KeyValueStore } from '../auth/KeyValueStore.js';
import { originOf } from '../urls/origins.js';

/** Where the origins are remembered, with the server that announced them. */
export const SFU_ORIGINS_KEY = 'sfuOrigins';
/** A deployment lists one public address per Janus instance; more than this is not a server of ours. */
export const MAX_SFU_ORIGINS = 16;

const rememberedSchema = z.object({
  server: z.string(),
  origins: z.array(z.string()).max(MAX_SFU_ORIGINS),
});

/**
 * The `connect-src` origins of the SFU public addresses a server (at `serverUrl`) announces (`/api/config`
 * `sfuPublicUrls`, WAVA_SFU_PUBLIC_URLS): ws: or wss: URLs only (Janus's websocket API), wss: only when the server
 * is at an https: address (a ws: one would carry its Janus tokens in cleartext), without user names or passwords;
 * anything else is dropped, and nothing at all when the list is longer than a deployment could have.
 */
export function sfuConnectOrigins(announced: readonly string[] | undefined, serverUrl: string): string[] {
  if (!announced || announced.length > MAX_SFU_ORIGINS) return [];
  const protocols = serverUrl.startsWith('https:') ? ['wss:'] : ['wss:', 'ws:'];
  const origins = new Set<string>();
  for (const url of announced) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (!protocols.includes(parsed.protocol) || parsed.username || parsed.password) continue;
    if (!/^[a-z0-9.[\]:-]+$/.test(parsed.host)) continue; // nothing a CSP source list would read otherwise
    origins.add(parsed.origin);
  }
  return [...origins];
}

export interface SfuOrigins {
  /** The SFU origins the page may connect to while it talks to `serverUrl`: only those that server announced. */
  forServer(serverUrl: string): readonly string[];
  /** Asks `serverUrl` which SFU addresses it announces and remembers them; true when they changed. */
  refresh(serverUrl: string): Promise<boolean>;
}

/**
 * The SFU public addresses of the server in use, for the renderer's CSP: learnt from the server's `/api/config`,
 * remembered on the device (so the page's first load already has them), and only ever for the server that
 * announced them. A server that cannot be reached keeps what it announced last.
 */
export function createSfuOrigins(deps: {
  store: KeyValueStore;
  fetchConfig(serverUrl: string): Promise<Result<ServerConfig>>;
}): SfuOrigins {
  const remembered = () => {
    const parsed = rememberedSchema.safeParse(deps.store.get(SFU_ORIGINS_KEY));
    return parsed.success ? parsed.data : null;
  };
  const forServer = (serverUrl: string): string[] => {
    const kept = remembered();
    const server = originOf(serverUrl);
    return kept && server !== null && kept.server === server ? sfuConnectOrigins(kept.origins, server) : [];
  };
  return {
    forServer,
    async refresh(serverUrl) {
      const server = originOf(serverUrl);
      if (server === null) return false;
      const answer = await deps.fetchConfig(serverUrl).catch(() => null);
      if (!answer?.ok) return false;
      const before = forServer(serverUrl);
      const origins = sfuConnectOrigins(answer.data.sfuPublicUrls, server);
      deps.store.set(SFU_ORIGINS_KEY, { server, origins });
      return before.length !== origins.length || before.some((origin, i) => origin !== origins[i]);
    },
  };
}
