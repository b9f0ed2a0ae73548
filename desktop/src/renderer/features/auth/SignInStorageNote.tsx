import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { SignInStorage, TokenStorageStatus } from '../../platform/Platform.js';
import { Notice } from '../../ui/components/Notice.js';
import { i18n } from '../../i18n/i18n.js';

/** The sentence for how the sign-in is kept, or null when the OS key store protects it (nothing to say). */
export function signInStorageSentence(status: TokenStorageStatus): string | null {
  if (status.protection === 'os-keystore') return null;
  if (status.protection === 'basic-text') {
    return i18n.t(status.persisted ? 'auth.storageNoKeyringSaved' : 'auth.storageNoKeyringSession');
  }
  return i18n.t(status.persisted ? 'auth.storageNoEncryptionSaved' : 'auth.storageNoEncryptionSession');
}

/** Desktop only: says so when the OS cannot protect the saved sign-in (Linux without a keyring). */
export function SignInStorageNote({ storage }: { storage: SignInStorage }) {
  useTranslation(); // re-renders the sentence when the language changes
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
