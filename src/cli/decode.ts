/** Turning file bytes into analysable text. */

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decode UTF-8 bytes leniently: a leading BOM is dropped and invalid sequences become U+FFFD,
 * so reading never fails on odd input. Line endings are kept as they are (`\r\n` works because
 * lines end at `\n`, and offsets stay true to the file).
 */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
