# People first: refund, charge-back and cancel on a verified order go to a person; an explicit
# request for a person anywhere in a sentence is honoured at once; anger and regulator threats get
# the concrete next step; "are you a robot" is answered without queueing.

## money taken on a failed top-up: the refund request goes to a person
user: 172202611100036
expect: asks-tail
user: 1774
expect: reason PAYMENT_FAILED
user: 钱被扣了单子却没成 给我退回来！
expect: handoff

## order being entered, the customer cancels: a person
user: 172202611100043
expect: asks-tail
user: 9832
expect: no-plans
user: 不想要了 帮我把这单取消掉
expect: handoff

## anger at an out-of-stock plan: a next step that fits the order, then a person on request
user: 172202611100038
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 没号码你们早说啊 白白浪费我时间😡
expect: plans-ship-to 湖南
expect: plans-age 41
user: 叫个能做主的人来跟我说
expect: handoff

## 新疆 customer threatens 12315: whatever the bot does, nothing offered fails 新疆
user: 172202611100014
expect: asks-tail
user: 6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 凭啥新疆就不发 这是地域歧视 我要打12315
expect: plans-ship-to 新疆
expect: no-id-request

## 工信部 threat with a request for a person: handed over at once
user: 172202611100040
expect: asks-tail
user: 9457
expect: reason SYSTEM_OR_UNKNOWN
user: 你们系统故障关我什么事 再不解决我就去工信部投诉 马上找个人来处理
expect: handoff

## "are you a robot": answered honestly without queueing, then back to the order
user: 172202611100022
expect: asks-tail
user: 5855
expect: reason NUMBER_TAKEN
user: 你是机器人还是真人啊
expect: no-handoff
user: 好吧机器人 那我这单还有救吗
expect: no-id-request
expect: no-handoff

## a person requested before any order number
user: 在吗
user: 我下的单有问题
expect: asks-order-no
user: 算了不想跟机器聊 直接给我找个人工
expect: handoff

## a person asked for in the middle of a polite sentence
user: 172202611100026
expect: asks-tail
user: 4303
expect: reason PLAN_UNAVAILABLE
user: 这些我看不太懂 麻烦帮我接一下人工客服 谢谢
expect: handoff

## payment failed but the bank shows a charge: charge-back goes to a person
user: 172202611100037
expect: asks-tail
user: 3378
expect: reason PAYMENT_FAILED
user: 可我银行卡显示已经扣款了 要原路退回
expect: handoff

## refund in English on a verified order
locale: en
user: order 172202611100036 failed but I paid
expect: asks-tail
expect: lang en
user: 1774
expect: reason PAYMENT_FAILED
expect: lang en
user: give me my money back please, I was already charged
expect: handoff

## pinyin request for a person
user: 172202611100041
expect: asks-tail
user: 5602
expect: reason SYSTEM_OR_UNKNOWN
user: wo kan bu dong, zhao ge ren gong ke fu gen wo shuo
expect: handoff

## "bot or person?" in English: honest answer without queueing, then another operator for 陕西
locale: en
user: 172202611100012
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
expect: lang en
user: wait, am I chatting with a bot or an actual person?
expect: no-handoff
expect: lang en
user: fine. can I get a card from another operator then?
expect: plans
expect: plans-not-operator 移动
expect: plans-ship-to 陕西
expect: lang en

## withdrawn order the customer never withdrew: a person when he asks for the one in charge
user: 172202611100029
expect: asks-tail
user: 2312
expect: reason USER_CANCELLED
user: 谁撤的？我可没撤过
expect: no-id-request
user: 我要找你们负责人问清楚
expect: handoff

## "you took my ID and gave no card": the fix is explained, no new ID requested
user: 172202611100001
expect: asks-tail
user: 0251
expect: reason ID_INFO_INVALID
user: 拿了我身份证信息又不给办 你们是不是套信息的骗子
expect: no-id-request
user: 那我到底该改哪里
expect: reason ID_INFO_INVALID
expect: no-id-request

## shipped order no longer wanted: a person
user: 172202611100045
expect: asks-tail
user: 2018
bot: SF1402785264039
user: 不要了 帮我把快递拦回去 退掉
expect: handoff

## anger after the 海南 explanation: a concrete next step, not the block again
user: 172202611100017
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
user: 讲了半天屁用没有 我就想要张卡
expect: plans
expect: plans-ship-to 海南
