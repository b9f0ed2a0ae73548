import styled from 'styled-components';
import type { ReactNode } from 'react';
import { isApplePlatform, shortcutHint } from '../../platform/keyboardShortcuts.js';
import type { ShellCommand } from '../../platform/Platform.js';
import { Icon } from '../../ui/components/Icon.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';
import { EndMeetingButton } from './EndMeetingButton.js';

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
  gap: ${({ theme }) => theme.space(2)};
  height: 48px;
  padding: 0 ${({ theme }) => theme.space(5)};
  margin-left: ${({ theme }) => theme.space(3)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: none;
  background: ${({ theme }) => theme.color.danger};
  color: #fff;
  font-weight: ${({ theme }) => theme.font.weight.medium};
  cursor: pointer;
  transition: background ${({ theme }) => theme.motion.fast};
  &:hover {
    background: ${({ theme }) => theme.color.dangerHover};
  }
`;

export interface ControlBarProps {
  audio: boolean;
  video: boolean;
  sharing: boolean;
  canShare: boolean;
  onToggleMicrophone(): void;
  onToggleCamera(): void;
  onToggleShare(): void;
  onLeave(): void;
  /** The host's "End meeting for everyone"; absent for everyone else. */
  onEndForEveryone?: () => void;
  /** Extra controls before Leave, e.g. device settings. */
  extra?: ReactNode;
}

/** Microphone, camera, screen share, leave (and the host's end): buttons, reachable and operable by keyboard. */
export function ControlBar(props: ControlBarProps) {
  const { audio, video, sharing, canShare } = props;
  const apple = isApplePlatform();
  /** The tooltip with the shortcut that does the same, and the shortcut for assistive tech. */
  const withKeys = (command: ShellCommand, title: string) => {
    const hint = shortcutHint(command, apple);
    return { title: hint ? `${title} (${hint.text})` : title, keyShortcuts: hint?.aria };
  };
  const leaveKeys = withKeys('leave-meeting', 'Leave the meeting');
  return (
    <Bar aria-label="Call controls">
      <ToggleButton
        on={audio}
        label="Microphone"
        {...withKeys('toggle-microphone', audio ? 'Mute microphone' : 'Unmute microphone')}
        icon={<Icon name={audio ? 'mic' : 'micOff'} />}
        onToggle={props.onToggleMicrophone}
        testId="toggle-mic"
      />
      <ToggleButton
        on={video}
        label="Camera"
        {...withKeys('toggle-camera', video ? 'Turn camera off' : 'Turn camera on')}
        icon={<Icon name={video ? 'camera' : 'cameraOff'} />}
        onToggle={props.onToggleCamera}
        testId="toggle-camera"
      />
      <ToggleButton
        on={sharing}
        variant="feature"
        label="Share screen"
        {...(canShare
          ? withKeys('toggle-screen-share', sharing ? 'Stop sharing your screen' : 'Share your screen')
          : { title: 'Screen sharing is not available here' })}
        icon={<Icon name="screen" />}
        onToggle={props.onToggleShare}
        disabled={!canShare}
        testId="toggle-share"
      />
      {props.extra}
      <Leave
        type="button"
        onClick={props.onLeave}
        title={leaveKeys.title}
        aria-keyshortcuts={leaveKeys.keyShortcuts}
        data-testid="leave"
      >
        <Icon name="leave" />
        Leave
      </Leave>
      {props.onEndForEveryone ? <EndMeetingButton onConfirm={props.onEndForEveryone} /> : null}
    </Bar>
  );
}
