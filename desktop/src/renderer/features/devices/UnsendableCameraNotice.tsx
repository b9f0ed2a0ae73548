import { useEffect, useId, useRef } from 'react';
import { fallbackCamera } from '../../call/cameraSendability.js';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { Notice } from '../../ui/components/Notice.js';
import { NoticeRow } from './NoticeRow.js';

/**
 * The chosen camera plays in the self-view but its picture cannot be sent (a depth or infrared camera): says so,
 * and offers the camera used before (or another one), or turning the camera off, on pre-join and in the meeting.
 * Asked to turn that camera on again (the meeting's camera button), the offer gets the focus: a screen reader reads
 * it with the reason, and Enter takes it.
 */
export function UnsendableCameraNotice({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const textId = useId();
  const offer = useRef<HTMLButtonElement>(null);
  const { unsendableCamera, cameras, cameraId } = useLocalMediaState(media);
  useEffect(() => media.on('unsendableCameraAsked', () => offer.current?.focus()), [media]);
  if (!unsendableCamera || unsendableCamera.cameraId !== cameraId) return null;
  const chosen = cameras.find((camera) => camera.deviceId === cameraId);
  const instead = fallbackCamera(cameras, cameraId ?? '', unsendableCamera.previousId);
  const sentence = t('cameraSend.unsendable', { camera: chosen?.label ?? t('devices.camera') });
  return (
    <Notice testId="camera-unsendable">
      <NoticeRow>
        <span id={textId}>{instead ? sentence : `${sentence} ${t('cameraSend.chooseOther')}`}</span>
        {instead ? (
          <Button
            ref={offer}
            type="button"
            $variant="secondary"
            onClick={() => void media.selectCamera(instead.deviceId)}
            aria-label={t('cameraSend.usePreviousLabel', { camera: instead.label })}
            aria-describedby={textId}
            data-testid="camera-unsendable-use"
          >
            {t('cameraSend.usePrevious', { camera: instead.label })}
          </Button>
        ) : null}
        <Button
          ref={instead ? undefined : offer}
          type="button"
          $variant="secondary"
          onClick={() => void media.setVideoEnabled(false)}
          aria-describedby={textId}
          data-testid="camera-unsendable-off"
        >
          {t('cameraSend.turnOff')}
        </Button>
      </NoticeRow>
    </Notice>
  );
}
