## in review: what the status means, is it stuck
user: 172202611100043
expect: asks-tail
user: 9832
expect: no-plans
user: 正在进单 是个啥状态
expect: max-chars 220
expect: no-plans
user: 都一天了 是不是卡住了
expect: max-chars 240
expect: no-plans
user: 那我还要不要再下一单保险点
expect: max-chars 260
expect: no-id-request

## shipped to Tibet: tracking, activation window, first top-up
user: 查一下 172 2026 1110 0046
expect: asks-tail
user: 6498
expect: no-plans
bot: 1189047265302
user: 收到卡以后几天之内要激活
expect: max-chars 240
user: 激活完要先充钱吗
expect: max-chars 220
expect: no-plans

## completed: is the card ready, the number, anything left to do
user: 172202611100047 9259 已完成是说卡可以用了吗
expect: no-plans
user: 那号码是哪个
expect: max-chars 200
bot: 191****9332
user: 我还需要再做点啥不
expect: max-chars 240
expect: no-plans

## settled: does the customer owe anything, the monthly fee
user: 172202611100048
expect: asks-tail
user: 7063
expect: no-plans
user: 显示已结算 是不是还要我付什么钱
expect: max-chars 240
expect: no-plans
user: 那以后每个月多少钱
expect: max-chars 200
bot: 49

## cannot settle: is the card dead, how much is missing
user: 172202611100035 4938
expect: reason FIRST_RECHARGE_MISSING
user: 无法结算是不是说我这卡不能用了
expect: max-chars 260
expect: no-handoff
user: 差多少钱没充
expect: max-chars 200
bot: 50

## expired: card never inserted, ordering again
user: 172 2026 1110 0033 手机尾号4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 失效了是不是这卡就彻底作废了
expect: max-chars 240
bot-not: 150****0206
user: 好吧 重新下一单要注意什么
expect: no-id-request
expect: max-chars 260

## withdrawn: wants the card back, delivery to Inner Mongolia
user: 172202611100029
expect: asks-tail
user: 2312
expect: reason USER_CANCELLED
user: 撤单了我还想要这张卡 能恢复吗
expect: max-chars 240
expect: no-id-request
user: 重新下单的话畅游卡还能寄内蒙古吧
expect: max-chars 240
expect: no-handoff

## English: shipped to Xinjiang, tracking, activation deadline
locale: en
user: status of order 172202611100045?
expect: lang en
expect: asks-tail
user: 2018
expect: lang en
expect: no-plans
bot: SF1402785264039
user: how long do i have to activate once it arrives
expect: lang en
expect: max-chars 450
user: ok and the monthly fee on this plan is?
expect: lang en
expect: max-chars 300
bot: 59
