// Bytes as the TPM writes them: big-endian integers, TPM2B (u16 size + bytes), and a reader that says
// which field a short buffer ends in. Shared by the EK decoder (tpm.ts), the activation blob and the
// virtual TPM.
import { concatBytes } from './bytes';

export const u16 = (n: number) => Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
export const u32 = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
export const tpm2b = (data: Uint8Array) => concatBytes(u16(data.length), data);

/** Compares in constant time (for integrity checks). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Reads TPM structures field by field; `tooShort` makes the error for a buffer that ends in `field`. */
export class TpmReader {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly tooShort: (field: string) => Error,
  ) {}
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  take(length: number, field: string): Uint8Array<ArrayBuffer> {
    if (length > this.remaining) throw this.tooShort(field);
    const part = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }
  u16(field: string): number {
    const [high = 0, low = 0] = this.take(2, field);
    return (high << 8) | low;
  }
  u32(field: string): number {
    return this.u16(field) * 0x10000 + this.u16(field);
  }
  tpm2b(field: string): Uint8Array<ArrayBuffer> {
    return this.take(this.u16(`the size of ${field}`), field);
  }
}
