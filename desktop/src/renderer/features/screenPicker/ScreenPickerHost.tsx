import { useCallback, useEffect, useId, useReducer, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation.js';
import {
  screenPickerCancelSchema,
  screenPickerRequestSchema,
  type ScreenPickerChoice,
} from '../../../shared/ipcSchemas.js';
import type { WavaBridge } from '../../../shared/WavaBridge.js';
import { Button } from '../../ui/components/Button.js';
import { CLOSED, pickerReducer, sourcesOn, type PickerTab } from './pickerState.js';
import {
  Backdrop,
  Dialog,
  Empty,
  Footer,
  Grid,
  Header,
  SourceButton,
  SourceName,
  Spacer,
  Tab,
  Tabs,
  Thumbnail,
} from './pickerStyles.js';

const TABS = [
  { tab: 'screen', label: 'picker.screens', empty: 'picker.noScreens' },
  { tab: 'window', label: 'picker.windows', empty: 'picker.noWindows' },
] as const satisfies ReadonlyArray<{ tab: PickerTab; label: string; empty: string }>;

/**
 * The desktop screen picker: when the main process asks (a getDisplayMedia call), shows screens and windows with
 * thumbnails and answers with the chosen one or with a cancel. Every request gets exactly one answer: Share,
 * Cancel, Escape, a newer request, or this component going away. Renders nothing without a bridge (the web).
 */
export function ScreenPickerHost({ bridge }: { bridge: WavaBridge | null }) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(pickerReducer, CLOSED);
  const openId = useRef<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();

  const answer = useCallback(
    (choice: ScreenPickerChoice | null) => {
      const requestId = openId.current;
      if (!bridge || requestId === null) return;
      openId.current = null;
      dispatch({ type: 'closed' });
      bridge.screenPicker.answer({ requestId, choice }).catch((error: unknown) => {
        console.error('[wava] answering the screen picker failed', error);
      });
      returnFocus.current?.focus();
    },
    [bridge],
  );

  useEffect(() => {
    if (!bridge) return undefined;
    const offRequest = bridge.screenPicker.onRequest((payload) => {
      const parsed = screenPickerRequestSchema.safeParse(payload);
      if (!parsed.success) {
        console.warn('[wava] ignored a malformed screen picker request');
        const requestId = (payload as { requestId?: unknown } | null)?.requestId;
        if (typeof requestId === 'string' && requestId.length <= 64) {
          void bridge.screenPicker.answer({ requestId, choice: null }).catch(() => undefined);
        }
        return;
      }
      if (openId.current !== null) answer(null);
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      openId.current = parsed.data.requestId;
      dispatch({ type: 'opened', request: parsed.data });
    });
    const offCancel = bridge.screenPicker.onCancel((payload) => {
      const parsed = screenPickerCancelSchema.safeParse(payload);
      if (parsed.success && parsed.data.requestId === openId.current) {
        openId.current = null;
        dispatch({ type: 'closed' });
      }
    });
    return () => {
      offRequest();
      offCancel();
      answer(null);
    };
  }, [bridge, answer]);

  const request = state.request;
  useEffect(() => {
    if (!request) return;
    const dialog = dialogRef.current;
    const target =
      dialog?.querySelector<HTMLElement>('[aria-checked="true"]') ??
      dialog?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    target?.focus();
  }, [request]);

  if (!bridge || !request) return null;

  const sources = sourcesOn(request, state.tab);
  const emptyKey = TABS.find((entry) => entry.tab === state.tab)?.empty;
  const share = () => {
    if (state.selectedId) answer({ sourceId: state.selectedId, shareSystemAudio: state.shareSystemAudio });
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(null);
      return;
    }
    if (event.key === 'Tab') trapFocus(event, dialogRef.current);
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = state.tab === 'screen' ? 'window' : 'screen';
    dispatch({ type: 'tab', tab: next });
    dialogRef.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  }

  return (
    <Backdrop data-testid="screen-picker-backdrop">
      <Dialog
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={dialogRef}
        onKeyDown={onKeyDown}
        data-testid="screen-picker"
      >
        <Header>
          <h2 id={titleId}>{t('picker.title')}</h2>
          <Tabs role="tablist" aria-label={t('picker.tabs')}>
            {TABS.map(({ tab, label }) => (
              <Tab
                key={tab}
                type="button"
                role="tab"
                data-tab={tab}
                id={`${titleId}-${tab}`}
                aria-selected={state.tab === tab}
                aria-controls={`${titleId}-panel`}
                tabIndex={state.tab === tab ? 0 : -1}
                $active={state.tab === tab}
                onClick={() => dispatch({ type: 'tab', tab })}
                onKeyDown={onTabKey}
              >
                {t(label)} ({sourcesOn(request, tab).length})
              </Tab>
            ))}
          </Tabs>
        </Header>
        <Grid role="radiogroup" id={`${titleId}-panel`} aria-labelledby={`${titleId}-${state.tab}`}>
          {sources.length === 0 ? <Empty>{emptyKey ? t(emptyKey) : null}</Empty> : null}
          {sources.map((source) => (
            <SourceButton
              key={source.id}
              type="button"
              role="radio"
              aria-checked={state.selectedId === source.id}
              aria-label={source.name}
              data-testid={`screen-picker-source-${source.id}`}
              onClick={() => dispatch({ type: 'selected', sourceId: source.id })}
              onDoubleClick={() => answer({ sourceId: source.id, shareSystemAudio: state.shareSystemAudio })}
            >
              <Thumbnail>
                {source.thumbnail ? <img src={source.thumbnail} alt="" /> : <span>{t('picker.noPreview')}</span>}
              </Thumbnail>
              <SourceName>
                {source.appIcon ? <img src={source.appIcon} alt="" /> : null}
                <span>{source.name}</span>
              </SourceName>
            </SourceButton>
          ))}
        </Grid>
        <Footer>
          {request.systemAudioAvailable ? (
            <label>
              <input
                type="checkbox"
                data-testid="screen-picker-audio"
                checked={state.shareSystemAudio}
                onChange={(event) => dispatch({ type: 'audio', on: event.target.checked })}
              />
              {t('picker.systemAudio')}
            </label>
          ) : (
            <Spacer />
          )}
          <Button type="button" $variant="secondary" onClick={() => answer(null)} data-testid="screen-picker-cancel">
            {t('picker.cancel')}
          </Button>
          <Button type="button" onClick={share} disabled={!state.selectedId} data-testid="screen-picker-share">
            {t('picker.share')}
          </Button>
        </Footer>
      </Dialog>
    </Backdrop>
  );
}

/** Keeps Tab and Shift+Tab inside the dialog while it is open. */
function trapFocus(event: KeyboardEvent, dialog: HTMLElement | null): void {
  if (!dialog) return;
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), [tabindex="0"]'),
  ].filter((element) => element.tabIndex >= 0);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
