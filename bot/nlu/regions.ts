/**
 * Mainland provinces (with their GB/T 2260 two-digit codes, the first two digits of an ID number)
 * and a few big cities, in the short form the plan catalogue uses (`excludedProvinces: ["新疆", …]`).
 */

export interface Province {
  /** GB/T 2260 code: the first two digits of an ID number. */
  code: string;
  /** Short name, the canonical value of a `province` entity (新疆, 广东, 北京). */
  name: string;
  /** Other ways to write it in Chinese (full official name, abbreviations). */
  zh: string[];
  /** Lower-case English / pinyin names. */
  en: string[];
}

const p = (code: string, name: string, zh: string[], en: string[]): Province => ({ code, name, zh, en });

export const PROVINCES: readonly Province[] = [
  p('11', '北京', ['北京市'], ['beijing', 'peking']),
  p('12', '天津', ['天津市'], ['tianjin']),
  p('13', '河北', ['河北省'], ['hebei']),
  p('14', '山西', ['山西省'], ['shanxi']),
  p('15', '内蒙古', ['内蒙古自治区', '内蒙'], ['inner mongolia', 'neimenggu', 'nei mongol']),
  p('21', '辽宁', ['辽宁省'], ['liaoning']),
  p('22', '吉林', ['吉林省'], ['jilin']),
  p('23', '黑龙江', ['黑龙江省'], ['heilongjiang']),
  p('31', '上海', ['上海市'], ['shanghai']),
  p('32', '江苏', ['江苏省'], ['jiangsu']),
  p('33', '浙江', ['浙江省'], ['zhejiang']),
  p('34', '安徽', ['安徽省'], ['anhui']),
  p('35', '福建', ['福建省'], ['fujian']),
  p('36', '江西', ['江西省'], ['jiangxi']),
  p('37', '山东', ['山东省'], ['shandong']),
  p('41', '河南', ['河南省'], ['henan']),
  p('42', '湖北', ['湖北省'], ['hubei']),
  p('43', '湖南', ['湖南省'], ['hunan']),
  p('44', '广东', ['广东省'], ['guangdong', 'canton']),
  p('45', '广西', ['广西壮族自治区', '广西自治区'], ['guangxi']),
  p('46', '海南', ['海南省'], ['hainan']),
  p('50', '重庆', ['重庆市'], ['chongqing']),
  p('51', '四川', ['四川省'], ['sichuan']),
  p('52', '贵州', ['贵州省'], ['guizhou']),
  p('53', '云南', ['云南省'], ['yunnan']),
  p('54', '西藏', ['西藏自治区'], ['tibet', 'xizang']),
  p('61', '陕西', ['陕西省'], ['shaanxi']),
  p('62', '甘肃', ['甘肃省'], ['gansu']),
  p('63', '青海', ['青海省'], ['qinghai']),
  p('64', '宁夏', ['宁夏回族自治区', '宁夏自治区'], ['ningxia']),
  p('65', '新疆', ['新疆维吾尔自治区', '新疆自治区'], ['xinjiang']),
  p('71', '台湾', ['台湾省'], ['taiwan']),
  p('81', '香港', ['香港特别行政区'], ['hong kong', 'hongkong']),
  p('82', '澳门', ['澳门特别行政区'], ['macau', 'macao']),
];

/** Big cities and the province they belong to: [city, province short name, English names…]. */
export const CITIES: ReadonlyArray<readonly [string, string, ...string[]]> = [
  ['乌鲁木齐', '新疆', 'urumqi'],
  ['喀什', '新疆', 'kashgar'],
  ['伊犁', '新疆'],
  ['拉萨', '西藏', 'lhasa'],
  ['昆明', '云南', 'kunming'],
  ['大理', '云南', 'dali'],
  ['丽江', '云南', 'lijiang'],
  ['海口', '海南', 'haikou'],
  ['三亚', '海南', 'sanya'],
  ['广州', '广东', 'guangzhou'],
  ['深圳', '广东', 'shenzhen'],
  ['东莞', '广东', 'dongguan'],
  ['佛山', '广东', 'foshan'],
  ['杭州', '浙江', 'hangzhou'],
  ['宁波', '浙江', 'ningbo'],
  ['温州', '浙江', 'wenzhou'],
  ['南京', '江苏', 'nanjing'],
  ['苏州', '江苏', 'suzhou'],
  ['无锡', '江苏', 'wuxi'],
  ['成都', '四川', 'chengdu'],
  ['武汉', '湖北', 'wuhan'],
  ['长沙', '湖南', 'changsha'],
  ['郑州', '河南', 'zhengzhou'],
  ['西安', '陕西', "xi'an", 'xian'],
  ['济南', '山东', 'jinan'],
  ['青岛', '山东', 'qingdao'],
  ['福州', '福建', 'fuzhou'],
  ['厦门', '福建', 'xiamen'],
  ['合肥', '安徽', 'hefei'],
  ['南昌', '江西', 'nanchang'],
  ['石家庄', '河北', 'shijiazhuang'],
  ['太原', '山西', 'taiyuan'],
  ['呼和浩特', '内蒙古', 'hohhot'],
  ['沈阳', '辽宁', 'shenyang'],
  ['大连', '辽宁', 'dalian'],
  ['长春', '吉林', 'changchun'],
  ['哈尔滨', '黑龙江', 'harbin'],
  ['南宁', '广西', 'nanning'],
  ['桂林', '广西', 'guilin'],
  ['贵阳', '贵州', 'guiyang'],
  ['兰州', '甘肃', 'lanzhou'],
  ['西宁', '青海', 'xining'],
  ['银川', '宁夏', 'yinchuan'],
];

const BY_CODE = new Map(PROVINCES.map((x) => [x.code, x]));

/** The province of a GB/T 2260 region code (its first two digits), if any. */
export function provinceByCode(regionCode: string): Province | undefined {
  return BY_CODE.get(regionCode.slice(0, 2));
}

/** The province a name stands for: its short name, another Chinese form (新疆维吾尔自治区) or its English name. */
export function provinceByName(name: string): Province | undefined {
  const t = name.trim();
  const en = t.toLowerCase();
  return PROVINCES.find((p) => p.name === t || p.zh.includes(t) || p.en.includes(en));
}
