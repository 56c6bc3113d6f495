// Char-code predicates shared by the scanner and the masks; plain functions inline well in V8.

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isLetter = (c: number): boolean => isUpper(c) || isLower(c);
export const isHexLetter = (c: number): boolean => (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
/** Whitespace separates tokens: space and every control character (tab, CR, LF, ...). */
export const isSpace = (c: number): boolean => c <= 32;

/**
 * Delimiters inside a token that separate a value from its key or its brackets
 * (`uid=0`, `[1]`, `host:port`, `a,b`). A value between two of them is judged on its own.
 */
export function isFieldDelimiter(c: number): boolean {
  switch (c) {
    case 44: // ,
    case 33: // !
    case 59: // ;
    case 58: // :
    case 61: // =
    case 124: // |
    case 34: // "
    case 39: // '
    case 91: // [
    case 93: // ]
    case 40: // (
    case 41: // )
    case 123: // {
    case 125: // }
    case 60: // <
    case 62: // >
      return true;
    default:
      return false;
  }
}

/** Separators inside a field that are kept as constants between variables (`host/ip`, `a@b`, `#3`). */
export function isInnerDelimiter(c: number): boolean {
  return c === 47 /* / */ || c === 64 /* @ */ || c === 35 /* # */ || c === 36 /* $ */;
}
