// ANSI escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ESC \`, and two-byte
// `ESC x`), then the C0 and C1 control characters but tab and newline.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A message without terminal escape codes or control characters (tab and newline kept),
 * so that text from a model or a remote server cannot recolour, retitle or rewrite the
 * terminal of whoever prints the error.
 */
export function stripTerminalCodes(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}
