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

  it('leaves short numbers and phone tails alone', () => {
    expect(maskText('后四位5678，29元套餐')).toBe('后四位5678，29元套餐');
  });
});
