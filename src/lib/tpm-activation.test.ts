import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  generateKeyPairSync,
  privateDecrypt,
  constants,
} from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import { marshalRsaEkPublic } from './tpm-marshal';
import { makeActivationBlob } from './tpm-activation';
import { ActivationError, aesCfbDecrypt, aesCfbEncrypt, kdfa } from './tpm-activation-crypto';
import { activateIdentityKey, parseActivationBlob } from './tpm-activation-device';
import { marshalRsaSrkPublic } from './virtual-tpm';

/** An RSA 2048 key pair as node:crypto and WebCrypto both see it. */
async function rsaPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const modulus = new Uint8Array(Buffer.from(jwk.n ?? '', 'base64url'));
  const webPrivate = await crypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ format: 'der', type: 'pkcs8' }),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['decrypt'],
  );
  return { nodePrivate: privateKey, webPrivate, modulus };
}

const keys = async () => {
  const [ek, srk] = await Promise.all([rsaPair(), rsaPair()]);
  const ekPublic = marshalRsaEkPublic(ek.modulus);
  const srkPublic = marshalRsaSrkPublic(srk.modulus);
  return { ek, srk, ekPublic, srkPublic };
};

// Node's own KDFa, written from TPM 2.0 Part 1 11.4.10.2, to check ours independently.
function nodeKdfa(key: Buffer, label: string, u: Buffer, v: Buffer, bits: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 1; out.length * 32 < bits / 8; i++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(i);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(bits);
    out.push(
      createHmac('sha256', key)
        .update(Buffer.concat([counter, Buffer.from(`${label}\0`), u, v, size]))
        .digest(),
    );
  }
  return Buffer.concat(out).subarray(0, bits / 8);
}

describe('AES-CFB over WebCrypto', () => {
  it('matches node aes-128-cfb and aes-256-cfb byte for byte, both ways', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(16, 32),
        fc.uint8Array({ maxLength: 100 }),
        async (keyLength, data) => {
          const key = crypto.getRandomValues(new Uint8Array(keyLength));
          const cipher = createCipheriv(`aes-${keyLength * 8}-cfb`, key, Buffer.alloc(16));
          const expected = Buffer.concat([cipher.update(data), cipher.final()]);
          const encrypted = await aesCfbEncrypt(key, data);
          expect(Buffer.from(encrypted).equals(expected)).toBe(true);
          expect(Buffer.from(await aesCfbDecrypt(key, encrypted)).equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('kdfa', () => {
  it('agrees with an independent node:crypto KDFa for one and several blocks', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const u = crypto.getRandomValues(new Uint8Array(34));
    for (const bits of [128, 256, 512 + 128]) {
      const ours = await kdfa(key, 'STORAGE', u, new Uint8Array(0), bits);
      expect(Buffer.from(ours).toString('hex')).toBe(
        nodeKdfa(Buffer.from(key), 'STORAGE', Buffer.from(u), Buffer.alloc(0), bits).toString('hex'),
      );
    }
  });
});

describe('activation blob', () => {
  it('round-trips: the TPM that holds the EK and SRK installs the identity key', async () => {
    const { ek, srk, ekPublic, srkPublic } = await keys();
    const identityKey = crypto.getRandomValues(new Uint8Array(32));
    const blob = await makeActivationBlob({
      endorsementKey: bytesToBase64(ekPublic),
      storageRootKey: bytesToBase64(srkPublic),
      identityKey,
      uriData: '0ne00000000/registrations/abc',
    });
    const activated = await activateIdentityKey(blob, {
      ekPrivate: ek.webPrivate,
      srkPrivate: srk.webPrivate,
      ekPublic,
      srkPublic,
    });
    expect(Buffer.from(activated.key).equals(Buffer.from(identityKey))).toBe(true);
    expect(activated.uriData).toBe('0ne00000000/registrations/abc');
  });

  it('is a TPM2 credential that node:crypto can open independently (OAEP label IDENTITY, KDFa, CFB, HMAC)', async () => {
    const { ek, ekPublic, srkPublic } = await keys();
    const blob = await makeActivationBlob({
      endorsementKey: bytesToBase64(ekPublic),
      storageRootKey: bytesToBase64(srkPublic),
      identityKey: new Uint8Array(32).fill(7),
    });
    const parts = parseActivationBlob(blob);
    const seed = privateDecrypt(
      {
        key: ek.nodePrivate,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
        oaepLabel: Buffer.from('IDENTITY\0'),
      },
      parts.secret,
    );
    expect(seed).toHaveLength(32);
    const srkName = Buffer.concat([
      Buffer.of(0, 0x0b),
      createHash('sha256').update(srkPublic.subarray(2)).digest(),
    ]);
    const credential = Buffer.from(parts.credentialBlob);
    const integrity = credential.subarray(2, 2 + credential.readUInt16BE(0));
    const encIdentity = credential.subarray(2 + integrity.length);
    const hmacKey = nodeKdfa(seed, 'INTEGRITY', Buffer.alloc(0), Buffer.alloc(0), 256);
    expect(
      createHmac('sha256', hmacKey)
        .update(Buffer.concat([encIdentity, srkName]))
        .digest()
        .equals(integrity),
    ).toBe(true);
    const decipher = createDecipheriv(
      'aes-128-cfb',
      nodeKdfa(seed, 'STORAGE', srkName, Buffer.alloc(0), 128),
      Buffer.alloc(16),
    );
    const plain = Buffer.concat([decipher.update(encIdentity), decipher.final()]);
    expect(plain.readUInt16BE(0)).toBe(16); // TPM2B(innerWrapKey), AES-128
    // The identity key's public area: keyed hash, SHA-256, sign|userWithAuth|noDA, PolicyCommandCode(Duplicate).
    const pub = Buffer.from(parts.idKeyPublic);
    expect(pub.readUInt16BE(0)).toBe(0x0008);
    expect(pub.readUInt32BE(4)).toBe(0x00040440);
    const policy = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(32), Buffer.from('0000016c0000014b', 'hex')]))
      .digest();
    expect(pub.subarray(10, 42).equals(policy)).toBe(true);
  });

  it('cannot be activated by another TPM', async () => {
    const target = await keys();
    const other = await keys();
    const blob = await makeActivationBlob({
      endorsementKey: bytesToBase64(target.ekPublic),
      storageRootKey: bytesToBase64(target.srkPublic),
      identityKey: new Uint8Array(32).fill(1),
    });
    await expect(
      activateIdentityKey(blob, {
        ekPrivate: other.ek.webPrivate,
        srkPrivate: other.srk.webPrivate,
        ekPublic: other.ekPublic,
        srkPublic: other.srkPublic,
      }),
    ).rejects.toThrow(/another TPM/);
    // The right EK but a different SRK public: the credential's integrity check names the SRK.
    await expect(
      activateIdentityKey(blob, {
        ekPrivate: target.ek.webPrivate,
        srkPrivate: target.srk.webPrivate,
        ekPublic: target.ekPublic,
        srkPublic: other.srkPublic,
      }),
    ).rejects.toThrow(/integrity/);
  });

  it('refuses a tampered blob', async () => {
    const { ek, srk, ekPublic, srkPublic } = await keys();
    const blob = base64ToBytes(
      await makeActivationBlob({
        endorsementKey: bytesToBase64(ekPublic),
        storageRootKey: bytesToBase64(srkPublic),
        identityKey: new Uint8Array(32).fill(3),
      }),
    );
    const tampered = new Uint8Array(blob);
    const duplicateStart = 2 + ((blob[0] ?? 0) << 8) + (blob[1] ?? 0) + 2 + 256 + 2; // after credential and secret
    tampered[duplicateStart + 40] = (tampered[duplicateStart + 40] ?? 0) ^ 1;
    await expect(
      activateIdentityKey(bytesToBase64(tampered), {
        ekPrivate: ek.webPrivate,
        srkPrivate: srk.webPrivate,
        ekPublic,
        srkPublic,
      }),
    ).rejects.toBeInstanceOf(ActivationError);
    expect(() => parseActivationBlob('AAE=')).toThrow(ActivationError);
  });
});
