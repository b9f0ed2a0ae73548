import type { Config } from './config/Config.js';
import { ConfigError } from './config/ConfigError.js';
import { loadConfig } from './config/loadConfig.js';
import { createServer } from './createServer.js';
import { createLogger } from './observability/createLogger.js';
import { advertisedStunUrls } from './stun/advertisedStunUrls.js';

/** The command-line entry: configuration from the environment, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  const warnings: string[] = [];
  try {
    config = loadConfig(process.env, { warn: (message) => warnings.push(message) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  for (const warning of warnings) logger.warn(warning);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    process.exit(1);
  });

  const server = await createServer(config, { logger });
  const { url } = await server.start();
  process.stdout.write(startupStatus(config, url, server.stunPort()));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // The PeerJS server keeps timers of its own after close; exit explicitly once everything is closed.
    const hardStop = setTimeout(() => process.exit(1), config.shutdownTimeoutMs * 3);
    hardStop.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** What the terminal shows once the server is up: where it is, where its data is, and how to stop it. */
function startupStatus(config: Config, url: string, stunPort: number | null): string {
  const stun =
    stunPort === null
      ? 'off (WAVA_STUN=off)'
      : `UDP port ${stunPort}, advertised as ${advertisedStunUrls(config.stun, config.publicUrl, stunPort).join(', ')}`;
  return [
    `Wava signaling server listening on ${url} (public URL ${config.publicUrl})`,
    `  Data directory: ${config.dataDir}`,
    `  STUN responder: ${stun}`,
    `  Large meetings: ${sfuStatus(config)}`,
    `  Logs:           ${config.logFormat}, level ${config.logLevel} (WAVA_LOG_FORMAT, WAVA_LOG_LEVEL)`,
    `  Stop:           Ctrl+C (or SIGTERM): a graceful stop that tells connected apps to reconnect`,
    '',
  ].join('\n');
}

function sfuStatus(config: Config): string {
  const sfu = config.sfu;
  if (!sfu) return `peer to peer only, up to ${config.maxParticipants} people (WAVA_SFU_URLS unset)`;
  const instances = sfu.urls.length === 1 ? '1 Janus instance' : `${sfu.urls.length} Janus instances`;
  return `${instances}; past ${sfu.threshold} people a meeting moves to the SFU, up to ${sfu.maxParticipants}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`The Wava server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
