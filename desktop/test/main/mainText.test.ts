import { describe, expect, it } from 'vitest';
import { closePrompt } from '../../src/main/meeting/closePolicy.js';
import { createMainText, mainLanguage } from '../../src/main/i18n/mainText.js';
import { appMenuTemplate } from '../../src/main/menu/appMenuTemplate.js';
import { trayStatus } from '../../src/main/tray/trayMenuTemplate.js';

describe('the main process speaks the system language', () => {
  it.each([
    [['ko-KR', 'en-US'], 'ko'],
    [['fr-FR', 'ko'], 'ko'],
    [['en-GB'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('%j: %s', (preferred, language) => {
    expect(mainLanguage(preferred)).toBe(language);
  });

  it('reads the system languages only when first needed (Electron answers once the app is ready)', () => {
    let asked = 0;
    const text = createMainText(() => {
      asked += 1;
      return ['ko-KR'];
    });
    expect(asked).toBe(0);
    expect(text('shell.menu.meeting')).toBe('회의');
    text('shell.menu.view');
    expect(asked).toBe(1);
  });

  it('menus, tray and dialogs come from the catalog in Korean', () => {
    const ko = createMainText(() => ['ko-KR']);
    const menu = appMenuTemplate(
      {
        platform: 'linux',
        appName: 'Wava',
        presence: { inMeeting: true, participantCount: 3, sharingScreen: false, meetingCode: null },
        updatesEnabled: false,
        updateReady: false,
        developer: false,
      },
      { command: () => undefined, checkForUpdates: () => undefined, restartToUpdate: () => undefined },
      ko,
    );
    const meeting = menu.find((item) => item.label === '회의');
    expect(meeting).toBeDefined();
    expect((meeting?.submenu as Array<{ label?: string }>).map((item) => item.label)).toEqual([
      '마이크 켜기/끄기',
      '카메라 켜기/끄기',
      '화면 공유 시작/중지',
      '회의 나가기',
    ]);
    expect(trayStatus({ inMeeting: true, participantCount: 3, sharingScreen: true, meetingCode: null }, ko)).toBe(
      'Wava - 2명과 회의 중, 화면 공유 중',
    );
    expect(closePrompt(ko).buttons.map((button) => button.label)).toEqual([
      '회의 나가기',
      '트레이에서 계속 실행',
      '취소',
    ]);
  });
});
