## Telecom arrears the customer denies, then pays, then wants another operator
user: 172202611100013 0022
expect: reason BLACKLIST_ARREARS
user: 我压根没用过电信的号码 欠哪门子费？？
expect: no-handoff
expect: max-chars 240
bot: 10000
user: 查了下 原来是好多年前一个老号 补完钱多久能再办
expect: no-handoff
expect: max-chars 240
user: 先不折腾了 给我推个别家的卡
expect: plans
expect: plans-not-operator 电信

## China Mobile restricted user disputes, asks for leniency, then a person
user: 172202611100012
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
user: 瞎说吧 我移动号用了十几年 从来没停过机
expect: no-handoff
expect: max-chars 240
bot: 10086
user: 你们跟移动打个招呼 给我通融一下呗
expect: no-handoff
expect: max-chars 240
user: 行 那你叫个人工来跟我说
expect: handoff

## repriced plan: the customer wants the price it had when ordering
user: 172202611100024 1708
expect: reason PLAN_UNAVAILABLE
user: 我下单那会儿页面明明写的29一个月 现在咋成39了
expect: no-handoff
expect: max-chars 260
bot: 2026-11-15
bot: 39
user: 我是先下的单 按原来29给我开不就完了
expect: no-handoff
expect: max-chars 240
user: 不接受 找你们客服主管来
expect: handoff

## refused parcel the customer says was never refused
user: 172202611100031 6474
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 我从来没接到过快递电话 更没说过不要 凭啥写我拒收
expect: no-handoff
expect: max-chars 240
bot-not: 189****1643
user: 把邮政的单号给我 我自己去问
expect: max-chars 220
bot: 1189034527601
user: 那能不能不重下 让邮政再给我送一趟
expect: max-chars 260
expect: no-handoff

## cancelled order the customer says they never cancelled
user: 我没取消订单啊 怎么显示取消了 172202611100030
expect: asks-tail
user: 6213
expect: reason USER_CANCELLED
user: 真不是我点的 是不是你们那边弄错了
expect: no-handoff
expect: max-chars 240
user: 还是要这张畅享卡 重新下单可以吗
expect: no-id-request
expect: no-handoff

## 65-year-old asks for an exception to the age limit
user: 单号172202611100003
expect: asks-tail
user: 4475
expect: reason AGE_RESTRICTED
bot: 65
bot: 60
user: 就超了几岁 身子骨硬朗得很 通融一下不行吗
expect: no-handoff
expect: max-chars 240
bot: 60
user: 那我这岁数还能办哪几张
expect: plans
expect: plans-age 65

## Hainan: colleagues got cards, special approval requested
user: 172202611100017 手机尾号4488 怎么就不给发货
expect: reason AREA_FORBIDDEN
bot: 海南
user: 我同事在海口都办下来了 凭啥我不行
expect: no-handoff
expect: max-chars 240
bot: 海南
user: 我急着用 你给我特批一下
expect: no-handoff
expect: max-chars 240
user: 那能发海南的给我列几个
expect: plans
expect: plans-ship-to 海南

## duplicate order: the customer says they submitted once, then wants the extra one cancelled
user: 172202611100027 5765
expect: reason DUPLICATE_ORDER
user: 我就点了一次提交 哪来的重复
expect: no-handoff
expect: max-chars 240
user: 那把多出来的那单撤掉吧 留一个就行
expect: handoff

## expired card: blames the missing reminder, asks for an extension, then a refund
user: 172202611100033
expect: asks-tail
user: 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 根本没人提醒我要几天内激活 这不能怪我吧
expect: no-handoff
expect: max-chars 240
bot-not: 150****0206
user: 给我延长几天激活期 不行吗
expect: no-handoff
expect: max-chars 240
user: 不能延期的话 我要退款
expect: handoff

## 90-day limit disputed: only one order in three months
user: 172202611100009 7479 我三个月里就下了这么一单 怎么会超限
expect: reason FREQ_LIMIT
bot: 90
user: 真的只有这一单 你们是不是把我跟别人搞混了
expect: no-handoff
expect: max-chars 240
user: 那我得等多久
expect: max-chars 220
bot: 90
bot-not: 30天
