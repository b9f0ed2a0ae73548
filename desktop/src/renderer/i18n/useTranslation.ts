import { useTranslation as useBoundTranslation } from 'react-i18next';
import { i18n } from './i18n.js';

/**
 * One options object for every call: react-i18next memoises its options and its snapshot reader on this object, so
 * a new one at each call would rebuild both at every render of every component that translates.
 */
const BOUND = { i18n };

/**
 * react-i18next's `useTranslation`, bound to the renderer's instance rather than to a global one, so every
 * component (and every component test) translates from the same catalogs and re-renders on a language switch.
 * Its `t` keeps its identity until the language changes: a memoised sentence may depend on it.
 */
export function useTranslation() {
  return useBoundTranslation(undefined, BOUND);
}
