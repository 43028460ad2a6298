# "Can I order again?": yes/no and what to fix first; the ID pre-check may be offered, never demanded
# before the answer.

## ID mismatch: reorder yes, after typing the name exactly as on the card
user: 172202611100001
expect: asks-tail
user: 0251
expect: reason ID_INFO_INVALID
user: 名字改对了可以再下一单不
expect: no-id-request
user: 还是下这个29的大王卡对吧
expect: no-id-request
expect: no-handoff

## vague address in 天津: reorder with the full address to the door number
user: 172 2026 1110 0018
expect: asks-tail
user: 8748
expect: reason ADDR_INVALID
user: 我地址写详细点再下一单行不行
expect: no-id-request
user: 要写到几号楼几室吗
expect: no-handoff

## withdrawn order (已撤单): reorder if still wanted; this plan's monthly fee
user: 172202611100029
expect: asks-tail
user: 2312
expect: reason USER_CANCELLED
user: 我还是想要这张卡 能再下吗
expect: no-id-request
user: 还是那个移动的卡吧 月租多少来着
bot: 49

## refused parcel: a new order; the number of the returned card is never shown as issued
user: 172202611100031
expect: asks-tail
user: 6474
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 家里人不知道替我拒收了 能再寄一次吗
expect: no-id-request
bot-not: 189****1643
user: 这回我自己收 要重新下单是吧
expect: no-id-request
bot-not: 189****1643

## expired activation: a new order; the new card's first top-up on this plan is 30元
user: 172202611100033 过期了？
expect: asks-tail
user: 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 过期了可以重新下一张吗
expect: no-id-request
bot-not: 150****0206
user: 还下同一个套餐的话 到手要首充多少
bot: 30

## 新疆 block: reorder with a real address in 甘肃; offers then ship to 甘肃
user: 172202611100014
expect: asks-tail
user: 6599
expect: reason AREA_FORBIDDEN
user: 我老家是甘肃的 用老家地址再下一单可以吧
expect: no-id-request
expect: plans-ship-to 甘肃
user: 那寄甘肃能办哪几个
expect: plans
expect: plans-ship-to 甘肃

## 联通 ID quota: reorder after cancelling unused numbers; meanwhile other operators
user: 172202611100007
expect: asks-tail
user: 3312
expect: reason ID_QUOTA_EXCEEDED
user: 我去把用不着的两张联通卡销了 再下单能过吗
expect: no-id-request
user: 先给我看看别家的吧
expect: plans
expect: plans-not-operator 联通
expect: plans-ship-to 湖北
expect: plans-age 30

## courier could not reach the customer: reorder; the returned card's number is not shown
user: 172202611100032
expect: asks-tail
user: 5706
expect: reason DELIVERY_FAILED
bot-not: 192****8122
user: 快递打电话那天我在上班没听到 能重新发吗
expect: no-id-request
bot-not: 192****8122
user: 重下的话要多久能到
expect: no-handoff
bot-not: 192****8122

## age 65: reordering the same plan cannot work (18–60); the card must be in her own name
user: 172202611100003
expect: asks-tail
user: 4475
expect: reason AGE_RESTRICTED
user: 我再下一次同样的卡能过不
bot: 60
expect: plans-age 65
user: 用我闺女的名字给我办行不行
expect: no-id-request

## payment failed on 广电: pay again or reorder
user: 172202611100037
expect: asks-tail
user: 3378
expect: reason PAYMENT_FAILED
user: 重新付一次款就行还是要重新下单
expect: no-id-request
user: 换微信付可以吗
expect: no-handoff

## cancelled order (已取消): reorder the same plan; its monthly fee
user: 172202611100030
expect: asks-tail
user: 6213
expect: reason USER_CANCELLED
user: 我想重新下一单 还能下吗
expect: no-id-request
user: 还是那个联通的卡 一个月多少钱来着
bot: 59

## address blacklist, in English: reorder with another full address
locale: en
user: hi, order 172202611100019 failed, can I just order again?
expect: asks-tail
expect: lang en
user: 3791
expect: reason ADDR_INVALID
expect: lang en
user: so can I place the same order again with my office address?
expect: no-id-request
expect: lang en
user: does it have to be the full address with door number?
expect: lang en
expect: no-handoff
