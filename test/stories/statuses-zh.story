# Normal statuses, wrong tails, unknown and malformed order numbers, in Chinese.

## in review: the customer hears it is being reviewed and how long it takes
user: 我的订单172202611100043到哪一步了
bot: 后4位
user: 后四位是9832
bot: @status in_review
bot: 1–3个工作日

## submitted to the operator counts as in review too
user: 172202611100044
user: 2597
bot: @status in_review

## shipped: courier and tracking number once verified, never before
user: 订单172202611100045发货了吗
bot-not: 顺丰
user: 2018
bot: @status shipped
bot: 顺丰速运
bot: 运单号

## completed order: the issued number is shown masked
user: 172202611100047
user: 9259
bot: @status completed

## wrong phone tail: nothing about the order is revealed, tries are counted
user: 我的订单172202611100001为什么失败了
bot: 后4位
user: 1111
bot: 不一致
bot: 4 次
bot-not: @failure ID_INFO_INVALID
user: 2222
bot: 3 次
user: 0251
bot: @failure ID_INFO_INVALID

## five wrong tails lock the order
# (an order no other story uses: the lock holds for every conversation)
user: 172202611100030
user: 1111
user: 1112
user: 1113
user: 1114
user: 1115
bot: 锁定
bot: 转人工
user: 172202611100030
bot: 锁定
bot-not: 后4位

## unknown order number gets a clear reply
user: 我的订单172209999999999为什么失败了
bot: 没有查到
bot: 172209999999999

## a badly formatted order number is explained
user: 订单号是12345
bot: 不像是有效的订单号
bot: 15位数字
user: 172202611100001
bot: 后4位

## a full phone number also proves the tail, and is never echoed back
user: 172202611100001
user: 我的手机是13740170251
bot: @failure ID_INFO_INVALID
bot-not: 13740170251

## a platform reason the bot cannot read is not guessed
user: 172202611100042
user: 2205
bot: @failure SYSTEM_OR_UNKNOWN
bot: 无法准确解读

## an order with no reason at all falls back to unknown, honestly
user: 172202611100041
user: 5602
bot: @failure SYSTEM_OR_UNKNOWN

## switching to another order mid-verification asks again
user: 172202611100001
user: 不对，是172202611100043
bot: 找到订单 172202611100043
user: 9832
bot: @status in_review
