import type { FetchLike } from '@wava/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyApiClient } from '../../src/renderer/api/lazyApiClient.js';

/** A server that answers every request with `body` (status 200), recording the paths asked for. */
function answering(body: unknown): FetchLike & { paths: string[] } {
  const paths: string[] = [];
  const fetchImpl = (input: string) => {
    paths.push(new URL(input).pathname);
    return Promise.resolve({ ok: true, status: 200, headers: { get: () => null }, json: () => Promise.resolve(body) });
  };
  return Object.assign(fetchImpl, { paths });
}

describe('lazyApiClient', () => {
  afterEach(() => {
    vi.doUnmock('../../src/renderer/api/validation.js');
    vi.resetModules();
  });

  it("is protocol's client: the same routes, and every answer checked by the contract's schema", async () => {
    const good = answering({ status: 'ok', version: '1.2.3', uptimeSeconds: 5 });
    expect(await lazyApiClient('https://meet.example.com/', good).health()).toEqual({
      ok: true,
      data: { status: 'ok', version: '1.2.3', uptimeSeconds: 5 },
    });
    expect(good.paths).toEqual(['/healthz']);
    // An answer that breaks the contract is refused, as protocol's client refuses it.
    const bad = answering({ status: 'ok', version: 3 });
    const refused = await lazyApiClient('https://meet.example.com', bad).health();
    expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers RELOAD_NEEDED (not "cannot reach the server") when its code cannot be loaded, and tries again on the next request', async () => {
    vi.resetModules();
    vi.doMock('../../src/renderer/api/validation.js', () => {
      throw new Error('chunk failed to load');
    });
    const { lazyApiClient: offline } = await import('../../src/renderer/api/lazyApiClient.js');
    const server = answering({ status: 'ok', version: '1.2.3', uptimeSeconds: 5 });
    const client = offline('https://meet.example.com', server);
    // The server may well be reachable: a new build removed the page's chunk, or the browser keeps the failed load.
    expect(await client.health()).toMatchObject({ ok: false, error: { code: 'RELOAD_NEEDED' } });
    expect(server.paths).toEqual([]);
    vi.doUnmock('../../src/renderer/api/validation.js');
    expect(await client.health()).toMatchObject({ ok: true });
  });
});
