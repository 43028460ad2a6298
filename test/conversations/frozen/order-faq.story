## cannot settle: first top-up missing, still in time, which number to top up
user: 172202611100035
expect: asks-tail
user: 4938
expect: reason FIRST_RECHARGE_MISSING
bot: 50
user: 现在补充值还来得及吗
expect: max-chars 240
expect: no-handoff
user: 用支付宝充可以吗 充到哪个号上
expect: max-chars 260
bot: 177****2013
user: 充进去以后还要我做啥不
expect: max-chars 240
expect: no-id-request

## expired card still in the drawer: can it be used, ordering the same plan again
user: 172202611100033 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 卡还在抽屉里没拆 现在插上能用吗
expect: max-chars 240
bot-not: 150****0206
user: 那我重新办同一张星卡行不行
expect: no-id-request
expect: max-chars 260
user: 这次首充多少
expect: max-chars 200
bot: 30

## blacklisted address: what DZ means, editing the address on the failed order
user: 172202611100019 尾号 3791
expect: reason ADDR_INVALID
user: 括号里那个DZ是个啥
expect: max-chars 240
user: 我换个地址 能在这单里直接改吗
expect: max-chars 240
expect: no-id-request
user: 那重新下单的时候地址要怎么填才不会被拦
expect: max-chars 260
expect: no-id-request

## in review: how long it takes, then cancel
user: 172202611100043 9832 到哪一步了
expect: no-plans
user: 一般审核要多久啊
expect: max-chars 220
expect: no-plans
user: 我不想要了 这单直接给我取消掉
expect: handoff

## shipped to Xinjiang: activating on arrival, someone else signing, the first top-up
user: 172202611100045 2018 卡发出来了 收到后咋激活
expect: no-plans
user: 激活的时候必须本人吗 我让我弟帮我签收的
expect: max-chars 260
user: 首充多少
expect: max-chars 200
bot: 50
user: 那月租呢
expect: max-chars 200
bot: 59

## empty remark: no reason given, reordering later
user: 172202611100041 5602
expect: reason SYSTEM_OR_UNKNOWN
user: 连个原因都没写？
expect: max-chars 240
expect: no-handoff
user: 那我过两天再下一次试试行吗
expect: no-id-request
expect: max-chars 260
user: 再失败的话找谁
expect: max-chars 240

## withdrawn before ordering: the date against the order date, similar China Mobile plans
user: 172202611100025
expect: asks-tail
user: 5318
expect: reason PLAN_UNAVAILABLE
bot: 2026-10-15
user: 我是11月8号下的单 那会儿就已经没了？
expect: max-chars 240
bot: 2026-10-15
user: 有差不多的移动卡吗
expect: plans
expect: plans-operator 移动
user: 宝藏卡以后还会再上吗
expect: max-chars 220
expect: no-handoff

## an unexplained remark: what "other reasons" means, reordering
user: 172202611100042 2205
user: 其他原因是啥原因 说清楚点
expect: max-chars 260
expect: no-handoff
user: 那重下一单能过吗
expect: no-id-request
expect: max-chars 260
user: 你帮我问问具体原因 转给人工看看
expect: handoff
