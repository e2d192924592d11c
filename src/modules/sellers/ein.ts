/**
 * Employer Identification Numbers (EIN), written NN-NNNNNNN.
 *
 * The two-digit prefix names the IRS campus (or channel) that assigned the number; a prefix
 * outside this list has never been issued, so an EIN carrying it is a typo or a fabrication.
 * Source: IRS, "How EINs are assigned and valid EIN prefixes"
 * (https://www.irs.gov/businesses/small-businesses-self-employed/how-eins-are-assigned-and-valid-ein-prefixes):
 *   Andover 10, 12 · Atlanta 60, 67 · Austin 50, 53 ·
 *   Brookhaven 01–06, 11, 13, 14, 16, 21–23, 25, 34, 51, 52, 54–59, 65 ·
 *   Cincinnati 30, 32, 35–38, 61 · Fresno 15, 24 · Kansas City 40, 44 · Memphis 94, 95 ·
 *   Ogden 80, 90 · Philadelphia 33, 39, 41–43, 45–48, 62–64, 66, 68, 71–77, 81–88, 91–93, 98, 99 ·
 *   Internet 20, 26, 27, 45–47, 81–88 · Small Business Administration 31.
 * Never assigned: 00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97.
 */
// biome-ignore format: a reference table, grouped by campus as the IRS lists it
export const VALID_EIN_PREFIXES: ReadonlySet<string> = new Set([
  // Andover, Atlanta, Austin
  '10', '12', '60', '67', '50', '53',
  // Brookhaven
  '01', '02', '03', '04', '05', '06', '11', '13', '14', '16', '21', '22', '23', '25', '34', '51', '52', '54',
  '55', '56', '57', '58', '59', '65',
  // Cincinnati, Fresno, Kansas City, Memphis, Ogden
  '30', '32', '35', '36', '37', '38', '61', '15', '24', '40', '44', '94', '95', '80', '90',
  // Philadelphia
  '33', '39', '41', '42', '43', '45', '46', '47', '48', '62', '63', '64', '66', '68', '71', '72', '73', '74',
  '75', '76', '77', '81', '82', '83', '84', '85', '86', '87', '88', '91', '92', '93', '98', '99',
  // Internet (beyond those shared with Philadelphia), Small Business Administration
  '20', '26', '27', '31',
]);

export const EIN_FORMAT = /^[0-9]{2}-[0-9]{7}$/;

export type EinProblem = 'format' | 'prefix';

/** Why an EIN is unacceptable, or null when it is well-formed with an assigned prefix. */
export function einProblem(ein: string): EinProblem | null {
  if (!EIN_FORMAT.test(ein)) return 'format';
  if (!VALID_EIN_PREFIXES.has(ein.slice(0, 2))) return 'prefix';
  return null;
}

/** The public form: only the last four digits stay, `**-***4567`. */
export function maskEin(ein: string): string {
  return `**-***${ein.slice(-4)}`;
}
