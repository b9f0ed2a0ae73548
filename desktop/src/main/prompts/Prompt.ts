import type { MessageBoxOptions } from 'electron';

/**
 * A question the main process asks in a native dialog, written as data so its wording and its safe default can be
 * tested without Electron. Each button names the answer it gives; Enter picks `defaultAnswer`, Escape (or closing
 * the dialog) gives `cancelAnswer`.
 */
export interface Prompt<A extends string> {
  type: 'question' | 'warning' | 'info';
  message: string;
  detail: string;
  buttons: ReadonlyArray<{ label: string; answer: A }>;
  defaultAnswer: A;
  cancelAnswer: A;
}

export function toMessageBoxOptions<A extends string>(prompt: Prompt<A>): MessageBoxOptions {
  const indexOf = (answer: A) =>
    Math.max(
      0,
      prompt.buttons.findIndex((button) => button.answer === answer),
    );
  return {
    type: prompt.type,
    message: prompt.message,
    detail: prompt.detail,
    buttons: prompt.buttons.map((button) => button.label),
    defaultId: indexOf(prompt.defaultAnswer),
    cancelId: indexOf(prompt.cancelAnswer),
    noLink: true,
  };
}

/** The answer behind the button the OS reported; anything unexpected counts as cancelling. */
export function answerOf<A extends string>(prompt: Prompt<A>, response: number): A {
  return prompt.buttons[response]?.answer ?? prompt.cancelAnswer;
}

/** Shows a prompt and resolves with the answer; the adapter in showPrompt.ts implements it with Electron's dialog. */
export type Ask = <A extends string>(prompt: Prompt<A>) => Promise<A>;
