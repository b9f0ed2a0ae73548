import { ERROR_CODES } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import en from '../../../src/shared/locales/en.json';
import ko from '../../../src/shared/locales/ko.json';

type Catalog = { [key: string]: string | Catalog };

/** Every sentence of a catalog by its full key, plural suffixes (_one, _other, ...) folded into one key. */
function sentences(catalog: Catalog, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      found.set(base, [...(found.get(base) ?? []), value]);
    } else {
      for (const [inner, values] of sentences(value, path)) found.set(inner, values);
    }
  }
  return found;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`);
const placeholderSet = (texts: string[]) => [...new Set(texts.flatMap(placeholders))].sort();

const english = sentences(en as Catalog);
const korean = sentences(ko as Catalog);

describe('message catalogs', () => {
  it('have the same keys in English and Korean', () => {
    expect([...korean.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each([...english.keys()])('%s has the same placeholders in both languages and no empty sentence', (key) => {
    const en = english.get(key) ?? [];
    const ko = korean.get(key) ?? [];
    expect(placeholderSet(ko)).toEqual(placeholderSet(en));
    for (const text of [...en, ...ko]) expect(text.trim()).not.toBe('');
  });

  it('has a sentence for every server error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(english.has(`errors.${code}`), code).toBe(true);
      expect(korean.has(`errors.${code}`), code).toBe(true);
    }
  });

  it('keeps the English error sentences identical to the protocol source', async () => {
    const { userMessage } = await import('@wava/protocol');
    for (const code of ERROR_CODES) expect(english.get(`errors.${code}`)?.[0]).toBe(userMessage(code));
  });
});
