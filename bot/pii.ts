/**
 * Masking of personal data (PIPL): phone `138****5678`, name `张**`, ID `110101********1234`.
 * `maskText` is the one masking pass for free text: everything the bot stores, logs or shows goes
 * through it (transcripts, replies, agent messages and notes, tickets, the platform's remarks and
 * pushes, every log line). bot/pii-numbers.ts finds the numbers, however they are written.
 */
import { findPiiNumbers } from './pii-numbers.js';

/** `138****5678`; any way of writing the number (+86, groups, full-width) gives the same. */
export function maskPhone(phone: string): string {
  const found = findPiiNumbers(phone).find((n) => n.kind === 'phone');
  const d = found?.value ?? phone.replace(/\D/g, '');
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

/** Personal data known to be about the text's subject (an order's name and address), masked wherever it appears. */
export interface KnownPersonalData {
  name?: string | null;
  address?: string | null;
}

/**
 * Masks mobile numbers and ID numbers (18 and 15 digits) anywhere in free text, written in any of
 * the ways customers and platforms write them, and the `known` name and address where they appear
 * as such (names and streets have no shape to find them by). Order numbers (172 and 12 digits) are
 * left alone: they are not personal data and customers need to see them.
 */
export function maskText(text: string, known: KnownPersonalData = {}): string {
  const address = known.address?.trim();
  if (address) text = text.replaceAll(address, maskAddress(address));
  const name = known.name?.trim();
  if (name && [...name].length >= 2) text = text.replaceAll(name, maskName(name));
  // Again until nothing is left: the digits a mask keeps can join the digits after it into a new
  // number (an ID's last 4 and the Chinese digits glued to them), which must not survive either.
  for (let out = text, found = findPiiNumbers(out); ; found = findPiiNumbers(out)) {
    if (!found.length) return out;
    let next = '';
    let at = 0;
    for (const n of found) {
      next += out.slice(at, n.start) + (n.kind === 'phone' ? maskPhone(n.value) : maskIdCard(n.value));
      at = n.end;
    }
    out = next + out.slice(at);
  }
}

/** True when the text still holds a phone or ID number that maskText would mask. */
export function containsPii(text: string): boolean {
  return findPiiNumbers(text).length > 0;
}
