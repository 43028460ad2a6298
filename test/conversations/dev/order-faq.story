# FAQ questions answered for the order on the table: this plan's first top-up and fee, activation of
# an expired card, an address change after a failure, money taken.

## activated without the first top-up: the amount for this plan
user: 172202611100035
expect: asks-tail
user: 4938
expect: reason FIRST_RECHARGE_MISSING
user: 要往里充多少钱
bot: 50
user: 充完了还用再找你们吗
expect: no-handoff

## address change after a vague-address failure: a new order, not an edit of the failed one
user: 172202611100018
expect: asks-tail
user: 8748
expect: reason ADDR_INVALID
user: 帮我把收货地址改一下
expect: no-id-request
user: 直接在原来的单子上改不行吗
expect: no-id-request

## shipped to 新疆: this plan's first top-up and monthly fee
user: 172202611100045
expect: asks-tail
user: 2018
bot: SF1402785264039
user: 收到卡要先充值吗 充多少
bot: 50
user: 月租是多少来着
bot: 59

## shipped to 西藏 on a plan without first top-up
user: 172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302
user: 要首充吗
bot-not: 50元
bot-not: 30元
user: 每个月扣几块
bot: 19

## face check failed: activate the same card, by the applicant in person
user: 172202611100034
expect: asks-tail
user: 6668
expect: reason ACTIVATION_FAILED
user: 刷脸刷了三次都不行
expect: reason ACTIVATION_FAILED
expect: no-id-request
user: 让我老公帮我刷行吗
expect: no-id-request
user: 要重新下单吗
expect: no-id-request

## completed card: its monthly fee and when the plan's price changed
user: 172202611100047
expect: asks-tail
user: 9259
expect: no-plans
user: 这卡一个月多少钱
bot: 29
user: 听说以前是19一个月 啥时候变的
bot: 2026-09-01

## submitted to the operator: plan facts of the order's plan
user: 172202611100044
expect: asks-tail
user: 2597
expect: no-plans
user: 我这个套餐一个月多少流量
bot: 135
user: 月租呢
bot: 49

## returned parcel: a refund question goes to a person
user: 172202611100031
expect: asks-tail
user: 6474
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 快递都退回去了 我付的钱能退不
expect: handoff

## pickup-station failure: change to the home address, this plan's first top-up
user: 172202611100020
expect: asks-tail
user: 6854
expect: reason ADDR_INVALID
user: 能帮我把地址换成我家里的吗
expect: no-id-request
user: 那首充要多少
bot: 50

## first top-up did not arrive: the amount, then money taken without an order goes to a person
user: 172202611100036
expect: asks-tail
user: 1774
expect: reason PAYMENT_FAILED
user: 这卡首次充值是多少
bot: 50
user: 我充了 钱也扣了 单子还是失败 这钱去哪了
expect: handoff

## payment failed on 广电惠民卡: its first top-up, and its fee after the 2026-08-20 cut
user: 172202611100037
expect: asks-tail
user: 3378
expect: reason PAYMENT_FAILED
user: 这个卡头一次要充多少
bot: 30
user: 月租不是39吗
bot: 29
