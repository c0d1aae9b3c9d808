// SHA-512 (FIPS 180-4) over a string's UTF-8 bytes, in plain TypeScript with BigInt (src/cluster is
// pure and cannot reach node:crypto). The CNI plugins name their iptables chains with it
// (utils.MustFormatHashWithPrefix: `CNI-DN-` + the hex of sha512(network name + container ID)).
// The constants are computed as the standard defines them: the first 64 bits of the fractional
// parts of the square roots of the first 8 primes (H) and the cube roots of the first 80 (K).

const MASK = (1n << 64n) - 1n

function primes(n: number): bigint[] {
  const out: bigint[] = []
  for (let k = 2; out.length < n; k++) if (out.every((p) => k % Number(p) !== 0)) out.push(BigInt(k))
  return out
}

/** floor(x^(1/e)) for a BigInt x, by Newton's method. */
function iroot(x: bigint, e: bigint): bigint {
  let r = 1n << (BigInt(x.toString(2).length) / e + 1n)
  for (;;) {
    const next = ((e - 1n) * r + x / r ** (e - 1n)) / e
    if (next >= r) return r
    r = next
  }
}

const H0 = primes(8).map((p) => iroot(p << 128n, 2n) & MASK)
const K = primes(80).map((p) => iroot(p << 192n, 3n) & MASK)

const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK

export function sha512Hex(text: string): string {
  const bytes = new TextEncoder().encode(text)
  const bitLength = BigInt(bytes.length) * 8n
  const padded = new Uint8Array(Math.ceil((bytes.length + 17) / 128) * 128)
  padded.set(bytes)
  padded[bytes.length] = 0x80
  for (let i = 0; i < 16; i++) padded[padded.length - 1 - i] = Number((bitLength >> BigInt(8 * i)) & 0xffn)
  const h = [...H0]
  const w = new Array<bigint>(80)
  for (let off = 0; off < padded.length; off += 128) {
    for (let t = 0; t < 16; t++) {
      let v = 0n
      for (let b = 0; b < 8; b++) v = (v << 8n) | BigInt(padded[off + t * 8 + b])
      w[t] = v
    }
    for (let t = 16; t < 80; t++) {
      const s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n)
      const s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n)
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & MASK
    }
    let [a, b, c, d, e, f, g, hh] = h
    for (let t = 0; t < 80; t++) {
      const t1 = (hh + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & MASK & g)) + K[t] + w[t]) & MASK
      const t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & MASK
      hh = g; g = f; f = e; e = (d + t1) & MASK; d = c; c = b; b = a; a = (t1 + t2) & MASK
    }
    const next = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = (h[i] + next[i]) & MASK
  }
  return h.map((x) => x.toString(16).padStart(16, '0')).join('')
}
