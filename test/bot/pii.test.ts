import { describe, expect, it } from 'vitest';
import { containsPii, maskAddress, maskIdCard, maskName, maskPhone, maskText } from '../../bot/pii.js';

describe('masking', () => {
  it('follows the conventions of DOMAIN.md', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdCard('110101199001011234')).toBe('110101********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskAddress('广东省深圳市南山区科技园路1号')).toBe('广东省深圳市****');
  });

  it('masks phones and ID numbers inside free text but keeps order numbers', () => {
    const text = '我手机13812345678，身份证11010119900101123X，订单172202611100001';
    const masked = maskText(text);
    expect(masked).toBe('我手机138****5678，身份证110101********123X，订单172202611100001');
    expect(containsPii(text)).toBe(true);
    expect(containsPii(masked)).toBe(false);
  });

  it('masks +86 and spaced phone numbers', () => {
    expect(maskText('call +86 138 1234 5678 now')).toBe('call 138****5678 now');
    expect(maskText('138-1234-5678')).toBe('138****5678');
  });

  // The formats an attack-and-crash test found stored and shown unmasked (issue 22, finding 7).
  it.each([
    ['full-width digits', '电话１３８１２３４５６７８', '电话138****5678'],
    ['Chinese digits, as dictated', '我的手机是一三八幺二三四五六七八', '我的手机是138****5678'],
    ['dots', '138.1234.5678', '138****5678'],
    ['every digit spaced', '1 3 8 1 2 3 4 5 6 7 8', '138****5678'],
    ['a zero-width space inside', '138\u200b1234\u200b5678', '138****5678'],
    ['ID in 6-8-4 groups', '440305 19920418 5539', '440305********5539'],
    ['ID in 6-4-4-4 groups', '440305-1992-0418-5539', '440305********5539'],
    ['15-digit ID', '身份证440305920418553', '身份证440305*****8553'],
    ['ID after a Latin label', 'ID440305199204185539', 'ID440305********5539'],
    ['ID with a lower-case x', '11010119900101123x', '110101********123X'],
    ['phone in a remark', '地址不详，联系13912345678', '地址不详，联系139****5678'],
  ])('masks %s', (_what, text, masked) => {
    expect(maskText(text)).toBe(masked);
    expect(containsPii(text)).toBe(true);
    expect(containsPii(masked)).toBe(false);
  });

  it.each([
    ['a phone tail and a price', '后四位5678，29元套餐'],
    ['an order number', '订单172202611100001'],
    ['an order number in groups', '单号172 2026 1110 0043'],
    ['an order number in dashed groups, then the tail', '172-2026-1110-0043 后四位9832'],
    ['a date and a time', '2026-11-30 10:00'],
    ['an IPv4 address', 'from 139.224.12.345'],
    ['a courier number', '顺丰 SF1234567890123'],
    ['18 digits that are no ID (no such province)', '订单991720261111000100'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskText(text)).toBe(text);
  });

  it('masks the phone after an order number in the same run of groups', () => {
    expect(maskText('172 2026 1110 0043 13812345678')).toBe('172 2026 1110 0043 138****5678');
  });

  it('masks the issued number however the platform writes it', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
  });
});
