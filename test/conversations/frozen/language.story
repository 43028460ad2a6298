## English: identity check failed, what the check is, ordering again
locale: en
user: my order 172202611100002 got rejected, can you have a look
expect: lang en
expect: asks-tail
user: 5283
expect: lang en
expect: reason ID_INFO_INVALID
user: whats this guozhengtong verification thing anyway
expect: lang en
expect: max-chars 500
user: can i just place the order again with the same info?
expect: lang en
expect: no-id-request

## pinyin only: out of stock, restock, another card
user: wo de dingdan 172202611100039 zenme shibai le
expect: lang zh-CN
expect: asks-tail
user: 0089
expect: lang zh-CN
expect: reason OUT_OF_STOCK
user: shenme shihou hui you huo
expect: lang zh-CN
expect: max-chars 220
user: huan yizhang bie de ka ye xing
expect: lang zh-CN
expect: plans

## switches from Chinese to English after a quota explanation
user: 172202611100006
expect: asks-tail
user: 6710
expect: lang zh-CN
expect: reason ID_QUOTA_EXCEEDED
user: sorry my chinese reading not so good, can you say it in english? where do i check how many numbers i have
expect: lang en
bot: getsimnum
user: ok can i get a card from a different operator then
expect: lang en
expect: plans
expect: plans-not-operator 移动

## traditional characters: pickup-station address
user: 訂單172202611100020 尾號6854 怎麼會失敗呢
expect: lang zh-CN
expect: reason ADDR_INVALID
user: 驛站不能收嗎？我平常快遞都是寄驛站的
expect: lang zh-CN
expect: max-chars 240
user: 那我改填公司地址 重新下單可以嗎
expect: lang zh-CN
expect: no-id-request
expect: max-chars 260

## Cantonese: the courier could not reach the customer
user: 我張單 172202611100032 點解失敗咗嘅
expect: lang zh-CN
expect: asks-tail
user: 5706
expect: lang zh-CN
expect: reason DELIVERY_FAILED
user: 順豐打過嚟我冇聽到咋 可唔可以幫我再寄多次
expect: lang zh-CN
expect: max-chars 260
bot-not: 192****8122
user: 咁張卡而家喺邊 有冇單號畀我查下
expect: lang zh-CN
bot: SF1402781936524

## mixed Chinese and English: operator system fault
user: hi 我的order 172202611100040 status显示失败 什么reason
expect: asks-tail
user: 9457
expect: reason SYSTEM_OR_UNKNOWN
user: so 我要重新place一个order吗
expect: no-id-request
expect: max-chars 260
user: 算了 找个agent帮我follow一下
expect: handoff

## broken English: risk warning, other operators
locale: en
user: hello my order is fail 172202611100011 phone last 5373
expect: lang en
expect: reason RISK_CONTROL
user: what mean risk warning?? i am good person not criminal
expect: lang en
expect: max-chars 500
expect: no-handoff
user: other company card is ok for me?
expect: lang en
expect: plans
expect: plans-not-operator 联通
user: thx. i try again tomorrow same card, will pass?
expect: lang en
expect: max-chars 450

## English voice rambling: completed order, courier and the new number
locale: en
user: um yeah hi so I ordered a sim a while back the order number is uh 172202611100047 just wanna know what's going on with it
expect: lang en
expect: asks-tail
user: 9259
expect: lang en
expect: no-plans
user: which courier was it and whats the tracking number
expect: lang en
bot: SF1402776408153
user: and whats my new phone number again
expect: lang en
bot: 191****9332

## English first, then Chinese: settled order
locale: en
user: my order 172202611100048 says settled, what does that mean
expect: lang en
expect: asks-tail
user: 7063
expect: lang en
expect: no-plans
user: 还是用中文吧，已结算的意思是我还要再交钱吗
expect: lang zh-CN
expect: max-chars 240
user: 好 那这张卡以后每个月多少钱
expect: lang zh-CN
expect: max-chars 200
bot: 49
