# "When" follow-ups: the date of a policy change (against the order's date), review and shipping,
# the waiting period a remark states, restock (no date is promised).

## repriced plan (29→39 on 2026-11-15): the date of the change, the new monthly fee
user: 172202611100024 政策调整是怎么回事
expect: asks-tail
user: 1708
expect: reason PLAN_UNAVAILABLE
user: 哪天开始调的
bot: 2026-11-15
user: 我是12号下的单啊 那现在一个月多少钱
bot: 39元

## withdrawn plan: the withdrawal date, then similar plans for 河北
user: 172 2026 1110 0023
expect: asks-tail
user: 7981
expect: reason PLAN_UNAVAILABLE
user: 这卡啥时候下的架
bot: 2026-11-05
user: 有没有跟它差不多的
expect: plans
expect: plans-ship-to 河北
expect: plans-age 36

## plan withdrawn before the order was placed: the date, then a 移动 substitute for 贵州
user: 172202611100025 说产品不存在？
expect: asks-tail
user: 5318
expect: reason PLAN_UNAVAILABLE
user: 这个宝藏卡是哪天停掉的
bot: 2026-10-15
user: 给我推荐个移动的替一下
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 贵州
expect: plans-age 25

## withdrawn the day after ordering: the date, then 电信 plans for 甘肃
user: 我的订单172202611100026
expect: asks-tail
user: 4303
expect: reason PLAN_UNAVAILABLE
user: 停售是哪一天的事儿
bot: 2026-11-10
user: 电信这边还有类似的没
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 甘肃

## order being entered (正在进单): how long the review takes, when it ships — no failure advice
user: 172202611100043 昨晚提交的
expect: asks-tail
user: 9832
expect: no-plans
user: 审核一般要多久
expect: no-plans
expect: no-handoff
user: 那大概啥时候能寄出来
expect: no-plans
expect: no-handoff

## submitted to the operator (已提运营商): when it ships, this plan's first top-up
user: 172202611100044 已提运营商是到哪一步了
expect: asks-tail
user: 2597
expect: no-plans
user: 啥时候寄出来呀
expect: no-plans
expect: no-handoff
user: 卡到手后要先充钱吗 充多少
bot: 50

## 90-day limit: the wait is 90 days; other operators are not bound by it
user: 172202611100009
expect: asks-tail
user: 7479
expect: reason FREQ_LIMIT
bot: 90
user: 要等三个月这么久??
bot: 90
user: 别的运营商也得等这么久吗
expect: plans-not-operator 广电
expect: plans-ship-to 山东

## shipped: when it arrives, with courier and tracking number
user: 我的卡172202611100045到哪了
expect: asks-tail
user: 2018
bot: SF1402785264039
user: 大概几天能到
bot: 顺丰
expect: no-plans
user: 到手以后多少天内得激活
expect: no-handoff

## out of stock: no restock date is promised, then a cheap plan for 湖南
user: 172202611100038
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 什么时候能补上货
expect: no-handoff
user: 不等了 有没有别的19块的
expect: plans
expect: plans-ship-to 湖南

## risk control on 联通: when to retry, then 移动 plans for 福建
user: 172202611100011
expect: asks-tail
user: 5373
expect: reason RISK_CONTROL
user: 隔多久可以再试一次
expect: no-id-request
user: 算了 换个移动的
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 福建
