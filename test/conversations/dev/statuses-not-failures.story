# Statuses that are not (review) failures: in review, submitted to the operator, shipped, completed,
# settled, cannot settle, expired, withdrawn, cancelled. No failure advice where nothing failed; no
# live number where no card is live.

## being entered (正在进单), number and tail in one message: no failure advice, no invented top-up
user: 172202611100043 手机尾号9832 帮我看下进度
expect: no-plans
user: 会不会审核不通过啊
expect: no-plans
expect: no-handoff
user: 卡到了要先充钱吗
bot-not: 50元
bot-not: 30元

## submitted to the operator: what the step means, then a cancel request goes to a person
user: 172202611100044显示已提运营商 啥意思
expect: asks-tail
user: 2597
expect: no-plans
user: 那就是还没发货对吧
expect: no-plans
expect: no-handoff
user: 帮我取消吧 不想要了
expect: handoff

## completed (已完成): the card works; this plan's monthly fee
user: 172202611100047
expect: asks-tail
user: 9259
expect: no-plans
user: 已完成是不是说卡已经激活好了
expect: no-plans
expect: no-handoff
user: 以后每个月扣多少
bot: 29

## settled (已结算): nothing owed, nothing to do; the courier of the old parcel
user: 172 2026 1110 0048
expect: asks-tail
user: 7063
expect: no-plans
user: 我这卡没啥问题吧 还需要做什么吗
expect: no-plans
expect: no-handoff
user: 当时是哪个快递寄的
bot: EMS

## cannot settle (无法结算): activated without the first top-up; 50元; top up now
user: 172202611100035
expect: asks-tail
user: 4938
expect: reason FIRST_RECHARGE_MISSING
user: 卡我都激活了 还有啥问题
bot: 50
user: 现在去充还来得及吗
expect: no-handoff

## expired (已失效): no live number; a new order's first top-up on this plan is 30元
user: 172202611100033
expect: asks-tail
user: 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 卡还在我手上呢 插上去没信号
bot-not: 150****0206
expect: no-id-request
user: 重新办的话首充多少
bot: 30

## withdrawn (已撤单): no card; reorder if still wanted
user: 172202611100029
expect: asks-tail
user: 2312
expect: reason USER_CANCELLED
user: 那就是不会给我寄卡了是吧
expect: no-handoff
user: 我还想要那张49的
expect: no-id-request

## cancelled (已取消): a question about getting the money back goes to a person
user: 172202611100030
expect: asks-tail
user: 6213
expect: reason USER_CANCELLED
user: 取消了钱会自动退吗
expect: handoff
