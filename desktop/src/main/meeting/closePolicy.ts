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
export const CLOSE_PROMPT: Prompt<CloseChoice> = {
  type: 'question',
  message: 'You are in a meeting',
  detail:
    'Leave the meeting and close Wava, or keep the meeting running in the background? You can get back to it from the tray icon.',
  buttons: [
    { label: 'Leave meeting', answer: 'leave' },
    { label: 'Keep running in tray', answer: 'keep-in-tray' },
    { label: 'Cancel', answer: 'cancel' },
  ],
  defaultAnswer: 'leave',
  cancelAnswer: 'cancel',
};

/** The buttons of the close prompt, in order. */
export const CLOSE_PROMPT_BUTTONS = CLOSE_PROMPT.buttons;

export function closeChoiceFromButton(index: number): CloseChoice {
  return answerOf(CLOSE_PROMPT, index);
}

/** Quitting (menu, tray, Cmd+Q) during a meeting. */
export const QUIT_PROMPT: Prompt<'leave-and-quit' | 'cancel'> = {
  type: 'question',
  message: 'You are in a meeting',
  detail: 'Quitting Wava leaves the meeting.',
  buttons: [
    { label: 'Leave Meeting and Quit', answer: 'leave-and-quit' },
    { label: 'Cancel', answer: 'cancel' },
  ],
  defaultAnswer: 'leave-and-quit',
  cancelAnswer: 'cancel',
};

/** Notifications about people joining or leaving are shown only when the window is not in front. */
export function shouldNotify(state: { windowFocused: boolean; supported: boolean }): boolean {
  return state.supported && !state.windowFocused;
}
