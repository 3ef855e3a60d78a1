// ANSI escape sequences: CSI (`ESC [` or the 8-bit `\u009b`, parameters, a final byte),
// OSC (`ESC ]` or `\u009d`, up to BEL or `ESC \`), and any other `ESC x` or lone ESC.
/* eslint-disable no-control-regex -- matching control characters is the point */
const ESCAPES =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;
/* eslint-enable no-control-regex */

/**
 * A message without ANSI escape codes, so that text from a model or a remote server
 * cannot recolour, retitle or rewrite the terminal of whoever prints the error. Other
 * characters, control characters included, are kept as they were.
 */
export function stripTerminalCodes(text: string): string {
  return text.replace(ESCAPES, '');
}
