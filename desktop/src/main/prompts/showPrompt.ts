import { dialog, type BrowserWindow } from 'electron';
import { answerOf, toMessageBoxOptions, type Ask, type Prompt } from './Prompt.js';

/** Asks in a dialog attached to `win`. A window that is gone answers with the prompt's cancel answer. */
export function askIn(window: () => BrowserWindow | null): Ask {
  return async <A extends string>(prompt: Prompt<A>): Promise<A> => {
    const win = window();
    if (!win || win.isDestroyed()) return prompt.cancelAnswer;
    const { response } = await dialog.showMessageBox(win, toMessageBoxOptions(prompt));
    return answerOf(prompt, response);
  };
}
