import { afterEach, describe, expect, it } from 'vitest';
import { appNoticeSentence } from '../../../src/renderer/app/appNotice.js';
import { callProblemSentence } from '../../../src/renderer/call/callProblem.js';
import { mediaAccessMessage, mediaAccessProblem } from '../../../src/renderer/call/mediaAccessMessage.js';
import { mediaFailureMessage } from '../../../src/renderer/call/mediaFailure.js';
import { peerErrorMessage } from '../../../src/renderer/call/peerErrorMessage.js';
import { deviceMessages } from '../../../src/renderer/features/devices/deviceMessages.js';
import { applyLanguage } from '../../../src/renderer/i18n/applyLanguage.js';

afterEach(() => applyLanguage('en'));

/** The call core's and the device controls' sentences come from the catalogs too, in the language shown. */
describe('call and device sentences', () => {
  it.each([
    [
      () => mediaAccessMessage(mediaAccessProblem({ name: 'NotAllowedError' }, 'camera')),
      'Wava is not allowed to use your camera. Allow it in your browser or system settings, then try again.',
      'Wava에 카메라 사용 권한이 없습니다. 브라우저나 시스템 설정에서 허용한 다음 다시 시도하세요.',
    ],
    [
      () => deviceMessages.problem('microphone', 'missing'),
      'No microphone was found, so it is off for everyone.',
      '마이크를 찾지 못해 모두에게 꺼진 상태로 보입니다.',
    ],
    [
      () => deviceMessages.howToFix('camera', 'denied', 'web'),
      'To allow it, click the icon left of the address bar, open Site settings, set Camera to Allow, then press Retry.',
      '허용하려면 주소 표시줄 왼쪽의 아이콘을 눌러 사이트 설정을 열고 카메라를 허용으로 바꾼 다음 다시 시도를 누르세요.',
    ],
    [
      () => peerErrorMessage('network'),
      'The connection to the call server was lost. Wava is reconnecting.',
      '통화 서버와의 연결이 끊겼습니다. Wava가 다시 연결하는 중입니다.',
    ],
    [
      () => peerErrorMessage('invalid-id'),
      'Your media connection was refused. Please rejoin the meeting.',
      '미디어 연결이 거부되었습니다. 회의에 다시 참여하세요.',
    ],
    [
      () => mediaFailureMessage('Mina', 'relay-refused'),
      'Media could not connect to Mina. The relay server refused the connection; please tell your administrator.',
      'Mina 님과 미디어를 연결하지 못했습니다. 릴레이 서버가 연결을 거부했습니다. 관리자에게 알려 주세요.',
    ],
    [
      () => callProblemSentence({ type: 'share', problem: 'failed' }),
      'Wava could not share your screen. Please try again.',
      '화면을 공유하지 못했습니다. 다시 시도하세요.',
    ],
    [
      () => callProblemSentence({ type: 'removed', by: 'Mina' }),
      'Mina removed you from the meeting. You cannot rejoin unless a host allows you back.',
      'Mina님이 나를 회의에서 내보냈습니다. 호스트가 허용하기 전에는 다시 참여할 수 없습니다.',
    ],
    [
      () => callProblemSentence({ type: 'peer', kind: 'browser-incompatible' }),
      'This browser cannot make calls. Please use a current Chrome, Edge, Firefox or Safari, or the Wava app.',
      '이 브라우저로는 통화할 수 없습니다. 최신 Chrome, Edge, Firefox, Safari나 Wava 앱을 사용하세요.',
    ],
    [
      () => appNoticeSentence({ type: 'server', code: 'MEETING_FULL' }),
      'This meeting is full. Ask the host to start a new one or try again later.',
      '회의 정원이 찼습니다. 주최자에게 새 회의를 요청하거나 나중에 다시 시도하세요.',
    ],
    [
      () => appNoticeSentence({ type: 'invalid-invite' }),
      'That is not a meeting link. Check the link you were sent, or enter the meeting code below.',
      '회의 링크가 아닙니다. 받은 링크를 확인하거나 아래에 회의 코드를 입력하세요.',
    ],
  ])('%#: English, then Korean', (sentence, english, korean) => {
    expect(sentence()).toBe(english);
    applyLanguage('ko');
    expect(sentence()).toBe(korean);
  });
});
