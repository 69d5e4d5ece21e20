/**
 * Tokens and password digests for the in-browser demo backend. A salted SHA-256 keeps passwords
 * out of web storage, but it is a demo: a real server uses a slow password hash (Argon2, scrypt).
 */
export interface PasswordDigest {
  salt: string;
  hash: string;
}

/** A random URL-safe token: 32 bytes give 43 characters. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toBase64Url(new Uint8Array(digest));
}

export async function digestPassword(password: string, salt: string = randomToken(16)): Promise<PasswordDigest> {
  return { salt, hash: await sha256(`${salt}:${password}`) };
}

export async function verifyPassword(password: string, digest: PasswordDigest): Promise<boolean> {
  return (await digestPassword(password, digest.salt)).hash === digest.hash;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
