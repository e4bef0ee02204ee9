/** Text from untrusted bytes, cut to a size without splitting a UTF-8 character. */

/** The first `maxBytes` bytes of `bytes` as text, stepping back over a character cut in half. */
export function utf8Prefix(bytes: Buffer, maxBytes: number): string {
  if (bytes.length <= maxBytes) return bytes.toString("utf8");
  let end = Math.max(0, maxBytes);
  // UTF-8 continuation bytes are 10xxxxxx; a character is at most 4 bytes long.
  for (let steps = 0; end > 0 && steps < 3 && (bytes[end]! & 0xc0) === 0x80; steps++) end--;
  return bytes.subarray(0, end).toString("utf8");
}
