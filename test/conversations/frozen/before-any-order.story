## plans that ship to Xinjiang, narrowed to China Mobile, then its first top-up
user: 新疆这边能寄的卡都有哪些呀
expect: plans
expect: plans-ship-to 新疆
expect: no-id-request
user: 只要移动的
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 新疆
bot: 移动畅游卡49元
user: 这个开卡以后头一次得充多少钱
expect: max-chars 220
bot: 50
user: 行 那我先去下单了 有问题再找你
expect: no-handoff

## a 16-year-old asks what can be ordered, then Unicom only
user: 本人今年刚满十六周岁，可以在你们这里办流量卡吗
expect: plans
expect: plans-age 16
user: 联通有没
expect: plans
expect: plans-operator 联通
expect: plans-age 16
bot: 联通大王卡29元
user: 一个月多少钱 流量给多大
expect: max-chars 220
bot: 29
bot: 100
user: 办的时候要家长陪着吗
expect: max-chars 260
expect: no-id-request

## pinyin-only customer asks about Tibet, then Broadnet
user: xizang keyi ban nage ka
expect: lang zh-CN
expect: plans
expect: plans-ship-to 西藏
user: you meiyou guangdian de
expect: lang zh-CN
expect: plans
expect: plans-operator 广电
expect: plans-ship-to 西藏
bot: 广电福兔卡19元
user: yige yue duoshao qian
expect: lang zh-CN
expect: max-chars 200
bot: 19

## English: plans for Hainan, Telecom only, their first top-up
locale: en
user: hey do u guys deliver sim cards to Hainan? whats available
expect: lang en
expect: plans
expect: plans-ship-to 海南
user: just china telecom ones pls
expect: lang en
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 海南
user: and how much do I need to top up at the start
expect: lang en
expect: max-chars 450
bot: 50

## a 15-year-old: nothing can be offered, at 16 there is
user: 初三学生 15岁 想自己办张卡 行不行啊
expect: no-plans
expect: plans-age 15
expect: no-handoff
user: 用我妈的身份证帮我办一张可以吗
expect: no-plans
expect: max-chars 260
user: 好吧 那等我满16了 到时候能办哪些
expect: plans
expect: plans-age 16

## asking for a 70-year-old father who lives in Xinjiang
user: 帮我爸问的 他今年七十了 你们的卡老年人能办吗
expect: plans
expect: plans-age 70
user: 他住新疆伊犁那边
expect: plans
expect: plans-age 70
expect: plans-ship-to 新疆
user: 哪张最便宜
expect: plans-age 70
expect: plans-ship-to 新疆
bot: 广电福兔卡19元
user: 他不会弄手机 激活能让我帮他刷脸吗
expect: max-chars 260
expect: no-handoff

## English: the age limit of the Unicom 59 plan, then what a 66-year-old can get
locale: en
user: whats the age limit on the unicom 59 yuan plan? its for my grandma, she's 66
expect: lang en
bot: 65
user: ok so which ones CAN she get then
expect: lang en
expect: plans
expect: plans-age 66
user: does any of those need no top up at all
expect: lang en
expect: plans
expect: plans-age 66
expect: plans-operator 广电

## checking an order without giving the number first
user: 帮我瞅瞅我那个订单到哪一步了
expect: asks-order-no
user: 172 2026 1110 0044
expect: asks-tail
user: 2597
expect: no-plans
user: 好的 大概还要等几天
expect: max-chars 240
expect: no-plans
