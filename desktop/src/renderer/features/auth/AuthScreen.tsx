import { missingCaseError } from '@wava/protocol/plain';
import type { PublicUser } from '@wava/protocol';
import { useLayoutEffect, useReducer, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation.js';
import styled from 'styled-components';
import type { AuthStore, ServerSettings, SignInStorage } from '../../platform/Platform.js';
import { Brand } from '../../ui/components/Brand.js';
import { Button } from '../../ui/components/Button.js';
import { Card } from '../../ui/components/Card.js';
import { TextField } from '../../ui/components/Field.js';
import { Notice } from '../../ui/components/Notice.js';
import { errorSentence } from '../../i18n/errorSentence.js';
import { applyLanguage } from '../../i18n/applyLanguage.js';
import { i18n } from '../../i18n/i18n.js';
import { carryHeldPress } from '../../signInShell/carryHeldPress.js';
import { LanguageSelect } from '../language/LanguageSelect.js';
import { OrSignIn } from '../lobby/GuestJoinForm.js';
import { authFormReducer, authRequestOf, prefilledAuthForm, type AuthField, type AuthPrefill } from './authForm.js';
import { ServerAddress } from './ServerAddress.js';
import { SignInStorageNote } from './SignInStorageNote.js';
import type { InviteStatus } from './useInviteStatus.js';

const Page = styled.main`
  min-height: 100%;
  display: grid;
  place-items: center;
  padding: ${({ theme }) => theme.space(6)};
  background: radial-gradient(1200px 600px at 50% -10%, ${({ theme }) => theme.color.surfaceHover}, transparent);
`;

const Panel = styled(Card)`
  width: min(420px, 100%);
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(5)};
  padding: ${({ theme }) => theme.space(8)};
`;

const Heading = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(3)};
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.xl};
    letter-spacing: -0.01em;
  }
  p {
    margin: 0;
    color: ${({ theme }) => theme.color.textMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
`;

const Switch = styled.p`
  margin: 0;
  text-align: center;
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
`;

const LinkButton = styled.button`
  background: none;
  border: none;
  padding: 0 2px;
  color: ${({ theme }) => theme.color.accent};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  cursor: pointer;
  &:hover {
    text-decoration: underline;
  }
`;

export interface AuthScreenProps {
  auth: AuthStore;
  onSignedIn(user: PublicUser): void;
  /** A sentence to show on arrival, e.g. why the person was signed out. */
  notice?: string | null;
  /** Whether the notice is answered by reloading the page (Wava updated in another tab, or part of it not loaded). */
  noticeAsksForReload?: boolean;
  /**
   * Reloads the page. A Reload button goes with a notice that asks for it, and with a sign-in that failed because
   * part of Wava could not be loaded (RELOAD_NEEDED).
   */
  onReload?: (() => void) | undefined;
  serverSettings?: ServerSettings | undefined;
  /** Desktop only: how the sign-in is kept; a note appears when the OS cannot protect it. */
  signInStorage?: SignInStorage | undefined;
  onServerChanged?(): void;
  /** The meeting an invite link points at, while the person still has to sign in. */
  inviteCode?: string | null;
  /** Whether that meeting is open, has ended or is unknown (asked without signing in). */
  inviteStatus?: InviteStatus | null;
  /** With an invite to an open meeting: the way in without an account (features/lobby's GuestJoinForm). */
  guestJoin?: ReactNode;
  /** What the person did on the sign-in shell (signInShell/) before this screen took it over; read once. */
  prefill?: AuthPrefill | null;
}

/** Sign in, or create an account; every failure is a sentence from the server's closed set. */
export function AuthScreen({
  auth,
  onSignedIn,
  notice,
  noticeAsksForReload = false,
  onReload,
  serverSettings,
  signInStorage,
  onServerChanged,
  inviteCode,
  inviteStatus,
  guestJoin,
  prefill = null,
}: AuthScreenProps) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(authFormReducer, prefill, prefilledAuthForm);
  const form = useRef<HTMLFormElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const takenOver = useRef(prefill);
  // Going on from the shell in the same frame it disappears: the caret where it was, a pressed Sign in sent.
  useLayoutEffect(() => {
    const taken = takenOver.current;
    takenOver.current = null;
    if (!taken) return;
    if (taken.language) applyLanguage(taken.language);
    const { focus } = taken;
    const focused = focus
      ? [...(panel.current?.querySelectorAll<HTMLElement>('[data-testid]') ?? [])].find(
          (element) => element.dataset.testid === focus.testId,
        )
      : null;
    if (focused && focus) {
      focused.focus();
      if (focused instanceof HTMLInputElement && focus.start !== null && focus.end !== null) {
        focused.setSelectionRange(focus.start, focus.end);
      }
    }
    if (taken.submit) form.current?.requestSubmit();
    if (taken.pressing && panel.current) return carryHeldPress(panel.current, taken.pressing);
  }, []);
  const registering = state.mode === 'register';
  const field = (name: AuthField) => ({
    value: state[name],
    onChange: (event: { target: { value: string } }) =>
      dispatch({ type: 'field-changed', field: name, value: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (state.submitting) return;
    // Checked by protocol's schemas, whose code loads on the first use (the page's first load carries no zod).
    dispatch({ type: 'submitted' });
    const checked = await authRequestOf(state);
    if (!checked.ok) {
      dispatch({ type: 'failed', error: checked.error });
      return;
    }
    const request = checked.request;
    const result = request.mode === 'register' ? await auth.register(request.body) : await auth.login(request.body);
    if (result.ok) onSignedIn(result.data.user);
    else dispatch({ type: 'failed', error: result.error });
  }

  const error = state.error ? errorSentence(state.error.code, state.error.retryAfterSeconds) : (notice ?? null);
  // The Reload button goes with what is shown: the sign-in's own failure, once there is one, or else the notice.
  const asksForReload = state.error ? state.error.code === 'RELOAD_NEEDED' : Boolean(notice) && noticeAsksForReload;
  return (
    <Page>
      <Panel as="div" ref={panel}>
        <Heading>
          <Brand />
          <h1>{registering ? t('auth.registerTitle') : t('auth.signInTitle')}</h1>
          <p data-testid={inviteCode ? 'invite-status' : undefined} data-status={inviteCode ? inviteStatus : undefined}>
            {inviteCode
              ? inviteSentence(inviteCode, inviteStatus ?? 'checking', registering)
              : registering
                ? t('auth.registerIntro')
                : t('auth.signInIntro')}
          </p>
        </Heading>
        {guestJoin && inviteCode && inviteStatus !== 'ended' && inviteStatus !== 'unknown' ? (
          <>
            {guestJoin}
            <OrSignIn>{t('lobby.orSignIn')}</OrSignIn>
          </>
        ) : null}
        <Form
          ref={form}
          onSubmit={submit}
          noValidate
          aria-label={registering ? t('auth.registerForm') : t('auth.signInForm')}
        >
          <TextField
            label={t('auth.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-testid="auth-username"
            {...field('username')}
          />
          {registering ? (
            <TextField
              label={t('auth.displayName')}
              hint={t('auth.displayNameHint')}
              autoComplete="name"
              data-testid="auth-display-name"
              {...field('displayName')}
            />
          ) : null}
          <TextField
            label={t('auth.password')}
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            hint={registering ? t('auth.passwordHint') : undefined}
            data-testid="auth-password"
            {...field('password')}
          />
          {error ? <Notice testId="auth-error">{error}</Notice> : null}
          {asksForReload && onReload ? (
            <Button type="button" $variant="secondary" $block onClick={onReload} data-testid="auth-reload">
              {t('updatedElsewhere.reload')}
            </Button>
          ) : null}
          <Button type="submit" $block disabled={state.submitting} data-testid="auth-submit">
            {state.submitting ? t('auth.pleaseWait') : registering ? t('auth.createAccount') : t('auth.signIn')}
          </Button>
        </Form>
        <Switch>
          {registering ? t('auth.haveAccount') : t('auth.newToWava')}{' '}
          <LinkButton type="button" onClick={() => dispatch({ type: 'mode-toggled' })} data-testid="auth-mode-toggle">
            {registering ? t('auth.switchToSignIn') : t('auth.switchToRegister')}
          </LinkButton>
        </Switch>
        {signInStorage ? <SignInStorageNote storage={signInStorage} /> : null}
        {serverSettings ? <ServerAddress settings={serverSettings} onChanged={onServerChanged} /> : null}
        <LanguageSelect />
      </Panel>
    </Page>
  );
}

/** What an invite link says before sign-in, from the meeting's status. */
function inviteSentence(code: string, status: InviteStatus, registering: boolean): string {
  switch (status) {
    case 'open':
    case 'checking':
      return i18n.t(registering ? 'auth.inviteOpenRegister' : 'auth.inviteOpenSignIn', { code });
    case 'ended':
      return i18n.t(registering ? 'auth.inviteEndedRegister' : 'auth.inviteEndedSignIn', { code });
    case 'unknown':
      return i18n.t(registering ? 'auth.inviteUnknownRegister' : 'auth.inviteUnknownSignIn', { code });
    default:
      throw missingCaseError(status);
  }
}
