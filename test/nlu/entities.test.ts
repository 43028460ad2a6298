import { describe, expect, it } from 'vitest';
import { extractEntities, isValidIdNumber, type Entity } from '../../bot/nlu/entities.js';
import { describeIdNumber } from '../../bot/nlu/id-number.js';
import { PlanMatcher } from '../../bot/nlu/plans.js';

/** Builds a valid ID number from its first 17 digits (GB 11643 check digit). */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** Every entity's span must cut exactly its surface out of the text. */
function spans(text: string, es: Entity[]) {
  return es.map((e) => ({ entity: e.entity, value: e.value, surface: text.slice(e.start, e.end) }));
}

const plans = new PlanMatcher([
  { id: 'P-UNI-29', name: '联通大王卡29元', operator: '联通', monthlyFee: 29 },
  { id: 'P-CMCC-STAR', name: '移动星卡19元', operator: '移动', monthlyFee: 19 },
  { id: 'P-CT-STAR', name: '电信星卡19元', operator: '电信', monthlyFee: 19 },
]);

describe('entities', () => {
  it('finds order number and phone tail inside a sentence, with exact spans', () => {
    const text = '你好，我的单号是172202611100014，电话后四位6599，为啥没办成';
    expect(spans(text, extractEntities(text))).toEqual([
      { entity: 'order_no', value: '172202611100014', surface: '172202611100014' },
      { entity: 'phone_tail', value: '6599', surface: '6599' },
    ]);
  });

  it('reads full-width digits without shifting spans', () => {
    const text = '订单１７２２０２６１１１０００１４';
    const [e] = extractEntities(text);
    expect(e).toMatchObject({ entity: 'order_no', value: '172202611100014' });
    expect(text.slice(e!.start, e!.end)).toBe('１７２２０２６１１１０００１４');
  });

  it('tells an ID number (valid check digit) from an order number, and derives age, sex and province', () => {
    const id = withCheckDigit('65010220080315123');
    expect(isValidIdNumber(id)).toBe(true);
    const text = `身份证${id}能办吗`;
    const es = extractEntities(text);
    expect(spans(text, es)).toEqual([{ entity: 'id_number', value: id, surface: id }]);
    expect(describeIdNumber(id, '2026-11-25')).toMatchObject({
      birthDate: '2008-03-15',
      age: 18,
      province: '新疆',
      sex: 'male',
    }); // 17th digit 3: odd
    expect(describeIdNumber(id, '2026-03-14')?.age).toBe(17); // the day before the birthday
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(isValidIdNumber(bad)).toBe(false);
    expect(extractEntities(bad).some((e) => e.entity === 'id_number')).toBe(false);
    expect(describeIdNumber(withCheckDigit('11010120990230123'))).toBeUndefined(); // 30 February
  });

  it('finds mainland phone numbers with separators and a +86 prefix', () => {
    const text = '联系电话 +86 138-1234-5678 或 13912345678';
    expect(spans(text, extractEntities(text)).map((s) => [s.entity, s.value])).toEqual([
      ['phone', '13812345678'],
      ['phone', '13912345678'],
    ]);
  });

  it('does not take years, prices or dates for a phone tail', () => {
    for (const text of ['2024年下的单', '充了1000元', '$4735 to my bill', '1000块']) {
      expect(
        extractEntities(text).filter((e) => e.entity === 'phone_tail'),
        text,
      ).toEqual([]);
    }
  });

  it('finds provinces and cities (leftmost-longest), in Chinese and English', () => {
    const text = '我在浙江西湖，收货地址是乌鲁木齐';
    expect(spans(text, extractEntities(text)).map((s) => `${s.entity}:${s.value}:${s.surface}`)).toEqual([
      'province:浙江:浙江',
      'city:乌鲁木齐:乌鲁木齐',
      'province:新疆:乌鲁木齐',
    ]);
    const en = 'I live in Urumqi, Xinjiang';
    expect(
      extractEntities(en)
        .filter((e) => e.entity === 'province')
        .map((e) => e.value),
    ).toEqual(['新疆', '新疆']);
    expect(extractEntities('hunanese food').filter((e) => e.entity === 'province')).toEqual([]);
  });

  it('reads digits written in Chinese, as voice input writes them, keeping the spans', () => {
    const text = '订单号码是一七二二零二四一二一五零零三二，电话一三八零五七一二六四三';
    expect(spans(text, extractEntities(text)).map((s) => `${s.entity}:${s.value}:${s.surface}`)).toEqual([
      'order_no:172202412150032:一七二二零二四一二一五零零三二',
      'phone:13805712643:一三八零五七一二六四三',
    ]);
    expect(extractEntities('后四位 幺三八零').map((e) => e.value)).toEqual(['1380']);
    // Fewer than four in a row are words, not digits.
    expect(extractEntities('三四个人一起办的')).toEqual([]);
  });

  it('knows every prefecture, and its province, by its official or short name', () => {
    const province = (text: string) =>
      extractEntities(text)
        .filter((e) => e.entity === 'province')
        .map((e) => e.value);
    expect(province('河南周口')).toEqual(['河南', '河南']);
    expect(province('寄到延边朝鲜族自治州')).toEqual(['吉林']);
    // 海南藏族自治州 is in Qinghai; 海南 alone is the province. A short name that is also a road or
    // an everyday word counts only in full.
    expect(province('海南藏族自治州')).toEqual(['青海']);
    expect(province('我在海南')).toEqual(['海南']);
    expect(province('住在中山路')).toEqual([]);
    expect(province('广东中山市')).toEqual(['广东', '广东']);
  });

  it('finds operators by Chinese and English names, and hotlines only on their own', () => {
    const text = '我想换成中国电信或者China Unicom';
    expect(spans(text, extractEntities(text)).map((s) => `${s.value}:${s.surface}`)).toEqual([
      '电信:中国电信',
      '联通:China Unicom',
    ]);
    expect(extractEntities('打10086问过了').map((e) => e.value)).toEqual(['移动']);
    expect(extractEntities('订单1721008612345678').filter((e) => e.entity === 'operator')).toEqual([]);
  });

  it('finds ages in words and digits', () => {
    for (const [text, age] of [
      ['我今年17岁', '17'],
      ['我十七岁了', '17'],
      ["I'm 62 years old", '62'],
      ['满16周岁', '16'],
      ["she's 15", '15'],
      ['my mum is 65', '65'],
      ['he is 70 this year', '70'],
      ['今年刚刚18', '18'],
      ['今年啱啱18', '18'],
      ["my son's 14", '14'],
      ['我19', '19'],
      ['我妈58了', '58'],
    ] as const) {
      const e = extractEntities(text).find((x) => x.entity === 'age');
      expect(e?.value, text).toBe(age);
      expect(text.slice(e!.start, e!.end)).toMatch(/^\d+$|^[一二三四五六七八九十]+$/);
    }
    // Not an age: a time, a price.
    for (const text of [
      "he's 5 minutes away",
      'my mum is 30 yuan short',
      "my daughter's 2nd order",
      '我18号下的单',
      '我2张卡',
    ])
      expect(
        extractEntities(text).filter((e) => e.entity === 'age'),
        text,
      ).toEqual([]);
  });

  it('finds plan names exactly, without operator or price, and with one wrong character', () => {
    const cases: Array<[string, string, string]> = [
      ['联通大王卡29元办不了', 'P-UNI-29', '联通大王卡29元'],
      ['大王卡还能办吗', 'P-UNI-29', '大王卡'],
      ['大黄卡还能办吗', 'P-UNI-29', '大黄卡'],
      ['电信的星卡呢', 'P-CT-STAR', '星卡'],
    ];
    for (const [text, id, surface] of cases) {
      const e = extractEntities(text, { plans }).find((x) => x.entity === 'plan');
      expect(e?.value, text).toBe(id);
      expect(text.slice(e!.start, e!.end)).toBe(surface);
    }
  });
});
