import { missingCaseError, waitParts } from '@wava/protocol/plain';
import { i18n } from './i18n.js';

/** How long to wait, in the interface's language with its plural rules: "1 minute", "11 minutes", "11분". */
export function waitText(seconds: number): string {
  const parts = waitParts(seconds);
  switch (parts.unit) {
    case 'second':
      return i18n.t('wait.seconds', { count: parts.count });
    case 'minute':
      return i18n.t('wait.minutes', { count: parts.count });
    case 'day':
      return i18n.t('wait.days', { count: parts.count });
    case 'hour': {
      const hours = i18n.t('wait.hours', { count: parts.count });
      if (parts.minutes === 0) return hours;
      return i18n.t('wait.hoursAndMinutes', { hours, minutes: i18n.t('wait.minutes', { count: parts.minutes }) });
    }
    default:
      throw missingCaseError(parts);
  }
}
