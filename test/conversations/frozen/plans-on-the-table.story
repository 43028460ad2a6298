## Xinjiang: the China Mobile plan offered, its fee, first top-up and data
user: 172202611100014 6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 移动有能寄新疆的吗
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 新疆
bot: 移动畅游卡49元
user: 这张每月多少 首充要多少
expect: max-chars 240
bot: 49
bot: 50
user: 流量给几个G
expect: max-chars 200
bot: 135

## Tibet: the Unicom plan offered, its first top-up and age range
user: 订单号172202611100015 尾号8788
expect: reason AREA_FORBIDDEN
bot: 西藏
user: 联通的卡能寄拉萨吗
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 西藏
bot: 联通畅享卡59元
user: 这个要不要首充
expect: max-chars 220
bot: 50
user: 它多大年纪以内能办 我爸也想办一张
expect: max-chars 220
bot: 65

## 63: Broadnet plans, which one needs no first top-up, its data
user: 172202611100005
expect: asks-tail
user: 6511
expect: reason AGE_RESTRICTED
bot: 63
user: 广电的行不行
expect: plans
expect: plans-operator 广电
expect: plans-age 63
user: 哪张不用首充
expect: max-chars 220
bot: 广电福兔卡19元
user: 那张流量有多少
expect: max-chars 200
bot: 50

## English: Hainan order, China Mobile plans, the 29 one's top-up and data
locale: en
user: hi, order 172202611100017, phone ends in 4488. why did it fail?
expect: lang en
expect: reason AREA_FORBIDDEN
user: any China Mobile plans that can ship to me?
expect: lang en
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 海南
user: the 29 yuan one, whats the first top up?
expect: lang en
expect: max-chars 400
bot: 30
user: and how many GB does it have
expect: lang en
expect: max-chars 300
bot: 80

## out of stock: Broadnet plans, the 29 plan's data and top-up
user: 我的172202611100038显示号池已空
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 有广电的卡吗
expect: plans
expect: plans-operator 广电
user: 29那张多少流量
expect: max-chars 200
bot: 120
user: 首充呢
expect: max-chars 200
bot: 30

## Yunnan: Telecom plans, their top-up, the 29 plan's price change
user: 172202611100016 7887
expect: reason AREA_FORBIDDEN
bot: 云南
user: 电信有能寄云南的卡吗
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 云南
user: 这几张首充都要多少
expect: max-chars 240
bot: 50
user: 29的那张 我记得以前是19一个月？啥时候改的
expect: max-chars 240
bot: 2026-09-01

## withdrawn Unicom plan: Unicom plans on sale, the Big King card's fee
user: 172202611100023 7981
expect: reason PLAN_UNAVAILABLE
bot: 2026-11-05
user: 联通现在还有啥在卖的
expect: plans
expect: plans-operator 联通
user: 大王卡一个月多少钱
expect: max-chars 220
bot: 29
user: 它能寄河北吧
expect: max-chars 200
expect: no-handoff

## 竞合 withdrawal: what the word means, Telecom plans, the Tianyi card's allowance
user: 172202611100026
expect: asks-tail
user: 4303
expect: reason PLAN_UNAVAILABLE
bot: 2026-11-10
user: 竞合这俩字啥意思
expect: max-chars 240
user: 电信现在还能办哪些
expect: plans
expect: plans-operator 电信
user: 天翼卡那张 多少流量 送多少分钟通话
expect: max-chars 220
bot: 180
bot: 300

## before any order, 17: a Telecom card, whether it ships to Xinjiang, what does
user: 十七岁 电信有卡能办不
expect: plans
expect: plans-operator 电信
expect: plans-age 17
bot: 电信长期卡29元
user: 这张能寄新疆吗 我在喀什
expect: max-chars 260
expect: plans-age 17
expect: plans-ship-to 新疆
bot: 新疆
user: 那新疆能办的 十七岁的 有哪张
expect: plans
expect: plans-age 17
expect: plans-ship-to 新疆
bot: 广电福兔卡19元
