import { userMessage } from '@wava/protocol';
import { expectNoSeriousViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

test('a Korean browser gets the Korean interface, and English can be chosen in the app', async ({ people }) => {
  const mina = await people.open('Mina', '/', { locale: 'ko-KR' });
  const { page } = mina;

  // Sign-in, in Korean, with <html lang> saying so, and accessible.
  await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible();
  await expect(mina.byTestId('auth-submit')).toHaveText('로그인');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(mina.byTestId('language-select')).toHaveValue('ko');
  await expectNoSeriousViolations(page, 'Korean sign-in');

  // A server error code comes back as the Korean sentence.
  await mina.byTestId('auth-username').fill('nobody-here');
  await mina.byTestId('auth-password').fill('not the password');
  await mina.byTestId('auth-submit').click();
  await expect(mina.byTestId('auth-error')).toHaveText('사용자 이름과 비밀번호가 일치하는 계정이 없습니다.');
  // It is kept as its code: a switch rewrites the sentence that is showing.
  await mina.byTestId('language-select').selectOption('en');
  await expect(mina.byTestId('auth-error')).toHaveText(userMessage('INVALID_CREDENTIALS'));
  await mina.byTestId('language-select').selectOption('ko');
  await expect(mina.byTestId('auth-error')).toHaveText('사용자 이름과 비밀번호가 일치하는 계정이 없습니다.');

  // Home, in Korean.
  await mina.register();
  await expect(mina.byTestId('screen-heading')).toHaveText('안녕하세요, Mina 님');
  await expect(mina.byTestId('create-meeting')).toHaveText('회의 만들기');
  await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
  await expectNoSeriousViolations(page, 'Korean home');

  // Switching to English in the app changes the screen at once, and the choice outlives a reload.
  await mina.byTestId('language-select').selectOption('en');
  await expect(mina.byTestId('screen-heading')).toHaveText('Hello, Mina');
  await expect(mina.byTestId('create-meeting')).toHaveText('Create meeting');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(mina.byTestId('screen-heading')).toHaveText('Hello, Mina');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // In a meeting, the settings menu switches the language too.
  await mina.createMeeting();
  await mina.joinFromPreJoin();
  await expect(mina.byTestId('leave')).toContainText('Leave');
  // The live region's news is kept as data too: the lock, announced in English, is in Korean after a switch while
  // it is news, and gone once it is not (a switch reads out nothing old again): never left in English.
  await mina.byTestId('toggle-participants').click();
  await mina.byTestId('lock-meeting').click();
  await expect(mina.byTestId('meeting-announcer')).toHaveText('The meeting is locked. Nobody new can join.');
  // The system refuses the screen capture (as when the OS withholds it): the meeting says so.
  await page.evaluate(() => {
    navigator.mediaDevices.getDisplayMedia = () =>
      Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
  });
  await mina.byTestId('toggle-share').click();
  await expect(mina.byTestId('meeting-error')).toHaveText('Wava could not share your screen. Please try again.');
  await mina.byTestId('device-settings').click();
  await mina.byTestId('meeting-language-select').selectOption('ko');
  await expect(mina.byTestId('leave')).toContainText('나가기');
  // The sentence already showing follows the switch.
  await expect(mina.byTestId('meeting-error')).toHaveText('화면을 공유하지 못했습니다. 다시 시도하세요.');
  // Read once (a region waited on would empty in the end whatever it held).
  expect(['', '회의가 잠겼습니다. 새로운 사람은 참여할 수 없습니다.']).toContain(
    await mina.byTestId('meeting-announcer').textContent(),
  );
  await expect(page.getByRole('navigation', { name: '통화 제어' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test("the desktop app's sharing bar follows a language switch made in the app while it is open", async ({ people }) => {
  const mina = await people.open('Mina', '/', { locale: 'en-US' });
  // The bar is a page of the app's own origin (in Electron, a window beside the app's): opened here as a tab.
  const bar = await mina.page.context().newPage();
  await bar.goto(new URL('/sharingBar/index.html', mina.page.url()).href);
  await expect(bar.locator('#sharing-text')).toHaveText('You are sharing your screen');

  await mina.byTestId('language-select').selectOption('ko');
  await expect(bar.locator('#sharing-text')).toHaveText('내 화면을 공유하고 있습니다');
  await expect(bar.locator('#stop')).toHaveText('공유 중지');
  await expect(bar.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(bar).toHaveTitle('Wava - 공유 중');

  await mina.byTestId('language-select').selectOption('en');
  await expect(bar.locator('#sharing-text')).toHaveText('You are sharing your screen');
  await expect(bar.locator('html')).toHaveAttribute('lang', 'en');
});
