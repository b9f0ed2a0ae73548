import { useTranslation as useBoundTranslation } from 'react-i18next';
import { i18n } from './i18n.js';

/**
 * react-i18next's `useTranslation`, bound to the renderer's instance rather than to a global one, so every
 * component (and every component test) translates from the same catalogs and re-renders on a language switch.
 */
export function useTranslation() {
  return useBoundTranslation(undefined, { i18n });
}
