# Language: English (all levels), pinyin-only (answered in Chinese), traditional characters,
# mixed Chinese+English, dialect/voice input. A conversation keeps its language unless the
# customer switches.

## English: 新疆 block, next step and something cheaper, all in English
locale: en
user: hi my order 172202611100014 failed, can you check
expect: asks-tail
expect: lang en
user: 6599
expect: reason AREA_FORBIDDEN
expect: lang en
user: ok so what should I do next
expect: plans
expect: plans-ship-to 新疆
expect: lang en
user: is there something cheaper
expect: plans-ship-to 新疆
expect: lang en

## pinyin only: age 65 on an 18–60 plan, answered in Chinese
user: wo de dingdan 172202611100003 zenme shibai le
expect: asks-tail
expect: lang zh-CN
user: 4475
expect: reason AGE_RESTRICTED
expect: lang zh-CN
user: shi bu shi wo nianji tai da le
bot: 65
expect: lang zh-CN
user: na you shenme ka wo neng ban
expect: plans
expect: plans-age 65
expect: lang zh-CN

## traditional characters: 海南 block, plans for 海南, then 电信
user: 訂單172202611100017 為何沒通過
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
bot: 海南
user: 有哪些卡可以寄到海南
expect: plans
expect: plans-ship-to 海南
user: 電信的呢
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 海南

## mixed Chinese and English: risk control, retry, then 联通
user: 我的order 172202611100010 被reject了 咋回事
expect: asks-tail
user: 3883
expect: reason RISK_CONTROL
user: 那我tomorrow再submit一次ok吗
expect: no-id-request
user: 或者换个operator 联通的有吗
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 湖南

## English without locale: the repricing date and the new fee
user: My order 172202611100024 failed, it says policy adjustment. What happened?
expect: asks-tail
expect: lang en
user: 1708
expect: reason PLAN_UNAVAILABLE
expect: lang en
user: since when is the new price?
bot: 2026-11-15
expect: lang en
user: how much per month now
bot: 39
expect: lang en

## pinyin only: 30-day limit, the wait, another operator
user: 172202611100008 weisha bu neng ban
expect: asks-tail
expect: lang zh-CN
user: 4958
expect: reason FREQ_LIMIT
expect: lang zh-CN
user: yao deng ji tian
bot: 30
expect: lang zh-CN
user: huan ge yunyingshang ne
expect: plans
expect: plans-not-operator 电信
expect: plans-ship-to 河南
expect: lang zh-CN

## Chinese, then the customer switches to English: shipped parcel and first top-up
user: 我的卡172202611100045发了没
expect: asks-tail
user: 2018
bot: SF1402785264039
expect: lang zh-CN
user: sorry can you tell me in English where the parcel is
bot: SF1402785264039
expect: lang en
user: thanks, and do I need to top up when I get it?
bot: 50
expect: lang en

## opened in English, the customer writes Chinese: answered in Chinese
locale: en
user: 你好 我的订单172202611100035
expect: asks-tail
expect: lang zh-CN
user: 4938
expect: reason FIRST_RECHARGE_MISSING
expect: lang zh-CN
user: 还要补多少钱
bot: 50
expect: lang zh-CN

## broken English: expired card, no active number, a new order
locale: en
user: my card expire?? order 172202611100033
expect: asks-tail
expect: lang en
user: 4388
expect: reason ACTIVATION_EXPIRED
expect: lang en
bot-not: 150****0206
user: can i use it still
expect: lang en
bot-not: 150****0206
user: ok how get new one
expect: lang en
expect: no-id-request

## traditional characters: out of stock, plans for 湖南
user: 我的單號172202611100038，怎麼一直失敗
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 號碼沒了是什麼意思
expect: reason OUT_OF_STOCK
user: 有別的卡能辦嗎
expect: plans
expect: plans-ship-to 湖南
expect: plans-age 41

## pinyin only: money taken on a failed top-up, refund goes to a person
user: dingdan 172202611100036
expect: asks-tail
expect: lang zh-CN
user: 1774
expect: reason PAYMENT_FAILED
expect: lang zh-CN
user: wo fu le qian dan dingdan shibai le, yao tuikuan
expect: handoff

## English: a 15-year-old and a code in brackets: no invented meaning, no plan fits
locale: en
user: order 172202611100004 was refused, what is the code in the brackets
expect: asks-tail
expect: lang en
user: 9817
expect: reason AGE_RESTRICTED
bot: 15
expect: lang en
user: which plans can I get then
expect: no-plans
expect: lang en
user: what if my mom comes with me to a store
expect: no-handoff
expect: lang en

## dialect / voice input rambling: 云南 block, plans that ship to 云南
user: 哎那个我那个单子啊就是那个172202611100016嘛怎么搞的嘛一直不成功
expect: asks-tail
user: 7887嘛
expect: reason AREA_FORBIDDEN
bot: 云南
user: 那晓得咯 有冇得能寄到云南的卡嘛
expect: plans
expect: plans-ship-to 云南

## pinyin only: shipped parcel, courier
user: wo de ka dao na le 172202611100045
expect: asks-tail
expect: lang zh-CN
user: 2018
bot: SF1402785264039
expect: lang zh-CN
user: shenme shihou neng dao
expect: no-plans
expect: lang zh-CN
user: na jia kuaidi
bot: 顺丰
expect: lang zh-CN
