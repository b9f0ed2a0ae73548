import { useEffect, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { SelectField } from '../../ui/components/Field.js';
import { Icon } from '../../ui/components/Icon.js';

const Anchor = styled.div`
  position: relative;
`;

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

const Panel = styled.div`
  position: absolute;
  bottom: calc(100% + 12px);
  left: 50%;
  transform: translateX(-50%);
  width: 320px;
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => theme.space(5)};
  border-radius: ${({ theme }) => theme.radius.lg};
  background: ${({ theme }) => theme.color.surfaceRaised};
  border: 1px solid ${({ theme }) => theme.color.border};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  color: ${({ theme }) => theme.color.text};
  z-index: 10;
`;

/** Camera and microphone choice during the call; a switch replaces the track on every call in place. */
export function DeviceMenu({ media }: { media: LocalMedia }) {
  const state = useLocalMediaState(media);
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <Anchor ref={anchor}>
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
        <Panel id={panelId} role="dialog" aria-label="Camera and microphone">
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
        </Panel>
      ) : null}
    </Anchor>
  );
}
