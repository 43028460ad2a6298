# Language: English of every level, pinyin only (answered in Chinese), traditional characters and Cantonese,
# mixed Chinese+English, and a switch of language mid-conversation.

## English: Hainan area block, ship to Guangdong instead, then only Unicom
locale: en
# 联通星耀卡39元 不发海南；广东+联通在售且收32岁：大王卡29元、星耀卡39元、畅享卡59元
user: Hi, my order 172202611100017 was rejected. Could you tell me the reason?
expect: asks-tail
expect: lang en
user: 4488
expect: reason AREA_FORBIDDEN
expect: lang en
user: My sister lives in Guangzhou, I can have it sent to her place. Which plans can go to Guangdong?
expect: plans
expect: plans-ship-to 广东
expect: lang en
user: Which of those are China Unicom?
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 广东
expect: lang en

## Basic English without locale: 30-day limit, when to order again, other company
user: hello my order 172202611100008 is fail, why
expect: asks-tail
expect: lang en
user: 4958
expect: reason FREQ_LIMIT
bot: 30
expect: lang en
user: so when i can buy again
bot: 30
expect: lang en
user: other company is ok?
expect: plans-not-operator 电信
expect: lang en

## English: policy adjustment — date of the change and the new monthly fee
locale: en
# 联通星耀卡39元 2026-11-15 由29元调为39元
user: Order 172202611100024, phone ends in 1708. Status says policy adjustment??
expect: reason PLAN_UNAVAILABLE
expect: lang en
user: When did this policy change happen?
bot: 2026-11-15
expect: lang en
user: How much per month would it be if I order the same plan now?
bot: 39
expect: lang en

## 只写拼音：云南地区限制，回复中文并点明云南
# 电信星卡19元 不发云南；28岁
user: wo de dingdan 172202611100016 zenme shenhe bu tongguo
expect: asks-tail
expect: lang zh-CN
user: 7887
expect: reason AREA_FORBIDDEN
bot: 云南
expect: lang zh-CN
user: yunnan neng ban na ge ka
expect: plans
expect: plans-ship-to 云南
expect: lang zh-CN

## 只写拼音：无法结算，问要充多少
# 电信长期卡29元 首充50
user: dingdan 172202611100035 xianshi wufa jiesuan shi sha yisi
expect: asks-tail
expect: lang zh-CN
user: weihao 4938
expect: reason FIRST_RECHARGE_MISSING
expect: lang zh-CN
user: yao chong duoshao qian
bot: 50
expect: lang zh-CN

## 粵語：海南地區限制，住海口仲有邊張可以揀
user: 我張單172202611100017點解審核唔過嘅
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
bot: 海南
user: 咁我住喺海口 仲有邊張卡可以揀
expect: plans
expect: plans-ship-to 海南

## 繁體（台灣用語）：幫媽媽問，年齡不符，問適合她年紀的方案
# 出生1961-03-12 → 65岁；電信星卡19元 18–60
user: 您好，想請問我媽媽用她自己的身分證下的訂單 172202611100003 為什麼沒通過
expect: asks-tail
user: 4475
expect: reason AGE_RESTRICTED
bot: 65
user: 那有沒有她這個年紀可以辦的資費方案
expect: plans
expect: plans-age 65

## 英文开场后改说中文：号池已空
locale: en
user: order 172202611100038 failed, what happened?
expect: asks-tail
expect: lang en
user: 8340
expect: reason OUT_OF_STOCK
expect: lang en
user: 还是说中文吧 号池已空是指什么
expect: lang zh-CN
expect: max-chars 300

## English: Xinjiang block, now working in Shanghai, cheapest one there
locale: en
user: Hi, order 172202611100014, last four digits 6599
expect: reason AREA_FORBIDDEN
expect: lang en
user: Actually I work in Shanghai now. Can you ship to Shanghai instead?
expect: plans
expect: plans-ship-to 上海
expect: lang en
user: cheapest one?
expect: plans-ship-to 上海
expect: lang en

## 中英夹杂的学生：库存不足，要便宜点的
# 广电福兔卡19元；浙江，23岁
user: my order 172202611100039 怎么fail了啊
expect: asks-tail
user: 0089
expect: reason OUT_OF_STOCK
user: so 有别的card吗 cheap一点的 thx
expect: plans
expect: plans-ship-to 浙江

## English: son's order refused with KSSC, age 15, no plan possible
locale: en
# 出生2011-05-20 → 15岁；所有在售套餐最低16岁
user: My son ordered with his own ID, order 172202611100004, and it says KSSC. What is that?
expect: asks-tail
expect: lang en
user: 9817
expect: reason AGE_RESTRICTED
bot: 15
expect: lang en
user: So is there any plan he can get right now?
expect: no-plans
expect: lang en

## 粵語：問係咪真人（唔使排隊），之後查單
# 菜鳥驛站地址
user: 你係真人定係機械人嚟㗎
expect: no-handoff
user: 唔緊要 幫我查下172202611100020
expect: asks-tail
user: 6854
expect: reason ADDR_INVALID
