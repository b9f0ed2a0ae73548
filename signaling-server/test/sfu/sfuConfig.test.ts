import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { rewriteClientMessage } from '../../src/sfu/rewriteClientMessage.js';

const SFU = {
  WAVA_SFU_URLS: 'ws://10.0.0.5:8188, ws://10.0.0.6:8188',
  WAVA_SFU_ADMIN_URLS: 'ws://10.0.0.5:7188,ws://10.0.0.6:7188',
  WAVA_SFU_SECRET: 's'.repeat(32),
};

describe('SFU configuration', () => {
  it('has no SFU unless WAVA_SFU_URLS is set', () => {
    expect(loadConfig({}).sfu).toBeNull();
  });

  it('takes several instances, with the issue’s defaults: past 4 people, 50 at most, last-N 9', () => {
    expect(loadConfig(SFU).sfu).toEqual({
      urls: ['ws://10.0.0.5:8188', 'ws://10.0.0.6:8188'],
      adminUrls: ['ws://10.0.0.5:7188', 'ws://10.0.0.6:7188'],
      publicUrls: null,
      secret: 's'.repeat(32),
      threshold: 4,
      maxParticipants: 50,
      lastN: 9,
      meshGraceMs: 8_000,
      talking: { packets: 50, level: 50 },
    });
    expect(loadConfig({ ...SFU, WAVA_SFU_MAX_PARTICIPANTS: '100' }).sfu?.maxParticipants).toBe(100);
  });

  it('takes the talking threshold (Janus’s audio_active_packets and audio_level_average) from the environment', () => {
    const config = loadConfig({ ...SFU, WAVA_SFU_TALKING_PACKETS: '100', WAVA_SFU_TALKING_LEVEL: '35' });
    expect(config.sfu?.talking).toEqual({ packets: 100, level: 35 });
  });

  it('works with several servers sharing Redis (WAVA_REDIS_URL): they share each meeting’s placement', () => {
    const config = loadConfig({ ...SFU, WAVA_REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.sfu?.urls).toEqual(['ws://10.0.0.5:8188', 'ws://10.0.0.6:8188']);
  });

  it.each([
    [{ ...SFU, WAVA_SFU_ADMIN_URLS: 'ws://10.0.0.5:7188' }, /WAVA_SFU_ADMIN_URLS/],
    [{ ...SFU, WAVA_SFU_SECRET: '' }, /WAVA_SFU_SECRET/],
    [{ ...SFU, WAVA_SFU_SECRET: 'short' }, /WAVA_SFU_SECRET must be at least 32/],
    [{ ...SFU, WAVA_SFU_PUBLIC_URLS: 'wss://sfu1.example.com' }, /WAVA_SFU_PUBLIC_URLS/],
    [{ ...SFU, WAVA_SFU_URLS: 'http://10.0.0.5:8188,ws://x:1' }, /WAVA_SFU_URLS/],
    [{ ...SFU, WAVA_SFU_MAX_PARTICIPANTS: '101' }, /at most 100/],
    [{ ...SFU, WAVA_SFU_THRESHOLD: '6' }, /below WAVA_MAX_PARTICIPANTS/],
    [{ ...SFU, WAVA_SFU_MESH_GRACE: '2m' }, /WAVA_SFU_MESH_GRACE.*at most 60s/],
    [{ WAVA_SFU_ADMIN_URLS: 'ws://10.0.0.5:7188' }, /need WAVA_SFU_URLS/],
    // Janus ignores 0 (and takes its own default); levels end at 127, silence.
    [{ ...SFU, WAVA_SFU_TALKING_LEVEL: '0' }, /WAVA_SFU_TALKING_LEVEL must be at least 1/],
    [{ ...SFU, WAVA_SFU_TALKING_LEVEL: '128' }, /WAVA_SFU_TALKING_LEVEL must be at most 127/],
    [{ ...SFU, WAVA_SFU_TALKING_LEVEL: '-20' }, /WAVA_SFU_TALKING_LEVEL must be a whole number/],
    [{ ...SFU, WAVA_SFU_TALKING_PACKETS: '0' }, /WAVA_SFU_TALKING_PACKETS must be at least 1/],
    [{ ...SFU, WAVA_SFU_TALKING_PACKETS: '2.5' }, /WAVA_SFU_TALKING_PACKETS must be a whole number/],
  ])('refuses an incomplete or unsafe setting (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('rewriteClientMessage (the /sfu proxy)', () => {
  const seat = { token: 'seat-token', publisherId: 'peer-1', room: 'wava-room' };
  const rewrite = (message: unknown) => {
    const out = rewriteClientMessage(JSON.stringify(message), seat);
    return out === null ? null : (JSON.parse(out) as Record<string, unknown>);
  };

  it('sets the seat’s token on every request and drops secrets', () => {
    expect(rewrite({ janus: 'create', transaction: 't', token: 'other', apisecret: 'x', admin_secret: 'y' })).toEqual({
      janus: 'create',
      transaction: 't',
      token: 'seat-token',
    });
  });

  it('publishes only as the seat’s own publisher id, in the seat’s room', () => {
    const join = rewrite({
      janus: 'message',
      transaction: 't',
      body: { request: 'join', ptype: 'publisher', room: 'wava-room', id: 'peer-2', admin_key: 'k' },
    });
    expect(join?.body).toEqual({
      request: 'join',
      ptype: 'publisher',
      room: 'wava-room',
      id: 'peer-1',
      token: 'seat-token',
    });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['an unknown request', JSON.stringify({ janus: 'add_token', transaction: 't' })],
    ['no transaction', JSON.stringify({ janus: 'create' })],
    ['another plugin', JSON.stringify({ janus: 'attach', transaction: 't', plugin: 'janus.plugin.echotest' })],
    [
      'another room',
      JSON.stringify({ janus: 'message', transaction: 't', body: { request: 'listparticipants', room: 'x' } }),
    ],
    ['a body that is no object', JSON.stringify({ janus: 'message', transaction: 't', body: 'join' })],
  ])('forwards nothing for %s', (_name, text) => {
    expect(rewriteClientMessage(text, seat)).toBeNull();
  });
});
