import type { LoginRequest, RegisterRequest } from '@wava/protocol';
import { missingCaseError } from '@wava/protocol/plain';
import { loadValidation } from '../../api/loadValidation.js';
import type { ErrorNotice } from '../../i18n/errorSentence.js';
import type { Language } from '../../i18n/languages.js';
import type { HeldPress } from '../../signInShell/signInShellDom.js';

export type AuthMode = 'sign-in' | 'register';
export type AuthField = 'username' | 'displayName' | 'password';

export interface AuthFormState {
  mode: AuthMode;
  username: string;
  displayName: string;
  password: string;
  submitting: boolean;
  /** Why the last attempt failed; its sentence is written at render. */
  error: ErrorNotice | null;
}

export type AuthFormAction =
  | { type: 'mode-toggled' }
  | { type: 'field-changed'; field: AuthField; value: string }
  | { type: 'submitted' }
  | { type: 'failed'; error: ErrorNotice };

export const INITIAL_AUTH_FORM: AuthFormState = {
  mode: 'sign-in',
  username: '',
  displayName: '',
  password: '',
  submitting: false,
  error: null,
};

/**
 * What the person already did on the sign-in form before the app took it over (signInShell/): typed values, the
 * caret, a Sign in pressed, a switch to registering, a language chosen.
 */
export interface AuthPrefill {
  username: string;
  displayName: string;
  password: string;
  mode: AuthMode;
  /** Sign in was pressed: the app sends it at once. */
  submit: boolean;
  /**
   * The button held down (Sign in, or the switch to registering and back), by a pointer or by Space: a browser
   * sends no click when the press and the release land on different elements, so the app presses it when the
   * release lands on its own button of that id (carryHeldPress).
   */
  pressing: HeldPress | null;
  language: Language | null;
  /** What had the keyboard (its data-testid) and, in a text field, the selection. */
  focus: { testId: string; start: number | null; end: number | null } | null;
}

/** The form's first state: empty, or what the sign-in shell held. */
export function prefilledAuthForm(prefill: AuthPrefill | null | undefined): AuthFormState {
  if (!prefill) return INITIAL_AUTH_FORM;
  const { mode, username, displayName, password } = prefill;
  return { ...INITIAL_AUTH_FORM, mode, username, displayName, password };
}

export function authFormReducer(state: AuthFormState, action: AuthFormAction): AuthFormState {
  switch (action.type) {
    case 'mode-toggled':
      return { ...state, mode: state.mode === 'sign-in' ? 'register' : 'sign-in', error: null };
    case 'field-changed':
      return { ...state, [action.field]: action.value };
    case 'submitted':
      return { ...state, submitting: true, error: null };
    case 'failed':
      return { ...state, submitting: false, error: action.error };
    default:
      throw missingCaseError(action);
  }
}

export type AuthRequest = { mode: 'sign-in'; body: LoginRequest } | { mode: 'register'; body: RegisterRequest };

/** Checks the form with the same schemas the server uses, so most mistakes get their sentence at once. */
export async function authRequestOf(
  state: AuthFormState,
): Promise<{ ok: true; request: AuthRequest } | { ok: false; error: ErrorNotice }> {
  let validation: Awaited<ReturnType<typeof loadValidation>>;
  try {
    validation = await loadValidation();
  } catch {
    return { ok: false, error: { code: 'RELOAD_NEEDED' } }; // as lazyApiClient answers it
  }
  const { firstErrorCode, loginRequestSchema, registerRequestSchema } = validation;
  if (state.mode === 'register') {
    const parsed = registerRequestSchema.safeParse({
      username: state.username,
      displayName: state.displayName,
      password: state.password,
    });
    return parsed.success
      ? { ok: true, request: { mode: 'register', body: parsed.data } }
      : { ok: false, error: { code: firstErrorCode(parsed.error) } };
  }
  const parsed = loginRequestSchema.safeParse({ username: state.username, password: state.password });
  return parsed.success
    ? { ok: true, request: { mode: 'sign-in', body: parsed.data } }
    : { ok: false, error: { code: firstErrorCode(parsed.error) } };
}
