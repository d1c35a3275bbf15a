/**
 * Scrubs known secrets from any text that leaves the extension host (logs, messages).
 * A second line of defence: code should never put a key into such text in the first place.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  remove(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join(maskKey(secret));
    }
    return result.replace(BEARER_TOKEN, 'Bearer ***');
  }
}

const BEARER_TOKEN = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** A hint that lets a user tell keys apart without revealing them: `sk-…a1b2`. */
export function maskKey(key: string): string {
  const prefix = key.startsWith('sk-') ? 'sk-' : '';
  return key.length > 12 ? `${prefix}…${key.slice(-4)}` : `${prefix}…`;
}
