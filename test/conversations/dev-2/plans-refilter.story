# Plans re-filtered by what the customer states (province, age, operator) and kept on the next question.
# Offers must be on sale, ship to the province, accept the age; per-operator limits exclude that operator.

## 海南地区限制：改寄新疆，再只要移动，问那张的首充
# 联通星耀卡39元 不发海南；新疆在售且收32岁：移动畅游卡49元(首充50)、联通畅享卡59元、电信天翼卡49元、广电福兔卡19元
user: 172202611100017
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
bot: 海南
user: 下个月我调去新疆上班了 寄到新疆的话能办哪些
expect: plans
expect: plans-ship-to 新疆
user: 里面有移动的没
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 新疆
user: 就它吧 首充多少
bot: 50

## 新疆：替67岁的妈妈问，再问最便宜的（仍须发新疆且收67岁）
# 发新疆且收67岁：移动畅游卡49元(18–70)、广电福兔卡19元(16–70)
user: 单号172202611100014 手机后四位6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 我妈今年67了 也住乌鲁木齐 她能办哪张
expect: plans
expect: plans-age 67
expect: plans-ship-to 新疆
user: 哪张最便宜
expect: plans-age 67
expect: plans-ship-to 新疆
bot: 广电福兔卡19元

## 65岁：只要电信，再问月租最低（电信长期卡29元）
# 出生1961-03-12 → 65岁；北京；电信在售且收65岁：电信长期卡29元(16–70)、电信天翼卡49元(18–65)
user: 你好，我想问一下我的卡，订单号172202611100003，是我老伴拿我的身份证帮我在手机上下的，说是审核失败了
expect: asks-tail
user: 4475
expect: reason AGE_RESTRICTED
bot: 65
user: 我们一家子用的都是电信 电信里头还有我能办的吗
expect: plans
expect: plans-operator 电信
expect: plans-age 65
user: 那里面哪个月租最少
expect: plans-operator 电信
expect: plans-age 65
bot: 电信长期卡29元

## 一证五号（移动）：去哪查名下号码，换别家要流量大的，再排除联通
# 江苏，36岁；非移动里流量最大：联通畅享卡59元(200GB)
user: 172202611100006 一证五号超限 啥情况
expect: asks-tail
user: 6710
expect: reason ID_QUOTA_EXCEEDED
user: 我名下到底几个号 去哪能查
bot: 一证通查
user: 懒得去注销了 直接换别家 要留量大的
expect: plans
expect: plans-not-operator 移动
bot: 联通畅享卡59元
user: 联通的我名下也快满了 别给我推联通
expect: plans
expect: plans-not-operator 移动
expect: plans-not-operator 联通

## 风控（联通）：客户点名电信，再说预算30以内，仍只推电信
# 福建，33岁；电信在售：星卡19元、长期卡29元、天翼卡49元
user: 172202611100011，5373
expect: reason RISK_CONTROL
user: 换电信能办不 给我看看有啥
expect: plans
expect: plans-operator 电信
user: 我还在读书 每月30以内的
expect: plans
expect: plans-operator 电信

## 云南地区限制：要19元的（只有广电福兔卡19元发云南），问移动花卡为何不推
# 电信星卡19元不发云南；移动花卡19元自2026-07-01不发云南；联通王卡19元已下架
user: 我的订单172202611100016审核不通过
expect: asks-tail
user: 7887
expect: reason AREA_FORBIDDEN
bot: 云南
user: 云南能发的卡里面 有没有19块一个月的
expect: plans-ship-to 云南
bot: 广电福兔卡19元
user: 移动花卡不也是19块吗 咋不推给我
bot: 云南
expect: plans-ship-to 云南

## 西藏禁发区域：改寄四川，再要电信
# 30岁
user: 172-2026-1110-0015 这单为啥不给发
expect: asks-tail
user: 8788
expect: reason AREA_FORBIDDEN
bot: 西藏
user: 我下周去成都读研了 改寄四川能办啥
expect: plans
expect: plans-ship-to 四川
user: 要电信的
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 四川

## 移动受限用户：移动别的套餐也不行，联通能办，联通里流量最多
# 陕西，37岁；联通在售：大王卡29元(100GB)、星耀卡39元(135GB)、畅享卡59元(200GB)
user: 172202611100012 显示移动受限用户
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
user: 那我换个移动别的套餐呢 比如畅游卡
expect: plans-not-operator 移动
user: 好像以前有个移动号欠费没管 那联通能办吗
expect: plans
expect: plans-operator 联通
user: 联通里流量最多的是哪张
expect: plans-operator 联通
bot: 联通畅享卡59元

## 号池已空：只要广电，再要不用首充的（广电福兔卡19元）
# 湖南，41岁；广电在售：福兔卡19元(首充0)、惠民卡29元(首充30)
user: 172202611100038 尾号8340
expect: reason OUT_OF_STOCK
user: 给我看看广电的
expect: plans
expect: plans-operator 广电
user: 不想首充的 有吗
expect: plans-operator 广电
bot: 广电福兔卡19元

## 超过最大下单数量（联通）：推别家，寒假回新疆要寄新疆
# 湖北，30岁；非联通且发新疆：移动畅游卡49元、电信天翼卡49元、广电福兔卡19元
user: 你好 172202611100007 审核不通过 麻烦看下
expect: asks-tail
user: 3312
expect: reason ID_QUOTA_EXCEEDED
user: 那给我推个别家的
expect: plans
expect: plans-not-operator 联通
user: 我寒假回新疆 寄新疆的有哪些
expect: plans
expect: plans-not-operator 联通
expect: plans-ship-to 新疆

## 海南地区限制：月租要低于39、流量不少于100G，再只要广电（每个条件都保留）
# 发海南、月租<39且≥100GB：联通大王卡29元(100)、广电惠民卡29元(120)、电信长期卡29元(100)
user: 172202611100017
expect: asks-tail
user: 4488
expect: reason AREA_FORBIDDEN
user: 要便宜过39块的 流量也不能少于100个G
expect: plans
expect: plans-ship-to 海南
bot-not: 广电福兔卡19元
bot-not: 移动花卡19元
bot-not: 移动畅游卡49元
user: 只看广电的
expect: plans-operator 广电
bot: 广电惠民卡29元
bot-not: 广电福兔卡19元

## 一证五号（联通）：100G不够用要更多的，不能是联通
# 湖北，联通大王卡29元 100GB；流量多于100GB的非联通在售：广电惠民卡29元(120)、移动畅游卡49元(135)、电信天翼卡49元(180)
user: 172202611100007 尾号3312
expect: reason ID_QUOTA_EXCEEDED
user: 100G真的不太够用 有没有流量再多点的
expect: plans
expect: plans-not-operator 联通
bot-not: 100GB流量
bot-not: 移动花卡19元

## 移动受限：打电话多、上网少的，通话多的在前
user: 172202611100012
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
user: 我平时基本不怎么上网 电话打得多 换哪张好
expect: plans
expect: plans-not-operator 移动
bot: 通话多的优先
bot-not: 流量多的优先

## 西藏禁发：联通、广电两家都行
# 发西藏：联通畅享卡59元、广电福兔卡19元（移动畅游卡49元、电信天翼卡49元也发，但没要）
user: 172202611100015
expect: asks-tail
user: 8788
expect: reason AREA_FORBIDDEN
user: 联通跟广电的都可以 有哪些
expect: plans
expect: plans-ship-to 西藏
expect: plans-not-operator 移动
expect: plans-not-operator 电信
bot: 联通畅享卡59元
bot: 广电福兔卡19元

## 下单前：移动40块上下的没有，说清楚并给最接近的（29和49）
user: 你们这边移动的卡都有啥价位
expect: plans
expect: plans-operator 移动
user: 40块上下的有吗
expect: plans-operator 移动
bot: 没有正好合适
bot: 移动畅游卡49元
bot: 移动星卡29元
