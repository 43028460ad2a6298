# Parcels: shipped, completed, settled, returned. Courier and tracking number from the order; the
# issued number (masked) only when a card was issued and is live, never on a returned/expired card.

## shipped to 新疆: parcel not moving, courier's ID check
user: 我的卡172202611100045寄到哪了
expect: asks-tail
user: 2018
bot: SF1402785264039
bot: 顺丰
user: 物流好几天没更新了
bot: SF1402785264039
expect: no-plans
user: 快递员说要看我身份证 这正常吗
expect: no-id-request

## shipped to 西藏 by EMS: courier, tracking number, the new number
user: 172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302
user: 哪家快递来着
bot: EMS
user: 我新号码是多少
bot: 192****5075

## refused parcel: tracking number; the issued number is never shown
user: 172202611100031
expect: asks-tail
user: 6474
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 那天我不在家 可能家里人给拒了
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 把快递单号发我 我去邮局问问
bot: 1189034527601
bot-not: 189****1643

## courier could not reach the customer: tracking number; the returned card's number not shown
user: 172202611100032
expect: asks-tail
user: 5706
expect: reason DELIVERY_FAILED
user: 快递员打我电话那会我在开会
bot-not: 192****8122
expect: no-id-request
user: 单号给我一下
bot: SF1402781936524
user: 那张卡上的号还能用不
bot-not: 192****8122

## completed card in 云南: the number and the courier
user: 172202611100047 已完成
expect: asks-tail
user: 9259
expect: no-plans
user: 我的号码是多少来着
bot: 191****9332
user: 当时是哪个快递送的
bot: 顺丰

## courier swapped the card: a person at once
user: 172202611100045
expect: asks-tail
user: 2018
bot: SF1402785264039
user: 快递员给我的卡号码跟我选的不一样 他说帮我换了一张
expect: handoff

## settled order in 海南: the old tracking number and the number
user: 172202611100048
expect: asks-tail
user: 7063
expect: no-plans
user: 卡在用着 想查一下当初的快递单号
bot: 1189016372948
user: 我的号是哪个
bot: 153****4354

## shipped but not arrived after a week: tracking, then a person to chase it
user: 卡一周了还没收到 172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302
user: 是不是寄丢了
bot: EMS
expect: no-plans
user: 找个人帮我催一下快递
expect: handoff

## face check failed after delivery: the tracking number, activation on the same card
user: 172202611100034
expect: asks-tail
user: 6668
expect: reason ACTIVATION_FAILED
user: 卡收到了 就是实名那一步刷不过
expect: reason ACTIVATION_FAILED
expect: no-id-request
user: 快递单号多少 我想让快递员上门帮我激活
bot: SF1402780583217

## shipped, in English: tracking number and this plan's first top-up
locale: en
user: where is my SIM card? order 172202611100045
expect: asks-tail
expect: lang en
user: 2018
bot: SF1402785264039
expect: lang en
user: whats the tracking number again
bot: SF1402785264039
expect: lang en
user: do I need to top up when it arrives?
bot: 50
expect: lang en

## wrong last digits: nothing about the order is shown; the right ones unlock it
user: 172202611100032
expect: asks-tail
user: 1234
bot-not: 广东
bot-not: SF1402781936524
bot-not: 广电惠民卡29元
user: 5706
expect: reason DELIVERY_FAILED
user: 快递单号是多少
bot: SF1402781936524
