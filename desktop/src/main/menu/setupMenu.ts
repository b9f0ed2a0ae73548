import { Menu } from 'electron';
import type { MainText } from '../i18n/mainText.js';
import type { PresenceStore } from '../meeting/PresenceStore.js';
import type { Disposable } from '../util/Disposable.js';
import { appMenuTemplate, type AppMenuActions, type AppMenuState } from './appMenuTemplate.js';

export interface MenuDeps {
  presence: PresenceStore;
  state(): Omit<AppMenuState, 'presence'>;
  actions: AppMenuActions;
  /** Labels in the system's language (English if absent). */
  text?: MainText;
}

/** The native menu, rebuilt when the meeting state changes (its meeting items are enabled only in a meeting). */
export function setupMenu(deps: MenuDeps): Disposable & { refresh(): void } {
  const refresh = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({ ...deps.state(), presence: deps.presence.get() }, deps.actions, deps.text),
      ),
    );
  refresh();
  const unsubscribe = deps.presence.onChange(refresh);
  return { refresh, dispose: unsubscribe };
}
