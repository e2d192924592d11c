/**
 * The 18-character PRC resident identity number (GB 11643-1999): 6-digit region code, 8-digit
 * birth date (YYYYMMDD), 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by (weighted sum mod 11). */
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;
const SHAPE = /^[1-9]\d{16}[\dX]$/;
const MIN_BIRTH_YEAR = 1900;

/** The check character for the first 17 digits. */
export function prcIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('the check character is computed over exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < MIN_BIRTH_YEAR || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 1900-02-29 over to 03-01: a round trip that changes the month means no such day.
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= today.getTime();
}

/**
 * True for a well-formed 18-character number in canonical form (upper-case X) whose birth date
 * exists and is not in the future, and whose check character matches.
 *
 * @example isValidPrcIdNumber('11010519491231002X') // true
 */
export function isValidPrcIdNumber(idNumber: string, today: Date = new Date()): boolean {
  if (!SHAPE.test(idNumber)) return false;
  if (!isValidBirthDate(idNumber.slice(6, 14), today)) return false;
  return prcIdCheckChar(idNumber.slice(0, 17)) === idNumber[17];
}

/** '1101**********002X': the region prefix and the last four, nothing in between. */
export const maskPrcIdNumber = (first4: string, last4: string): string =>
  `${first4}${'*'.repeat(10)}${last4}`;
