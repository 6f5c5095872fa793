// Optional encryption of stored sessions at rest: AES-256-GCM through WebCrypto, a random 96-bit IV per write, and
// the Redis key as additional data (an entry copied under another key does not decrypt).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An AES-GCM key given as a CryptoKey, or as 32 raw bytes. */
export type EncryptionKey = CryptoKey | Uint8Array;

export interface Sealed {
  alg: 'A256GCM';
  iv: string;
  data: string;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function createCipher(key: EncryptionKey) {
  if (!(key instanceof Uint8Array) && !(typeof CryptoKey !== 'undefined' && key instanceof CryptoKey)) {
    throw new TypeError('encryptionKey must be a CryptoKey or 32 bytes');
  }
  if (key instanceof Uint8Array && key.byteLength !== 32) {
    throw new TypeError(`encryptionKey must be 32 bytes (AES-256), not ${key.byteLength}`);
  }
  const ready: Promise<CryptoKey> =
    key instanceof Uint8Array
      ? crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt', 'decrypt'])
      : Promise.resolve(key);
  return {
    async seal(plain: string, redisKey: string): Promise<Sealed> {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(redisKey) },
        await ready,
        encoder.encode(plain),
      );
      return { alg: 'A256GCM', iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    /** The plain text, or `undefined` when the entry does not decrypt with this key. */
    async open(sealed: Sealed, redisKey: string): Promise<string | undefined> {
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(redisKey) },
          await ready,
          fromBase64(sealed.data),
        );
        return decoder.decode(plain);
      } catch {
        return undefined;
      }
    },
  };
}

export type Cipher = ReturnType<typeof createCipher>;
