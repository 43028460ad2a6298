# "What does X mean" about platform words, asked in the customer's own words (never the bare
# quoted terms of issue 21). The answer explains, for this order, without repeating the block.

## identity check failed: who checks it, a renewed ID, retyping exactly as on the card
user: 172202611100002 身份校验没过
expect: asks-tail
user: 5283
expect: reason ID_INFO_INVALID
user: 是哪家在校验啊 公安那边的吗
expect: no-id-request
expect: no-handoff
user: 我去年换过新身份证 跟这个有关系没
expect: no-id-request
user: 那我照身份证上的一个字一个字重新填就行？
expect: no-id-request

## a code in brackets for a 15-year-old: no invented meaning, no plan fits 15, the shop with a guardian
user: 172202611100004
expect: asks-tail
user: 9817
expect: reason AGE_RESTRICTED
bot: 15
user: 括号里那几个英文字母啥意思
expect: no-handoff
expect: no-id-request
user: 那我能办哪张卡
expect: no-plans
user: 我让我妈带我去营业厅办行不
expect: no-plans
expect: no-handoff

## a remark saying the product competes with another: what it means, the stop date
user: 172202611100026
expect: asks-tail
user: 4303
expect: reason PLAN_UNAVAILABLE
user: 产品竟合又是个啥玩意
expect: reason PLAN_UNAVAILABLE
expect: no-handoff
user: 我9号下的单 它哪天停的
bot: 2026-11-10

## empty number pool: what it means, then 电信 plans for 湖南
user: 172202611100038
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 号码池空了是啥意思
expect: reason OUT_OF_STOCK
expect: max-chars 300
user: 电信还有别的能办的吗
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 湖南
expect: plans-age 41

## ID photos unreadable: which photos, never sent into the chat
user: 172202611100028
expect: asks-tail
user: 5703
expect: reason PHOTO_REQUIRED
user: 照片异常 是指哪几张照片
expect: no-id-request
user: 我直接拍了发给你行不
expect: no-id-request
user: 传好了还要重新下单吗
expect: no-id-request

## settled status: what it means for the customer, nothing owed
user: 172202611100048
expect: asks-tail
user: 7063
expect: no-plans
user: 状态上写着结算了 是啥意思 我还得付钱吗
expect: no-plans
expect: no-handoff
user: 那这个卡每月扣多少
bot: 49

## cannot-settle status: activated without the first top-up, 50元 on this plan
user: 172202611100035
expect: asks-tail
user: 4938
expect: reason FIRST_RECHARGE_MISSING
user: 显示没法结算 这是啥情况
bot: 50
user: 我卡都用上了 充完就没事了吧
expect: no-handoff

## one ID, five numbers: where to look up the numbers in one's name, no ID asked in chat
user: 172202611100006
expect: asks-tail
user: 6710
expect: reason ID_QUOTA_EXCEEDED
user: 一张身份证只能办五个号？我哪有那么多
expect: reason ID_QUOTA_EXCEEDED
expect: no-id-request
user: 去哪能查我名下有几个移动号
expect: no-id-request
expect: no-handoff

## address blacklist (DZ): what the letters mean, the fix is a full address
user: 172202611100019
expect: asks-tail
user: 3791
expect: reason ADDR_INVALID
user: 后面括号那个DZ是啥
expect: reason ADDR_INVALID
expect: no-id-request
user: 我住的小区就这个地址 还能咋写
expect: no-id-request

## restricted 移动 user: what it means, then plans of other operators for 陕西
user: 172202611100012
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
user: 受限用户是啥意思 我又没干坏事
expect: reason BLACKLIST_ARREARS
user: 那我办别家的总行了吧
expect: plans
expect: plans-not-operator 移动
expect: plans-ship-to 陕西

## first top-up on a failed top-up payment: what it is, this plan's 50元
user: 172202611100036
expect: asks-tail
user: 1774
expect: reason PAYMENT_FAILED
user: 首充是个啥 非充不可吗
bot: 50
user: 付款那步提示失败 钱应该没扣
expect: reason PAYMENT_FAILED
expect: no-id-request

## provincial tiered block: the words explained with the province, then 联通 for 新疆
user: 172202611100014
expect: asks-tail
user: 6599
expect: reason AREA_FORBIDDEN
user: 省分分级拦截这几个字到底啥意思
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 新疆就办不了联通的了？
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 新疆

## number reservation failed: what it means, reorder picking another number
user: 172202611100022
expect: asks-tail
user: 5855
expect: reason NUMBER_TAKEN
user: 选占失败是啥意思
expect: reason NUMBER_TAKEN
expect: max-chars 300
user: 我重新下单换个号码选就行了？
expect: no-id-request
