import { missingCaseError } from '@wava/protocol';
import type { ScreenPickerRequest, ScreenSource } from '../../../shared/ipcSchemas.js';

export type PickerTab = 'screen' | 'window';

export interface PickerState {
  request: ScreenPickerRequest | null;
  tab: PickerTab;
  selectedId: string | null;
  shareSystemAudio: boolean;
}

export type PickerAction =
  | { type: 'opened'; request: ScreenPickerRequest }
  | { type: 'closed' }
  | { type: 'tab'; tab: PickerTab }
  | { type: 'selected'; sourceId: string }
  | { type: 'audio'; on: boolean };

export const CLOSED: PickerState = { request: null, tab: 'screen', selectedId: null, shareSystemAudio: false };

export function sourcesOn(request: ScreenPickerRequest | null, tab: PickerTab): ScreenSource[] {
  return request ? request.sources.filter((source) => source.kind === tab) : [];
}

/** The picker's UI state: one request at a time; screens first; a single screen is preselected. */
export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'opened': {
      const screens = sourcesOn(action.request, 'screen');
      const tab: PickerTab = screens.length > 0 ? 'screen' : 'window';
      const only = screens.length === 1 ? (screens[0]?.id ?? null) : null;
      return { request: action.request, tab, selectedId: only, shareSystemAudio: false };
    }
    case 'closed':
      return CLOSED;
    case 'tab':
      return state.tab === action.tab ? state : { ...state, tab: action.tab, selectedId: null };
    case 'selected':
      return state.request?.sources.some((source) => source.id === action.sourceId)
        ? { ...state, selectedId: action.sourceId }
        : state;
    case 'audio':
      return { ...state, shareSystemAudio: action.on && (state.request?.systemAudioAvailable ?? false) };
    default:
      throw missingCaseError(action);
  }
}
