import { missingCaseError } from '@wava/protocol/plain';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import { errorSentence } from '../../i18n/errorSentence.js';
import { i18n } from '../../i18n/i18n.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { Platform } from '../../platform/Platform.js';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { DeviceProblems } from '../devices/DeviceProblems.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { MediaPreview } from '../prejoin/MediaPreview.js';
import type { LobbyClient, LobbyPhase } from './lobbyClient.js';
import { PreviewColumns, PreviewSide } from '../prejoin/previewLayout.js';

export interface LobbyScreenProps {
  lobby: LobbyClient;
  media: LocalMedia;
  /** The name the host will see. */
  name: string;
  guest: boolean;
  platform: Platform['kind'];
  /** Let in: the meeting's own connection takes over. */
  onAdmitted(): void;
  onLeave(): void;
}

/**
 * The waiting room, as the person waiting sees it: their camera preview and devices, and where they stand (ready
 * to ask, waiting, let in, turned away, meeting over). It shows nothing of the meeting beyond its code.
 */
export function LobbyScreen({ lobby, media, name, guest, platform, onAdmitted, onLeave }: LobbyScreenProps) {
  const { t } = useTranslation();
  const phase = useSyncExternalStore(lobby.subscribe, lobby.getSnapshot);
  const heading = useScreenHeading();
  const state = useLocalMediaState(media);
  const starting = state.status === 'idle' || state.status === 'starting';
  const admitted = useRef(onAdmitted);
  useEffect(() => {
    admitted.current = onAdmitted;
  });
  useEffect(() => {
    if (phase.name === 'admitted') admitted.current();
  }, [phase]);
  const { title, text } = wording(phase, lobby.code, name, guest);
  const canAsk = phase.name === 'ready' || phase.name === 'failed' || phase.name === 'denied';

  return (
    <PageLayout
      width={1120}
      actions={
        <Button type="button" $variant="ghost" onClick={onLeave} data-testid="lobby-leave">
          <Icon name="arrowLeft" size={18} />
          {phase.name === 'waiting' ? t('lobby.leave') : t('lobby.back')}
        </Button>
      }
    >
      <PreviewColumns>
        <div>
          <MediaPreview media={media} name={name} />
        </div>
        <PreviewSide data-testid="lobby-screen">
          <div>
            <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
              {title}
            </h1>
            <p role="status" data-testid="lobby-status" data-phase={phase.name}>
              {text}
            </p>
          </div>
          <DeviceSelectors media={media} disabled={starting} />
          <DeviceProblems media={media} platform={platform} />
          {canAsk ? (
            <Button type="button" $block onClick={() => lobby.knock()} disabled={starting} data-testid="lobby-ask">
              {phase.name === 'ready' ? t('lobby.askToJoin') : t('lobby.askAgain')}
            </Button>
          ) : null}
        </PreviewSide>
      </PreviewColumns>
    </PageLayout>
  );
}

/** The heading and the sentence for where the person stands. */
function wording(phase: LobbyPhase, code: string, name: string, guest: boolean): { title: string; text: string } {
  switch (phase.name) {
    case 'ready':
      return {
        title: i18n.t('lobby.readyTitle'),
        text: guest ? i18n.t('lobby.readyIntro', { code, name }) : code,
      };
    case 'knocking':
      return { title: i18n.t('lobby.knocking'), text: code };
    case 'waiting':
    case 'admitted':
      return { title: i18n.t('lobby.waitingTitle'), text: i18n.t('lobby.waitingIntro') };
    case 'denied':
      return { title: i18n.t('lobby.deniedTitle'), text: errorSentence('LOBBY_DENIED', phase.retryAfterSeconds) };
    case 'ended':
      return { title: i18n.t('lobby.endedTitle'), text: errorSentence('MEETING_ENDED') };
    case 'failed':
      return {
        title: i18n.t('lobby.failedTitle'),
        text: errorSentence(phase.error.code, phase.error.retryAfterSeconds),
      };
    default:
      throw missingCaseError(phase);
  }
}
