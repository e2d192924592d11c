import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for buyer ID numbers: AES-256-GCM, layout
 * `version (1) || nonce (12) || tag (16) || ciphertext`. The version byte names the key, so a
 * future key rotation can read old rows. Separate subkeys for encryption and the lookup HMAC are
 * derived with HKDF, so neither use weakens the other.
 */
const KEY_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

function subkey(master: Buffer, purpose: string): Buffer {
  if (master.length < 32) throw new Error('the ID encryption key must have at least 32 bytes');
  return Buffer.from(
    hkdfSync('sha256', master, Buffer.alloc(0), `heartland/buyer-id/${purpose}/v${KEY_VERSION}`, 32),
  );
}

/**
 * `context` (user and market) is authenticated with the ciphertext, so a row's ciphertext copied
 * into another user's row does not decrypt there.
 */
export function encryptIdNumber(master: Buffer, plaintext: string, context: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const version = Buffer.from([KEY_VERSION]);
  const cipher = createCipheriv('aes-256-gcm', subkey(master, 'aes-256-gcm'), nonce, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.concat([version, Buffer.from(context, 'utf8')]));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([version, nonce, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or the data was altered (GCM authentication fails). */
export function decryptIdNumber(master: Buffer, sealed: Buffer, context: string): string {
  if (sealed.length <= HEADER_BYTES) throw new Error('buyer ID ciphertext is truncated');
  const version = sealed[0];
  if (version !== KEY_VERSION)
    throw new Error(`buyer ID ciphertext uses key version ${version}, which this process does not hold`);
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(1 + NONCE_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', subkey(master, 'aes-256-gcm'), nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.concat([sealed.subarray(0, 1), Buffer.from(context, 'utf8')]));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
}

/** Keyed fingerprint of an ID number: finds the same person across accounts without decrypting. */
export function idNumberHmac(master: Buffer, idNumber: string): Buffer {
  return createHmac('sha256', subkey(master, 'hmac-sha256')).update(idNumber, 'utf8').digest();
}
