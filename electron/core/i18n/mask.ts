/** Masking of sensitive numbers before they reach a message, a log or the screen. */

const MASK = '******';

/**
 * A card number as `622202******1234`: first 6 and last 4, the most PCI DSS allows to show, for anything
 * card-length (13+ characters). Shorter strings keep at least half hidden: 8-12 characters show the last
 * 4 only, anything shorter shows nothing.
 */
export function maskPan(pan: string): string {
  if (pan.length >= 13) return pan.slice(0, 6) + MASK + pan.slice(-4);
  if (pan.length >= 8) return MASK + pan.slice(-4);
  return MASK;
}

/**
 * A resident ID number as `110105********002X`: the region code and the last 4 stay, the birth date and
 * sequence are starred one for one, so the masked value keeps the ID's familiar 18-character shape.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 13) return maskPan(idNumber);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}
