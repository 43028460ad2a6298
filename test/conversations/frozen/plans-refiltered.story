## Xinjiang block: other cards, then Telecom, then a budget
user: 172202611100014 6599
expect: reason AREA_FORBIDDEN
user: 还有啥卡能办
expect: plans
expect: plans-ship-to 新疆
user: 电信的呢
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 新疆
bot: 电信天翼卡49元
user: 太贵了 三十块以内的有没有
expect: plans-ship-to 新疆
expect: no-id-request

## ID quota: another operator, a move to Tibet, the cheapest
user: 172202611100006 6710
expect: reason ID_QUOTA_EXCEEDED
user: 别的运营商能办吗
expect: plans
expect: plans-not-operator 移动
user: 下个月我调去西藏上班 寄西藏的有吗
expect: plans
expect: plans-not-operator 移动
expect: plans-ship-to 西藏
user: 最便宜的是哪个
expect: plans-not-operator 移动
expect: plans-ship-to 西藏
bot: 广电福兔卡19元

## Hainan block: moving back to Hunan, then at least 100 GB
user: 172202611100017 4488
expect: reason AREA_FORBIDDEN
user: 我下周就回湖南老家了 寄湖南的话有哪些
expect: plans
expect: plans-ship-to 湖南
user: 要流量100G以上的
expect: plans
expect: plans-ship-to 湖南
bot-not: 移动花卡19元
bot-not: 移动星卡29元
bot-not: 电信星卡19元
bot-not: 广电福兔卡19元

## before any order: seventeen, in Tibet, no Telecom
user: 十七岁能在你们这办哪些卡
expect: plans
expect: plans-age 17
user: 人在西藏日喀则
expect: plans
expect: plans-age 17
expect: plans-ship-to 西藏
user: 电信的不要
expect: plans
expect: plans-age 17
expect: plans-ship-to 西藏
expect: plans-not-operator 电信
bot: 广电福兔卡19元

## out of stock: more data, Unicom, under 40 a month
user: 172202611100039 0089
expect: reason OUT_OF_STOCK
user: 有没有流量再多点的
expect: plans
bot-not: 移动花卡19元
user: 联通的有吗
expect: plans
expect: plans-operator 联通
user: 月租40以内的
expect: plans
expect: plans-operator 联通
bot-not: 联通畅享卡59元

## risk control on Unicom: other operators, Xinjiang, Broadnet only
user: 172202611100011 5373
expect: reason RISK_CONTROL
user: 别家的卡推荐一个
expect: plans
expect: plans-not-operator 联通
user: 寄新疆哈密 我老家在那
expect: plans
expect: plans-not-operator 联通
expect: plans-ship-to 新疆
user: 只看广电
expect: plans
expect: plans-operator 广电
expect: plans-ship-to 新疆
bot: 广电福兔卡19元

## 65: Unicom, then delivery to Hainan
user: 172202611100003 4475
expect: reason AGE_RESTRICTED
user: 联通的我能办吗
expect: plans
expect: plans-operator 联通
expect: plans-age 65
user: 我冬天住海南 卡要寄到海南三亚
expect: plans
expect: plans-operator 联通
expect: plans-age 65
expect: plans-ship-to 海南
bot: 联通畅享卡59元
user: 那它首充要多少
expect: max-chars 200
bot: 50

## English: risk control on China Mobile, another carrier, Telecom in Yunnan
locale: en
user: can you check order 172202611100010
expect: lang en
expect: asks-tail
user: 3883
expect: lang en
expect: reason RISK_CONTROL
user: any other carrier I could go with?
expect: lang en
expect: plans
expect: plans-not-operator 移动
user: telecom only, and im moving to Yunnan next month
expect: lang en
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 云南
user: how much data on the cheaper one
expect: lang en
expect: max-chars 400
bot: 100

## China Mobile restricted user: not China Mobile, a 20-yuan budget
user: 172202611100012 6002
expect: reason BLACKLIST_ARREARS
user: 推荐个不是移动的
expect: plans
expect: plans-not-operator 移动
user: 预算就20块一个月
expect: plans
expect: plans-not-operator 移动
bot-not: 联通畅享卡59元
bot-not: 电信天翼卡49元
user: 这几张都不用首充吧
expect: max-chars 240
expect: plans-not-operator 移动
