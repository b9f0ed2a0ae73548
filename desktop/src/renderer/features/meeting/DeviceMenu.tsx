import { useCallback, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { useDismiss } from '../../hooks/useDismiss.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { SelectField } from '../../ui/components/Field.js';
import { Icon } from '../../ui/components/Icon.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';

const Trigger = styled.button`
  display: inline-grid;
  place-items: center;
  width: 48px;
  height: 48px;
  border-radius: 50%;
  border: 1px solid rgba(255, 255, 255, 0.16);
  background: rgba(255, 255, 255, 0.1);
  color: #fff;
  cursor: pointer;
  &:hover {
    filter: brightness(1.15);
  }
`;

/** Camera and microphone choice during the call; a switch replaces the track on every call in place. */
export function DeviceMenu({ media }: { media: LocalMedia }) {
  const state = useLocalMediaState(media);
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useDismiss(
    open,
    anchor,
    useCallback(() => setOpen(false), []),
  );

  return (
    <PopoverAnchor ref={anchor}>
      <Trigger
        type="button"
        aria-label="Camera and microphone settings"
        title="Camera and microphone settings"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="device-settings"
      >
        <Icon name="settings" />
      </Trigger>
      {open ? (
        <PopoverPanel id={panelId} role="dialog" aria-label="Camera and microphone">
          <SelectField
            label="Camera"
            value={state.cameraId ?? ''}
            onChange={(e) => void media.selectCamera(e.target.value)}
            disabled={state.cameras.length === 0}
          >
            {state.cameras.length === 0 ? <option value="">No camera found</option> : null}
            {state.cameras.map((device) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Microphone"
            value={state.microphoneId ?? ''}
            onChange={(e) => void media.selectMicrophone(e.target.value)}
            disabled={state.microphones.length === 0}
          >
            {state.microphones.length === 0 ? <option value="">No microphone found</option> : null}
            {state.microphones.map((device) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label}
              </option>
            ))}
          </SelectField>
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}
