# Parcels and shipped orders: courier and tracking number, the issued number only when a card was issued.

## 已发货到新疆：问快递到哪、新号码、收卡后首充
# 顺丰速运 SF1402785264039；号码 130****8856；联通畅享卡59元 首充50
user: 172202611100045 到哪了
expect: asks-tail
user: 2018
bot: SF1402785264039
expect: no-plans
user: 我的新号码是多少啊
bot: 130****8856
user: 收到以后要先充钱吗 充多少
bot: 50

## 已发货到西藏（EMS）：单号、快十天没到、是否要首充（福兔卡无首充）
# 中国邮政EMS 1189047265302；广电福兔卡19元 首充0
user: 卡寄出来了没 172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302
bot: EMS
user: 都快十天了还没到 正常吗
bot: 1189047265302
user: 收到后要先充钱才能用吗
bot-not: 50元
bot-not: 30元

## 拒收退回：客户说没拒收，要单号去问邮政，要求重寄
# 中国邮政EMS 1189034527601；号码 189****1643 随退回作废，不应当作开通号码展示
user: 我单子172202611100031怎么失败了 我根本没拒收啊
expect: asks-tail
user: 6474
expect: reason DELIVERY_FAILED
bot-not: 189****1643
user: 把快递单号给我 我自己去邮政问
bot: 1189034527601
user: 那你们重新给我寄一张吧
expect: no-id-request
bot-not: 189****1643

## 联系不上退回：快递员没打电话，要顺丰单号，最后要人工
# 顺丰速运 SF1402781936524；号码 192****8122 随退回作废
user: 172202611100032 说联系不上退回了 快递员压根没给我打过电话
expect: asks-tail
user: 5706
expect: reason DELIVERY_FAILED
bot-not: 192****8122
user: 顺丰单号多少 我去查查
bot: SF1402781936524
user: 这事得有人给我个说法 给我转个人工客服
expect: handoff

## 疑似快递员调包：收到的卡号码对不上，转人工
user: 订单172202611100045 尾号2018
bot: SF1402785264039
user: 新号码是哪个 我对一下
bot: 130****8856
user: 卡套上印的号码跟你说的不一样 是不是快递员给我调包了
expect: handoff

## 人脸识别失败：在家连wifi刷脸、家人代刷脸
# 联通畅享卡59元；上海；同一张卡可由本人继续激活
user: 172202611100034 卡收到了 刷脸一直过不去
expect: asks-tail
user: 6668
expect: reason ACTIVATION_FAILED
user: 我在家连着wifi弄的 这个有关系吗
expect: max-chars 300
user: 其实是我老婆拿她手机对着她自己刷的 是不是这个原因
expect: max-chars 300
expect: no-handoff

## English: shipped order, where is the parcel and what number I'm getting
locale: en
user: Hello, I ordered a SIM card, order number 172202611100045. Where is my parcel now?
expect: asks-tail
expect: lang en
user: 2018
bot: SF1402785264039
expect: lang en
user: And what's the phone number I'm getting?
bot: 130****8856
expect: lang en

## 粵語：西藏嘅卡寄咗未、幾時到
user: 我張卡寄咗未呀 單號172202611100046
expect: asks-tail
user: 6498
bot: 1189047265302
user: 大概幾時到呀 我好急用
expect: no-handoff
expect: no-plans
