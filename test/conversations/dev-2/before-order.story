# Before any order: which plans ship to X, what can I get at age N, operator; or a question without an order number.

## 下单前：西藏能发什么，只要电信，再说刚满17（只剩电信长期卡29元）
# 西藏在售：移动畅游卡49元、联通畅享卡59元、电信长期卡29元(16–70)、电信天翼卡49元(18–65)、广电福兔卡19元
user: 西藏能发哪些卡啊
expect: plans
expect: plans-ship-to 西藏
user: 要电信的
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 西藏
user: 我刚满17 能办吗
expect: plans-operator 电信
expect: plans-ship-to 西藏
expect: plans-age 17
bot: 电信长期卡29元

## Before an order (English): a 16-year-old, then Xinjiang
# 16岁：移动星卡29元、联通大王卡29元、电信长期卡29元、广电福兔卡19元；其中发新疆的只有广电福兔卡19元(首充0)
user: Hi! I just turned 16. Can I get one of your SIM plans?
expect: plans
expect: plans-age 16
expect: lang en
user: I live in Xinjiang btw
expect: plans
expect: plans-age 16
expect: plans-ship-to 新疆
expect: lang en
user: does it need a first top-up?
expect: lang en

## 下单前：72岁（所有套餐上限最高70），再问68岁的老伴、最便宜的
# 收68岁：移动畅游卡49元(18–70)、电信长期卡29元(16–70)、广电福兔卡19元(16–70)
user: 我今年都72了 还能在你们这办卡不
expect: no-plans
user: 那我老伴68 她能办哪个
expect: plans
expect: plans-age 68
user: 哪个最便宜啊
expect: plans-age 68
bot: 广电福兔卡19元

## 下单前：给14岁孩子办卡（所有套餐最低16岁）
user: 想给上初中的孩子办张卡 他14岁 有合适的吗
expect: plans-age 16
user: 那要等他几岁才行
bot: 16
user: 到那时候能办哪些
expect: plans
expect: plans-age 16

## 只写拼音（下单前）：新疆能发哪些、不要首充的、66岁
# 新疆在售：移动畅游卡49元、联通畅享卡59元、电信天翼卡49元、广电福兔卡19元；无首充只有广电福兔卡19元(16–70)
user: xinjiang neng fa na xie ka
expect: plans
expect: plans-ship-to 新疆
expect: lang zh-CN
user: you meiyou bu yong shouchong de
expect: plans-ship-to 新疆
expect: lang zh-CN
bot: 广电福兔卡19元
user: wo jinnian 66 sui le, keyi ban ma
expect: plans-age 66
expect: plans-ship-to 新疆
expect: lang zh-CN

## 没带单号：卡没到，先要单号再要尾号，给EMS单号
# 中国邮政EMS 1189047265302
user: 我的卡怎么还没到啊 都等了一个礼拜了
expect: asks-order-no
user: 172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302

## 下单前：海南能不能办联通（联通星耀卡39元不发海南），月租最低
# 海南+联通在售：大王卡29元、畅享卡59元
user: 海南这边能办联通的卡吗
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 海南
user: 月租最低的是哪张
expect: plans-operator 联通
expect: plans-ship-to 海南
bot: 联通大王卡29元
user: 星耀卡呢 朋友说那张也不错
bot: 海南

## 粵語（下單前）：雲南有冇得寄，要移動嘅，問移動花卡
# 云南+移动在售：移动星卡29元、移动畅游卡49元；移动花卡19元自2026-07-01不发云南
user: 你哋有冇可以寄去雲南嘅卡
expect: plans
expect: plans-ship-to 云南
user: 要移動嘅
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 云南
user: 移動花卡得唔得
bot: 云南

## 先问原因没给单号：要单号、要尾号、地址黑名单
user: 帮我查下我的单子为啥没过
expect: asks-order-no
user: 单号是 172 2026 1110 0019
expect: asks-tail
user: 3791
expect: reason ADDR_INVALID

## Before an order (English): Telecom plans to Tibet, then age 66
# 西藏+电信在售：电信长期卡29元(16–70)、电信天翼卡49元(18–65)；66岁只剩电信长期卡29元
user: Which China Telecom plans can be delivered to Tibet?
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 西藏
expect: lang en
user: I'm 66, does that matter?
expect: plans-operator 电信
expect: plans-ship-to 西藏
expect: plans-age 66
expect: lang en
user: so which one should I pick
expect: plans-age 66
expect: plans-operator 电信
expect: lang en
