import { externalWebUrl } from './externalWebUrl.js';

/** An https URL safe to hand to the OS browser (see externalWebUrl), or null. */
export function externalHttpsUrl(candidate: string): string | null {
  return externalWebUrl(candidate, ['https:']);
}
