/**
 * Masking of personal data (PIPL): phone `138****5678`, name `张**`, ID `110101********1234`.
 * `maskText` is the last line of defence for free text (transcripts, logs, replies).
 */

export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****';
}

export function maskIdCard(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  // Latin names: keep the first letter of the first word only.
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** Keeps province and city, hides the street part: `广东省深圳市****`. */
export function maskAddress(address: string): string {
  const m = /^(.*?(?:省|自治区|市))?(.*?(?:市|州|盟|地区))?/u.exec(address);
  const kept = `${m?.[1] ?? ''}${m?.[2] ?? ''}`;
  return `${kept}****`;
}

// An 18-character ID (17 digits + digit/X), not inside a longer number.
const ID18_RE = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
// Mainland mobile numbers, optionally with +86 and spaces/dashes in the usual 3-4-4 places.
const PHONE_RE = /(?<![0-9])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])/g;

/**
 * Masks ID numbers and mobile numbers anywhere in free text. Order numbers (15 digits starting
 * with 172) are left alone: they are not personal data and customers need to see them.
 */
export function maskText(text: string): string {
  return text
    .replace(ID18_RE, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(PHONE_RE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** True when the text still holds something that looks like an unmasked phone or 18-digit ID. */
export function containsPii(text: string): boolean {
  ID18_RE.lastIndex = 0;
  PHONE_RE.lastIndex = 0;
  const found = ID18_RE.test(text) || PHONE_RE.test(text);
  ID18_RE.lastIndex = 0;
  PHONE_RE.lastIndex = 0;
  return found;
}
