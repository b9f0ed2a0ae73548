import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JANUS_ADMIN_PROTOCOL,
  JANUS_PROTOCOL,
  openJanusSocket,
  type JanusSocket,
} from '../../src/sfu/openJanusSocket.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { janusConfigFiles } from '../../src/sfu/writeJanusConfig.js';

const VIDEOROOM = 'janus.plugin.videoroom';

describe('Janus harness (real janus -F <generated dir>)', () => {
  let janus: JanusProcess;
  let admin: JanusSocket;
  let api: JanusSocket;

  beforeAll(async () => {
    janus = await startJanus();
    admin = await openJanusSocket(janus.adminUrl, JANUS_ADMIN_PROTOCOL);
    api = await openJanusSocket(janus.url, JANUS_PROTOCOL);
  });
  afterAll(async () => {
    api?.close();
    admin?.close();
    await janus?.stop();
  });

  it('writes its configuration privately: secrets readable by the owner only', () => {
    const file = join(janus.dir, 'janus.jcfg');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('token_auth = true');
  });

  it('answers the admin API with the generated secret only', async () => {
    await expect(admin.request({ janus: 'ping', admin_secret: janus.secret })).resolves.toMatchObject({
      janus: 'pong',
    });
    await expect(admin.request({ janus: 'list_tokens', admin_secret: 'wrong' })).rejects.toThrow(/403/);
  });

  it('refuses a client session without a token, and admits one with a token the admin API added', async () => {
    await expect(api.request({ janus: 'create' })).rejects.toThrow(/Unauthorized/);
    await expect(api.request({ janus: 'create', token: 'made-up' })).rejects.toThrow(/Unauthorized/);

    const token = `harness-${Date.now()}`;
    await admin.request({ janus: 'add_token', token, plugins: [VIDEOROOM], admin_secret: janus.secret });
    const session = await api.request({ janus: 'create', token });
    const sessionId = session.data?.id as number;
    const handle = await api.request({ janus: 'attach', session_id: sessionId, plugin: VIDEOROOM, token });
    expect(handle.janus).toBe('success');

    // A client cannot create rooms: the VideoRoom's admin_key is the Wava server's.
    await expect(
      api.request({
        janus: 'message',
        session_id: sessionId,
        handle_id: handle.data?.id,
        token,
        body: { request: 'create', room: 'mine' },
      }),
    ).rejects.toThrow(/admin_key/);

    await admin.request({ janus: 'remove_token', token, admin_secret: janus.secret });
    await expect(api.request({ janus: 'keepalive', session_id: sessionId, token })).rejects.toThrow(/Unauthorized/);
  });

  it('loads only the VideoRoom plugin and the websocket transport', async () => {
    const info = await api.request({ janus: 'info' });
    expect(Object.keys(info.plugins as object)).toEqual([VIDEOROOM]);
    expect(Object.keys(info.transports as object)).toEqual(['janus.transport.websockets']);
  });
});

describe('writeJanusConfig', () => {
  const base = { host: '127.0.0.1', wsPort: 8188, adminPort: 7188, secret: 'a'.repeat(32) };

  it('restricts media to the given interfaces', () => {
    expect(janusConfigFiles({ ...base, interfaces: ['wava0'] })['janus.jcfg']).toContain('ice_enforce_list = "wava0"');
    expect(janusConfigFiles(base)['janus.jcfg']).not.toContain('ice_enforce_list');
  });

  it('refuses a secret that would break out of the configuration syntax', () => {
    expect(() => janusConfigFiles({ ...base, secret: 'abc"\n}\nplugins: {' })).toThrow(/secret/);
  });
});
