import styled from 'styled-components';
import { memo, type ReactNode } from 'react';
import { isApplePlatform, shortcutHint } from '../../platform/keyboardShortcuts.js';
import type { SharePhaseSource } from '../../call/sharePhase.js';
import type { ShellCommand } from '../../platform/Platform.js';
import { Icon } from '../../ui/components/Icon.js';
import { NarrowOnly, NARROW, WideOnly, WideText } from '../../ui/components/Responsive.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';
import { CameraStartingStatus } from '../devices/CameraStartingStatus.js';
import { deviceMessages } from '../devices/deviceMessages.js';
import { EndMeetingButton } from './EndMeetingButton.js';
import { MoreMenu } from './MoreMenu.js';
import { ShareToggle } from './ShareToggle.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Bar = styled.nav`
  display: flex;
  align-items: center;
  justify-content: center;
  gap: ${({ theme }) => theme.space(3)};
  padding: ${({ theme }) => theme.space(4)};
`;

const Leave = styled.button`
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: ${({ theme }) => theme.space(2)};
  min-width: 48px;
  height: 48px;
  padding: 0 ${({ theme }) => theme.space(5)};
  margin-left: ${({ theme }) => theme.space(3)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: none;
  background: ${({ theme }) => theme.color.dangerFill};
  color: ${({ theme }) => theme.color.onDanger};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  white-space: nowrap;
  cursor: pointer;
  transition: background ${({ theme }) => theme.motion.fast};
  &:hover {
    background: ${({ theme }) => theme.color.dangerHover};
  }
  @media ${NARROW} {
    padding: 0;
    margin-left: 0;
  }
`;

export interface ControlBarProps {
  audio: boolean;
  video: boolean;
  /**
   * A camera just turned on is being checked before the others get it (cameraButton.ts): the button shows it on and
   * busy, says the camera is starting, and pressing it turns the camera off again.
   */
  cameraStarting?: boolean;
  /** Our screen share's phase, which the share's controls follow by themselves (sharePhase.ts). */
  share: SharePhaseSource;
  canShare: boolean;
  /** A device the person wants is unavailable (refused, missing, unplugged): its button offers a retry. */
  unavailable?: { microphone: boolean; camera: boolean };
  /** Why the meeting's settings keep the microphone / screen share off (only hosts may): the button says so. */
  refusals?: { microphone: string | null; share: string | null };
  onToggleMicrophone(): void;
  onToggleCamera(): void;
  onToggleShare(): void;
  onLeave(): void;
  /** The host's "End meeting for everyone"; absent for everyone else. */
  onEndForEveryone?: () => void;
  /** Extra controls before Leave, e.g. device settings. */
  extra?: ReactNode;
  /** Camera and microphone choice inside the "More" menu on narrow screens. */
  devices?: ReactNode;
  /** Room controls (features/room): always shown, wide screens only, and inside the "More" menu. */
  room?: { controls: ReactNode; wideControls: ReactNode; moreItems: (close: () => void) => ReactNode };
}

/**
 * Microphone, camera, screen share, leave (and the host's end): buttons, reachable and operable by
 * keyboard. On narrow screens the secondary ones move into a "More" menu and Leave is icon-only. Memoised: the
 * meeting screen gives it values and functions that keep their identity, so a change of the call it does not show
 * (our share reaching our own view: the share button follows the share by itself) does not render it again.
 */
export const ControlBar = memo(function ControlBar(props: ControlBarProps) {
  const { t } = useTranslation();
  const { audio, share, canShare, unavailable } = props;
  const starting = props.cameraStarting === true && !unavailable?.camera;
  const video = props.video || starting;
  const apple = isApplePlatform();
  /** The tooltip with the shortcut that does the same, and the shortcut for assistive tech. */
  const withKeys = (command: ShellCommand, title: string) => {
    const hint = shortcutHint(command, apple);
    return { title: hint ? `${title} (${hint.text})` : title, keyShortcuts: hint?.aria };
  };
  const leaveKeys = withKeys('leave-meeting', t('meeting.leaveTitle'));
  const micTitle = unavailable?.microphone
    ? deviceMessages.unavailableTitle('microphone')
    : audio
      ? t('meeting.muteMicrophone')
      : t('meeting.unmuteMicrophone');
  const cameraTitle = unavailable?.camera
    ? deviceMessages.unavailableTitle('camera')
    : starting
      ? t('cameraStart.cancelTitle')
      : video
        ? t('meeting.turnCameraOff')
        : t('meeting.turnCameraOn');
  return (
    <Bar aria-label={t('meeting.controls')}>
      <ToggleButton
        on={audio}
        label={t('meeting.microphone')}
        {...withKeys('toggle-microphone', props.refusals?.microphone ?? micTitle)}
        icon={<Icon name={audio ? 'mic' : 'micOff'} />}
        onToggle={props.onToggleMicrophone}
        unavailable={Boolean(props.refusals?.microphone)}
        testId="toggle-mic"
      />
      <ToggleButton
        on={video}
        label={t('meeting.camera')}
        {...withKeys('toggle-camera', cameraTitle)}
        icon={<Icon name={video ? 'camera' : 'cameraOff'} />}
        onToggle={props.onToggleCamera}
        busy={starting}
        testId="toggle-camera"
      />
      <CameraStartingStatus starting={starting} testId="camera-starting" />
      {props.room?.controls}
      <WideOnly>
        {props.room?.wideControls}
        <ShareToggle
          share={share}
          canShare={canShare}
          refusal={props.refusals?.share ?? null}
          withKeys={(title) => withKeys('toggle-screen-share', title)}
          onToggle={props.onToggleShare}
        />
        {props.extra}
      </WideOnly>
      <NarrowOnly>
        <MoreMenu
          share={share}
          canShare={canShare}
          onToggleShare={props.onToggleShare}
          devices={props.devices}
          onEndForEveryone={props.onEndForEveryone}
          room={props.room?.moreItems}
        />
      </NarrowOnly>
      <Leave
        type="button"
        onClick={props.onLeave}
        title={leaveKeys.title}
        aria-keyshortcuts={leaveKeys.keyShortcuts}
        data-testid="leave"
      >
        <Icon name="leave" />
        <WideText>{t('meeting.leave')}</WideText>
      </Leave>
      {props.onEndForEveryone ? (
        <WideOnly>
          <EndMeetingButton onConfirm={props.onEndForEveryone} />
        </WideOnly>
      ) : null}
    </Bar>
  );
});
