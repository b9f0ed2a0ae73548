import { englishText, type MainText } from '../i18n/mainText.js';
import { answerOf, type Prompt } from '../prompts/Prompt.js';

/** What closing the main window does. */
export type CloseAction =
  /** Let it close (and the app quit on Windows/Linux). */
  | 'close'
  /** Hide it: macOS keeps apps running without windows; the dock icon brings it back. */
  | 'hide'
  /** In a meeting: ask whether to leave or keep the meeting running in the tray. */
  | 'ask';

export function closeAction(state: { inMeeting: boolean; quitting: boolean; platform: NodeJS.Platform }): CloseAction {
  if (state.quitting) return 'close';
  if (state.inMeeting) return 'ask';
  return state.platform === 'darwin' ? 'hide' : 'close';
}

export type CloseChoice = 'leave' | 'keep-in-tray' | 'cancel';

/** Closing the window during a meeting. */
export function closePrompt(t: MainText = englishText): Prompt<CloseChoice> {
  return {
    type: 'question',
    message: t('shell.close.message'),
    detail: t('shell.close.detail'),
    buttons: [
      { label: t('shell.close.leave'), answer: 'leave' },
      { label: t('shell.close.keepInTray'), answer: 'keep-in-tray' },
      { label: t('shell.close.cancel'), answer: 'cancel' },
    ],
    defaultAnswer: 'leave',
    cancelAnswer: 'cancel',
  };
}

export function closeChoiceFromButton(index: number): CloseChoice {
  return answerOf(closePrompt(), index);
}

/** Quitting (menu, tray, Cmd+Q) during a meeting. */
export function quitPrompt(t: MainText = englishText): Prompt<'leave-and-quit' | 'cancel'> {
  return {
    type: 'question',
    message: t('shell.close.message'),
    detail: t('shell.close.quitDetail'),
    buttons: [
      { label: t('shell.close.leaveAndQuit'), answer: 'leave-and-quit' },
      { label: t('shell.close.cancel'), answer: 'cancel' },
    ],
    defaultAnswer: 'leave-and-quit',
    cancelAnswer: 'cancel',
  };
}

/** Notifications about people joining or leaving are shown only when the window is not in front. */
export function shouldNotify(state: { windowFocused: boolean; supported: boolean }): boolean {
  return state.supported && !state.windowFocused;
}
