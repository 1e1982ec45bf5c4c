import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-codec';

describe('api key codec', () => {
  it('generates distinct keys of the documented shape', () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(looksLikeApiKey(key)).toBe(true);
  });

  it('stores a sha-256 hex digest, never the key', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key);
    expect(hashApiKey(key)).toBe(hash);
  });

  it('shows only a short prefix', () => {
    const key = generateApiKey();
    expect(displayPrefix(key)).toHaveLength(9);
    expect(key.startsWith(displayPrefix(key))).toBe(true);
  });

  it('rejects values that cannot be keys', () => {
    expect(looksLikeApiKey('co_short')).toBe(false);
    expect(looksLikeApiKey(`xx_${'a'.repeat(43)}`)).toBe(false);
  });
});
