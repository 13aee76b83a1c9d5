// Marshals EK public areas (TPM2B_PUBLIC) with the TCG default EK templates L-1 (RSA 2048) and
// L-2 (ECC P-256), as a TPM returns them from TPM2_CreatePrimary. Used by tests and the virtual TPM.

import { EK_TEMPLATE_ATTRIBUTES, EK_TEMPLATE_AUTH_POLICY_HEX, TPM_ALG, TPM_ECC_NIST_P256 } from './tpm';

class ByteWriter {
  private readonly bytes: number[] = [];
  u16(value: number): this {
    this.bytes.push((value >>> 8) & 0xff, value & 0xff);
    return this;
  }
  u32(value: number): this {
    return this.u16(Math.floor(value / 0x10000) & 0xffff).u16(value & 0xffff);
  }
  raw(data: Uint8Array): this {
    this.bytes.push(...data);
    return this;
  }
  tpm2b(data: Uint8Array): this {
    return this.u16(data.length).raw(data);
  }
  toBytes(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.bytes);
  }
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function requireLength(name: string, data: Uint8Array, length: number): void {
  if (data.length !== length) throw new RangeError(`${name} must be ${length} bytes; got ${data.length}.`);
}

/** type, nameAlg, attributes, authPolicy, AES-128-CFB, null scheme: the part both templates share. */
function templateHead(type: number): ByteWriter {
  return new ByteWriter()
    .u16(type)
    .u16(TPM_ALG.sha256)
    .u32(EK_TEMPLATE_ATTRIBUTES)
    .tpm2b(hexToBytes(EK_TEMPLATE_AUTH_POLICY_HEX))
    .u16(TPM_ALG.aes)
    .u16(128)
    .u16(TPM_ALG.cfb)
    .u16(TPM_ALG.null);
}

function withSize(area: Uint8Array): Uint8Array<ArrayBuffer> {
  return new ByteWriter().tpm2b(area).toBytes();
}

/** TPM2B_PUBLIC of an RSA 2048 EK (template L-1, exponent 0 = 65537) with the given 256-byte modulus. */
export function marshalRsaEkPublic(modulus: Uint8Array): Uint8Array<ArrayBuffer> {
  requireLength('The RSA modulus', modulus, 256);
  return withSize(templateHead(TPM_ALG.rsa).u16(2048).u32(0).tpm2b(modulus).toBytes());
}

/** TPM2B_PUBLIC of an ECC NIST P-256 EK (template L-2, null KDF) with the given 32-byte coordinates. */
export function marshalEccEkPublic(x: Uint8Array, y: Uint8Array): Uint8Array<ArrayBuffer> {
  requireLength('The x coordinate', x, 32);
  requireLength('The y coordinate', y, 32);
  return withSize(
    templateHead(TPM_ALG.ecc).u16(TPM_ECC_NIST_P256).u16(TPM_ALG.null).tpm2b(x).tpm2b(y).toBytes(),
  );
}
