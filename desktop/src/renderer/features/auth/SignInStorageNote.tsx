import { useEffect, useState } from 'react';
import type { SignInStorage, TokenStorageStatus } from '../../platform/Platform.js';
import { Notice } from '../../ui/components/Notice.js';

/** The sentence for how the sign-in is kept, or null when the OS key store protects it (nothing to say). */
export function signInStorageSentence(status: TokenStorageStatus): string | null {
  if (status.protection === 'os-keystore') return null;
  const why =
    status.protection === 'basic-text'
      ? 'No system keyring (such as GNOME Keyring or KWallet) is available on this computer'
      : 'This computer offers no way to encrypt a saved sign-in';
  return status.persisted
    ? `${why}: your saved sign-in is stored without encryption, readable by other programs running as you.`
    : `${why}: Wava keeps you signed in only until you quit.`;
}

/** Desktop only: says so when the OS cannot protect the saved sign-in (Linux without a keyring). */
export function SignInStorageNote({ storage }: { storage: SignInStorage }) {
  const [status, setStatus] = useState<TokenStorageStatus | null>(null);
  useEffect(() => {
    let alive = true;
    storage.current().then(
      (next) => alive && setStatus(next),
      () => undefined,
    );
    const stop = storage.onChanged((next) => alive && setStatus(next));
    return () => {
      alive = false;
      stop();
    };
  }, [storage]);
  const sentence = status ? signInStorageSentence(status) : null;
  return sentence ? (
    <Notice tone="info" testId="sign-in-storage">
      {sentence}
    </Notice>
  ) : null;
}
