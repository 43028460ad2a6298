## asks for a person straight away
user: 人工 人工 人工！！
expect: handoff

## honest answer to "are you a machine", then a person
user: 在吗 你是机器人还是真人客服啊
expect: no-handoff
user: 哦 那帮我换个真人来
expect: handoff

## payment failed but money deducted: refund
user: 172202611100037 3378
expect: reason PAYMENT_FAILED
user: 付款的时候钱已经被扣走了 订单却失败了 赶紧把钱还给我
expect: handoff

## anger at out of stock, a regulator threat, then a person
user: 172202611100039
expect: asks-tail
user: 0089
expect: reason OUT_OF_STOCK
user: 没库存还挂出来卖 耍人玩是吧
expect: max-chars 300
user: 我要去工信部投诉你们
expect: max-chars 300
user: 行 给我找个能管事的人
expect: handoff

## withdrawn order the customer did not withdraw: wants a person
user: 我的单怎么被撤了 172202611100029 2312
expect: reason USER_CANCELLED
user: 我没撤过单 到底是谁撤的 我要跟你们客服当面说清楚
expect: handoff

## a person requested inside the first message with the order
user: 单号172202611100016 手机尾号7887 我不想跟机器聊 直接给我接人工客服
expect: handoff

## English: third failure, wants a real person
locale: en
user: order 172202611100040 last four 9457
expect: lang en
expect: reason SYSTEM_OR_UNKNOWN
user: why does it keep failing tho, you guys never say
expect: lang en
expect: max-chars 450
user: this is like the third time. useless. get me a real human
expect: handoff

## worried about ID misuse, then an order check
user: 我身份证号都填给你们了 会不会被拿去乱办卡啊
expect: no-handoff
expect: no-id-request
expect: max-chars 300
user: 我之前在你们这下过一单 172202611100048
expect: asks-tail
user: 7063
expect: no-plans
user: 那就好 这单没有别的问题吧
expect: max-chars 240
expect: no-plans

## empty remark: the customer is fed up with the explanation
user: 172202611100041
expect: asks-tail
user: 5602
expect: reason SYSTEM_OR_UNKNOWN
user: 说了半天啥也没说清 叫个活人来看看
expect: handoff

## angry at risk control: apology and a next step, then a person
user: 172202611100011 5373
expect: reason RISK_CONTROL
user: 什么破风控 我正经上班的人 你们这服务也太差了吧
expect: max-chars 300
user: 那我到底还能不能办 给句准话
expect: max-chars 300
expect: no-id-request
user: 算了 转给人工吧
expect: handoff
