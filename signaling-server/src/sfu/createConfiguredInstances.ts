import type { Logger } from 'pino';
import type { SfuSettings } from '../config/Config.js';
import { createJanusInstance, type JanusInstance } from './createJanusInstance.js';

/** One instance per WAVA_SFU_URLS address (none without an SFU configured), not started yet. */
export function createConfiguredInstances(
  settings: SfuSettings | null,
  logger: Logger,
  options: { cleanUp: boolean },
): JanusInstance[] {
  if (!settings) return [];
  return settings.urls.map((url, index) =>
    createJanusInstance(
      {
        url,
        adminUrl: settings.adminUrls[index]!,
        publicUrl: settings.publicUrls?.[index] ?? null,
        secret: settings.secret,
      },
      logger,
      { cleanUp: options.cleanUp, talking: settings.talking },
    ),
  );
}
