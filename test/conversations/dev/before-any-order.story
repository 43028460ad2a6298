# Before any order number: which plans ship to X, I'm N, operator choices; and customers who start
# without a number (the bot asks for it).

## plans that ship to 新疆, then 移动, then the customer's age 66 — all kept
user: 新疆能发货的卡有哪些
expect: plans
expect: plans-ship-to 新疆
user: 要移动的
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 新疆
user: 我今年66了 能办吗
expect: plans
expect: plans-age 66
expect: plans-operator 移动
expect: plans-ship-to 新疆

## a 16-year-old, then 联通, then 云南 — all kept
user: 我十六岁 可以办卡吗
expect: plans
expect: plans-age 16
user: 联通的
expect: plans
expect: plans-operator 联通
expect: plans-age 16
user: 我在云南
expect: plans
expect: plans-age 16
expect: plans-operator 联通
expect: plans-ship-to 云南

## no number given: the bot asks for it, then the tail, then the EMS parcel
user: 我的卡咋还没到
expect: asks-order-no
user: 172202611100046
expect: asks-tail
user: 6498
bot: EMS
bot: 1189047265302

## a failed order without its number: asked for, then typed in groups
user: 订单失败了
expect: asks-order-no
user: 172 2026 1110 0019
expect: asks-tail
user: 3791
expect: reason ADDR_INVALID

## age 70: plans for 70, then 电信, then 新疆 — nothing fits all three
user: 我70岁了还能办卡不
expect: plans
expect: plans-age 70
user: 要电信的
expect: plans
expect: plans-operator 电信
expect: plans-age 70
user: 寄到新疆
expect: no-plans

## 联通 cards for 海南, then the cheapest — both kept
user: 海南能办联通卡吗
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 海南
user: 月租最低的是哪个
expect: plans-operator 联通
expect: plans-ship-to 海南
user: 它要首充吗
expect: plans-operator 联通
expect: plans-ship-to 海南

## English: plans for 西藏, then a 17-year-old son
locale: en
user: what plans can be shipped to Tibet?
expect: plans
expect: plans-ship-to 西藏
expect: lang en
user: its for my son, he is 17
expect: plans
expect: plans-age 17
expect: plans-ship-to 西藏
expect: lang en
user: which one has more data?
expect: plans-age 17
expect: plans-ship-to 西藏
expect: lang en

## a greeting, then an order with an empty remark
user: 你好
user: 帮我查个单
expect: asks-order-no
user: 172202611100041
expect: asks-tail
user: 5602
expect: reason SYSTEM_OR_UNKNOWN

## a father of 75: no plan accepts 75; the mother of 68 gets plans
user: 想给我爸办张卡 他75了
expect: no-plans
user: 那我妈呢 她68
expect: plans
expect: plans-age 68
user: 要广电的
expect: plans
expect: plans-operator 广电
expect: plans-age 68

## pinyin only: plans for 新疆, answered in Chinese
user: xinjiang neng ban na xie ka
expect: plans
expect: plans-ship-to 新疆
expect: lang zh-CN
user: dianxin de you ma
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 新疆
expect: lang zh-CN
user: yue zu duoshao
expect: plans-operator 电信
expect: plans-ship-to 新疆
expect: lang zh-CN

## "a person or a program?" before any order: no queue, then plans for 西藏
user: 你们这是人工还是自动回复啊
expect: no-handoff
user: 行 那我问问西藏能办什么卡
expect: plans
expect: plans-ship-to 西藏
user: 要移动的
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 西藏

## an order number with a typo'd tail first: nothing shown, then the right tail
user: 查单 172202611100027
expect: asks-tail
user: 5756
bot-not: 山西
bot-not: 广电福兔卡19元
user: 打错了 是5765
expect: reason DUPLICATE_ORDER
user: 我只想留一单
expect: no-id-request
