# Offers re-filtered on what the customer states (a new province, an age, an operator, cheaper,
# more data) and still respecting it on the next question.

## 海南 block, the customer moves to 广东: offers ship to 广东 and keep doing so
user: 172202611100017
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
bot: 海南
user: 我下个月就调回广东了 寄广东的话能办啥
expect: plans
expect: plans-ship-to 广东
user: 有便宜点的没
expect: plans
expect: plans-ship-to 广东

## 新疆 block (number and tail in one message), the customer works in 西藏, then more data
user: 172202611100014 尾号6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 其实我在西藏上班 寄西藏行不
expect: plans
expect: plans-ship-to 西藏
user: 要流量大的
expect: plans
expect: plans-ship-to 西藏

## 西藏 block: only 电信, then the cheapest — still 电信 and still 西藏
user: 172202611100015
expect: asks-tail
user: 8788
expect: reason AREA_FORBIDDEN
bot: 西藏
user: 电信家的有没有
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 西藏
user: 哪个最便宜
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 西藏

## 65-year-old in 北京: more data, then only 移动 — age kept
user: 172202611100003
expect: asks-tail
user: 4475
expect: reason AGE_RESTRICTED
user: 我流量用得多 想要流量大点的
expect: plans
expect: plans-age 65
user: 只要移动的
expect: plans
expect: plans-operator 移动
expect: plans-age 65

## before any order: a 16-year-old, then 西藏, then 电信 — each constraint kept
user: 我弟今年16 能办啥卡
expect: plans
expect: plans-age 16
user: 他在西藏读书
expect: plans
expect: plans-age 16
expect: plans-ship-to 西藏
user: 要电信的
expect: plans
expect: plans-operator 电信
expect: plans-age 16
expect: plans-ship-to 西藏

## risk control on 移动, the customer moves to 新疆: another operator that ships there
user: 172202611100010
expect: asks-tail
user: 3883
expect: reason RISK_CONTROL
user: 我下礼拜就去新疆工作了 换家能寄新疆的
expect: plans
expect: plans-ship-to 新疆
expect: plans-not-operator 移动
user: 挑个便宜点的
expect: plans-ship-to 新疆
expect: plans-not-operator 移动

## ID quota on 移动: 广电 instead, then a plan for the customer's 68-year-old mother
user: 172202611100006
expect: asks-tail
user: 6710
expect: reason ID_QUOTA_EXCEEDED
user: 广电的卡有吗
expect: plans
expect: plans-operator 广电
expect: plans-ship-to 江苏
user: 顺便问下我妈68了 她能办哪个
expect: plans
expect: plans-age 68

## 云南 block: 电信 only, then more data — still 电信, still 云南
user: 172202611100016
expect: asks-tail
user: 7887
expect: reason AREA_FORBIDDEN
user: 我就想要电信的
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 云南
user: 流量再多一点的呢
expect: plans-operator 电信
expect: plans-ship-to 云南

## out of stock in 浙江; the customer wants it sent to 海南, then 联通 only
user: 172202611100039
expect: asks-tail
user: 0089
expect: reason OUT_OF_STOCK
user: 我人现在在海南 要寄海南的
expect: plans
expect: plans-ship-to 海南
user: 联通的有哪些
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 海南

## age 63 on a 16–60 plan: 电信 for 63, then the cheapest — age and operator kept
user: 172202611100005
expect: asks-tail
user: 6511
expect: reason AGE_RESTRICTED
bot: 63
user: 电信有适合我这个岁数的吗
expect: plans
expect: plans-operator 电信
expect: plans-age 63
user: 最便宜的是哪个
expect: plans-operator 电信
expect: plans-age 63

## arrears with 电信: 联通 plans, then the customer moves to 云南 — still 联通
user: 172202611100013
expect: asks-tail
user: 0022
expect: reason BLACKLIST_ARREARS
user: 看看联通的
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 重庆
user: 对了我下周调到云南了 寄云南
expect: plans
expect: plans-ship-to 云南
expect: plans-operator 联通

## before any order, in English: 17 in 新疆, then China Telecom (nothing fits), then Broadnet
locale: en
user: hey im 17 and I live in Xinjiang, which card can I get?
expect: plans
expect: plans-age 17
expect: plans-ship-to 新疆
expect: lang en
user: anything from China Telecom?
expect: no-plans
expect: lang en
user: ok and China Broadnet?
expect: plans
expect: plans-operator 广电
expect: plans-age 17
expect: plans-ship-to 新疆
expect: lang en

## withdrawn 19元 plan in 河北: something around 19, then 联通 only
user: 172202611100023
expect: asks-tail
user: 7981
expect: reason PLAN_UNAVAILABLE
user: 有没有19块左右的
expect: plans
expect: plans-ship-to 河北
user: 只看联通的
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 河北

## risk control on 联通: ship to 海南, then 电信 — both constraints kept
user: 172202611100011
expect: asks-tail
user: 5373
expect: reason RISK_CONTROL
user: 我要寄到海南去 有哪些
expect: plans
expect: plans-ship-to 海南
expect: plans-not-operator 联通
user: 电信的呢
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 海南

## 西藏 block: a plan for the customer's 67-year-old mother, then more minutes — age kept
user: 172202611100015
expect: asks-tail
user: 8788
expect: reason AREA_FORBIDDEN
user: 我妈也在西藏 67岁了 她能办哪个
expect: plans
expect: plans-age 67
expect: plans-ship-to 西藏
user: 要通话分钟多一点的
expect: plans-age 67
expect: plans-ship-to 西藏

## English, 海南 area block: under 39 with at least 100GB, then Telecom or Broadnet, both kept
locale: en
user: order 172202611100017 was refused, why
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
user: anything cheaper than 39 yuan with at least 100GB?
expect: plans
expect: plans-ship-to 海南
bot-not: 19/month
bot-not: 移动畅游卡49元
user: Telecom or Broadnet, either is fine
expect: plans
expect: plans-not-operator 联通
expect: plans-not-operator 移动
bot-not: 19/month

## 下单前：流量要120G左右、通话多的优先
user: 有什么卡推荐吗
expect: plans
user: 流量120G左右就行 主要是电话打得多
expect: plans
bot: 通话多的优先
bot-not: 移动花卡19元
bot-not: 联通畅享卡59元
