import type { ScreenPickerChoice, ScreenSource } from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';
import { screenAccessStep, type CaptureStrategy, type ScreenAccessStatus } from './capturePlatform.js';
import { THUMBNAIL_SIZE, toPickerSources, type CapturerSourceLike } from './screenSources.js';

export interface DisplayMediaRequestLike {
  videoRequested: boolean;
  audioRequested: boolean;
}

/** What to answer Chromium with: a video source (and maybe system audio), or null for "cancelled". */
export type DisplayMediaAnswer = { video: { id: string; name: string }; audio?: 'loopback' } | null;

export interface DisplayMediaDeps {
  platform: NodeJS.Platform;
  strategy: CaptureStrategy;
  systemAudioSupported: boolean;
  /** True when the request comes from the main frame of Wava's window on our origin. */
  requestIsTrusted: boolean;
  screenAccess(): ScreenAccessStatus | null;
  explainScreenAccess(): void;
  getSources(options: {
    types: Array<'screen' | 'window'>;
    thumbnailSize: { width: number; height: number };
    fetchWindowIcons: boolean;
  }): Promise<CapturerSourceLike[]>;
  /** Source ids never offered (our own sharing bar). */
  excludedSourceIds(): ReadonlySet<string>;
  ask(sources: readonly ScreenSource[], systemAudioAvailable: boolean): Promise<ScreenPickerChoice | null>;
  log: Logger;
}

/**
 * Decides the answer to one getDisplayMedia request. Never throws for an expected case; the adapter still
 * guarantees Chromium gets exactly one answer even if something unexpected throws.
 */
export async function decideDisplayMedia(
  request: DisplayMediaRequestLike,
  deps: DisplayMediaDeps,
): Promise<DisplayMediaAnswer> {
  if (!deps.requestIsTrusted) {
    deps.log.warn('screen share requested by an untrusted frame; refused');
    return null;
  }
  if (!request.videoRequested) return null;
  if (screenAccessStep(deps.platform, deps.screenAccess()) === 'explain') {
    deps.explainScreenAccess();
    return null;
  }
  if (deps.strategy === 'portal') {
    // The system picker opens inside getSources and returns the single source the person chose (or none).
    const [chosen] = await deps.getSources({
      types: ['screen', 'window'],
      thumbnailSize: { width: 0, height: 0 },
      fetchWindowIcons: false,
    });
    return chosen ? { video: { id: chosen.id, name: chosen.name } } : null;
  }
  const raw = await deps.getSources({
    types: ['screen', 'window'],
    thumbnailSize: THUMBNAIL_SIZE,
    fetchWindowIcons: true,
  });
  const sources = toPickerSources(raw, deps.excludedSourceIds());
  if (sources.length === 0) return null;
  const audioAvailable = deps.systemAudioSupported && request.audioRequested;
  const choice = await deps.ask(sources, audioAvailable);
  if (!choice) return null;
  const source = raw.find((candidate) => candidate.id === choice.sourceId);
  if (!source) return null;
  const video = { id: source.id, name: source.name };
  return choice.shareSystemAudio && audioAvailable ? { video, audio: 'loopback' } : { video };
}
