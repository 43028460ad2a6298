## shipped to Xinjiang: courier and tracking, slow delivery, the new number
user: 172202611100045
expect: asks-tail
user: 2018
expect: no-plans
bot: 顺丰
bot: SF1402785264039
user: 都一个礼拜了还没到 寄新疆是不是特别慢
expect: max-chars 240
expect: no-handoff
user: 卡的号码是多少
expect: max-chars 200
bot: 130****8856
user: 快递员打电话我没接着 会不会给我退回去
expect: max-chars 260
expect: no-handoff

## wrong last 4 digits first, then the right ones
user: 查快递 172202611100046
expect: asks-tail
user: 1234
bot-not: 1189047265302
bot-not: 192****5075
bot-not: 西藏
user: 哦打错了 是6498
expect: no-plans
bot: EMS
bot: 1189047265302
user: 快递员问能不能放驿站 可以吗
expect: max-chars 240
user: 寄到拉萨一般要几天啊
expect: max-chars 240
expect: no-plans

## courier could not reach the customer: the phone was on, redelivery
user: 172202611100032 尾号5706
expect: reason DELIVERY_FAILED
bot-not: 192****8122
user: 我手机一直开着的 顺丰压根没打过
expect: max-chars 240
expect: no-handoff
user: 能不能让顺丰再派送一次
expect: max-chars 240
expect: no-id-request
user: 顺丰单号发我一下
expect: max-chars 200
bot: SF1402781936524

## settled Hainan order: which courier, tracking, the number
user: 172202611100048 7063
expect: no-plans
user: 当时是哪家快递送的 单号多少
expect: max-chars 220
bot: EMS
bot: 1189016372948
user: 我的号码是多少来着 忘记了
expect: max-chars 200
bot: 153****4354
user: 这卡现在是正常能用的吧
expect: max-chars 240
expect: no-plans

## completed order: the number is not the one chosen, suspects the courier swapped the card
user: 172202611100047 9259
expect: no-plans
user: 收到的卡号码跟我下单时选的不一样 是不是快递员把卡调包了
expect: handoff

## expired: tracking number to see when it was signed for
user: 172202611100033
expect: asks-tail
user: 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 快递单号给我一下 我查查到底哪天签收的
expect: max-chars 220
bot: SF1402779315806
bot-not: 150****0206
user: 号码我都没见过就作废了？
expect: max-chars 240
bot-not: 150****0206

## English: shipped to Tibet, tracking and the new number
locale: en
user: has my card shipped yet? 172202611100046, last4 6498
expect: lang en
expect: no-plans
bot: 1189047265302
user: whats the number on the new sim
expect: lang en
expect: max-chars 300
bot: 192****5075
user: courier is EMS right? how long does it usually take
expect: lang en
expect: max-chars 450

## activated but not topped up: the new number and the courier
user: 卡早就收到也激活了 单号172202611100035 尾号4938
expect: reason FIRST_RECHARGE_MISSING
user: 新开的号是多少 我记不住
expect: max-chars 200
bot: 177****2013
user: 当时是EMS寄的吧 单号还能查到吗
expect: max-chars 220
bot: 1189021736405
