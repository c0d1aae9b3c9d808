// RFC 4648 base32 (Go's base32.StdEncoding), without padding: kube-proxy's chain names and
// kube-apiserver's identity are made of it.
import { sha256Hex } from './sha256.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** The base32 of `bytes`, padding left out. */
export function base32(bytes: readonly number[]): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const b of bytes) {
    buffer = (buffer << 8) | b
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/** The bytes of the SHA-256 of `text` (UTF-8). */
export function sha256Bytes(text: string): number[] {
  const hex = sha256Hex(text)
  const bytes: number[] = []
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16))
  return bytes
}
