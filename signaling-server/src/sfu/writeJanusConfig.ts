import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a Janus instance serving Wava needs; everything else keeps Janus's defaults. */
export interface JanusConfigOptions {
  /** Address the websocket transport (clients and the Wava server) and the admin API listen on. */
  host: string;
  /** Janus API over websockets (`janus-protocol`). */
  wsPort: number;
  /** Admin API over websockets (`janus-admin-protocol`); only the Wava server talks to it. */
  adminPort: number;
  /**
   * The one secret the Wava server holds for this instance (WAVA_SFU_SECRET): Janus's `admin_secret` (admin
   * API: tokens), `api_secret` (the Wava server's own session) and the VideoRoom's `admin_key` (creating rooms).
   * Clients never get it; they use per-participant tokens (`token_auth`).
   */
  secret: string;
  /**
   * Network interfaces media may use (`ice_enforce_list`), e.g. the veth end of a test namespace or the
   * public interface of a server. Omitted: every interface Janus finds (never loopback: libnice skips it).
   */
  interfaces?: readonly string[];
  /** UDP ports for media, `min-max`; omitted: Janus's default (any free port). */
  rtpPortRange?: string;
  /** The public address behind 1:1 NAT (`nat_1_1_mapping`), e.g. a cloud server's elastic address. */
  publicIp?: string;
  /** A STUN server Janus asks for its own public address, `host:port`. */
  stunServer?: string;
  /** Janus's log level, 0 (none) to 7 (everything); 4 (info) by default. */
  debugLevel?: number;
}

/** The plugins and transports Debian's package ships that a Wava SFU does not use: not loaded. */
const UNUSED_PLUGINS = [
  'audiobridge',
  'duktape',
  'echotest',
  'lua',
  'nosip',
  'recordplay',
  'sip',
  'streaming',
  'textroom',
  'videocall',
  'voicemail',
].map((name) => `libjanus_${name}.so`);
const UNUSED_TRANSPORTS = ['http', 'mqtt', 'nanomsg', 'pfunix', 'rabbitmq'].map((name) => `libjanus_${name}.so`);
const UNUSED_LOGGERS = ['libjanus_jsonlog.so'];

/** Writes `janus.jcfg`, the websocket transport's and the VideoRoom's configuration into `dir` (mode 0600). */
export function writeJanusConfig(dir: string, options: JanusConfigOptions): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = janusConfigFiles(options);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
}

/** The configuration files' text, by file name. */
export function janusConfigFiles(options: JanusConfigOptions): Record<string, string> {
  for (const [name, value] of Object.entries({ host: options.host, secret: options.secret })) {
    if (!/^[^"\\\s]+$/.test(value))
      throw new Error(`Janus ${name} must be non-empty, without quotes, backslashes or spaces`);
  }
  const nat = [
    options.interfaces?.length ? `ice_enforce_list = ${quote(options.interfaces.join(','))}` : null,
    options.publicIp ? `nat_1_1_mapping = ${quote(options.publicIp)}` : null,
    options.stunServer ? stunLines(options.stunServer) : null,
    'nice_debug = false',
  ].filter((line) => line !== null);
  return {
    'janus.jcfg': `# Generated for Wava (signaling-server/src/sfu/writeJanusConfig.ts). Holds secrets: keep it private.
general: {
	debug_level = ${options.debugLevel ?? 4}
	server_name = "wava-sfu"
	admin_secret = ${quote(options.secret)}
	api_secret = ${quote(options.secret)}
	token_auth = true
	session_timeout = 60
	reclaim_session_timeout = 0
	hide_dependencies = true
}
media: {
${options.rtpPortRange ? `\trtp_port_range = ${quote(options.rtpPortRange)}\n` : ''}}
nat: {
${nat.map((line) => `\t${line}`).join('\n')}
}
plugins: {
	disable = ${quote(UNUSED_PLUGINS.join(','))}
}
transports: {
	disable = ${quote(UNUSED_TRANSPORTS.join(','))}
}
loggers: {
	disable = ${quote(UNUSED_LOGGERS.join(','))}
}
events: {
	broadcast = false
}
`,
    'janus.transport.websockets.jcfg': `general: {
	json = "compact"
	ws = true
	ws_ip = ${quote(options.host)}
	ws_port = ${options.wsPort}
	wss = false
	ws_logging = "err,warn"
}
admin: {
	admin_ws = true
	admin_ws_ip = ${quote(options.host)}
	admin_ws_port = ${options.adminPort}
	admin_wss = false
}
`,
    // string_ids: publishers are known by their Wava peer id. admin_key: only the Wava server creates rooms.
    'janus.plugin.videoroom.jcfg': `general: {
	admin_key = ${quote(options.secret)}
	lock_rtp_forward = true
	string_ids = true
}
`,
  };
}

function stunLines(server: string): string {
  const match = /^([^:\s"]+):(\d{1,5})$/.exec(server);
  if (!match) throw new Error('Janus stunServer must be host:port');
  return `stun_server = ${quote(match[1]!)}\n\tstun_port = ${match[2]}`;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}
