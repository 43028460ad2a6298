# Follow-ups after a failure: what now, why, when, what does a word mean.
# Clock: 2026-11-25 10:00 Beijing time. Ages from the ID's birth date as of that day.

## 新疆订单被省分分级拦截：先问这个词是什么意思，再问下一步（只能推荐发新疆的套餐）
# 联通大王卡29元 不发新疆/西藏；35岁
user: 你好，我这个单子172202611100014一直显示失败，麻烦帮我看看
expect: asks-tail
user: 6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 省分分级拦截到底拦的是啥 能不能说人话
expect: max-chars 300
user: 行吧 接下来我要咋弄才能用上卡
expect: plans-ship-to 新疆
expect: no-handoff

## 65岁老人语音输入：年龄不符，问“谁定的规矩”要简短原因，再问这个岁数能办什么
# 出生1961-03-12 → 65岁；电信星卡19元 18–60岁；北京
user: 你好啊小同志，我前几天在网上定了一张电信的卡，定单号是172202611100003，今天一看说审核失败了，你帮我查一查是怎么回事好吧，谢谢你啊
expect: asks-tail
user: 手机尾号是4475
expect: reason AGE_RESTRICTED
bot: 65
bot: 60
user: 我身体好得很呢，年纪大一点怎么就不给办了，这个规矩是谁定的呀
expect: max-chars 300
bot: 60
user: 那我这个岁数还有哪张卡可以办的，你给我说说看
expect: plans
expect: plans-age 65
expect: plans-ship-to 北京

## 国政通校验不通过：口误“国正通”问含义，再问明明照抄为何对不上，最后问下一步
# 电信星卡19元；上海
user: 172202611100002 审核不通过 咋回事
expect: asks-tail
user: 5283
expect: reason ID_INFO_INVALID
user: 上面说的那个国正通是个啥东西
expect: max-chars 300
expect: no-id-request
user: 名字和身份证号我都是照着证件抄的 怎么还能对不上
expect: max-chars 300
user: 好吧 那下一步我得干嘛
expect: no-handoff

## KSSC：15岁的孩子，问代码含义、现在的途径、满16岁后能办什么
# 出生2011-05-20 → 15岁；移动花卡19元 18–60；所有在售套餐最低16岁；浙江
user: 孩子拿他自己身份证下的单 172202611100004 提示KSSC办不了
expect: asks-tail
user: 9817
expect: reason AGE_RESTRICTED
expect: no-plans
bot: 15
user: KSSC这几个字母到底代表啥
expect: max-chars 300
expect: no-plans
user: 那他现在想要张卡该走什么途径
expect: no-plans
user: 明年五月二十号他就满16了 到时候能办哪些
expect: plans
expect: plans-age 16
expect: plans-ship-to 浙江

## 竞合暂停受理：问“竞合”、问哪天停的、问电信同价位
# 电信畅享卡39元 2026-11-10 因竞合下架；订单 2026-11-09；甘肃，34岁
user: 查一下 172 2026 1110 0026
expect: asks-tail
user: 尾号4303
expect: reason PLAN_UNAVAILABLE
user: 竞合两个字啥意思 头一回见
expect: max-chars 300
user: 这张卡是哪天开始不收的
bot: 2026-11-10
user: 电信现在还有差不多价钱的吗
expect: plans
expect: plans-operator 电信
expect: plans-ship-to 甘肃

## 30天内下单超限：明明只下了一单为何超限、要等几天、换运营商
# 电信星卡19元；河南；备注写明30天
user: 172202611100008 为啥不给过
expect: asks-tail
user: 4958
expect: reason FREQ_LIMIT
bot: 30
user: 我这个月明明就下了这一单 咋就超限了
expect: max-chars 300
user: 要等几天才行
bot: 30
user: 急着用 换别家运营商能马上办不
expect: plans
expect: plans-not-operator 电信

## 90天证件号超限（广电）：不想等的办法，再问移动受不受影响
# 广电惠民卡29元；山东，40岁
user: 您好，我想问一下172202611100009这个单子现在什么情况
expect: asks-tail
user: 7479
expect: reason FREQ_LIMIT
bot: 90
user: 九十天也太久了吧 有没有不用等的办法
expect: plans
expect: plans-not-operator 广电
user: 移动的卡也受这个影响吗
expect: plans-operator 移动
expect: plans-not-operator 广电

## 风控（新入网诊断风险预警）：单号尾号一起发，两次问“凭什么”不得整段重复，再问下一步
# 联通星耀卡39元；福建
user: 订单号172202611100011，手机尾号5373，帮忙查一下
expect: reason RISK_CONTROL
user: 新入网诊断风险预警？我能有啥风险
expect: max-chars 300
user: 我从来没干过坏事 凭啥给我打上这个
expect: max-chars 300
user: 说到底我下一步该做什么
expect: plans-not-operator 联通

## 运营商系统故障：问是谁的问题、是否过会儿重试
user: 172202611100040 失败了 给看看
expect: asks-tail
user: 9457
expect: reason SYSTEM_OR_UNKNOWN
user: 运营商系统故障？是你们的毛病还是我填错了
expect: max-chars 300
user: 懂了 那我隔一阵子重新提交就行？
expect: no-handoff

## 备注为空：追问原因，再要能查后台的人
user: 我的单172202611100041啥提示也没有就失败了
expect: asks-tail
user: 5602
expect: reason SYSTEM_OR_UNKNOWN
user: 一个字都不写就判失败 总得有个原因吧
expect: max-chars 300
user: 算了 你帮我找个能查后台的工作人员
expect: handoff

## 备注“其他原因”：不编造原因，问改天再下同一张，最后要人工
user: 172202611100042 显示其他原因，其他是啥原因
expect: asks-tail
user: 2205
expect: reason SYSTEM_OR_UNKNOWN
user: 过两天我再下一次同一张卡 能行吗
expect: no-id-request
user: 还是不放心 让人工帮我看一眼
expect: handoff

## 已下架：问下架日期（对比下单日期），再问差不多的联通卡
# 联通王卡19元 2026-11-05 下架；订单 2026-11-03；河北
user: 我11月初下的单 172202611100023 现在告诉我已下架
expect: asks-tail
user: 7981
expect: reason PLAN_UNAVAILABLE
user: 下架是哪天的事 我下单那会儿明明还能买
bot: 2026-11-05
user: 有跟它差不多的联通卡吗
expect: plans
expect: plans-operator 联通

## 产品不存在：移动宝藏卡早已下架，问哪天没的，问移动现在能办什么
# 移动宝藏卡39元 2026-10-15 下架；订单 2026-11-08；贵州，25岁
user: 172202611100025 产品不存在？？我明明在页面上看到的
expect: asks-tail
user: 5318
expect: reason PLAN_UNAVAILABLE
user: 这卡啥时候没的
bot: 2026-10-15
user: 那现在移动家还有啥能办
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 贵州

## 政策调整：问调整日期、现在同一张多少钱、还有没有29元的联通卡
# 联通星耀卡39元 2026-11-15 由29元/月调为39元/月；订单 2026-11-12；黑龙江，41岁
user: 你好，单号172202611100024，后四位1708，审核不通过写的政策调整
expect: reason PLAN_UNAVAILABLE
user: 调整的是啥 哪天调的
bot: 2026-11-15
user: 我要是现在重新下同一张 一个月得多少钱
bot: 39
user: 有没有还是29一个月的联通卡
expect: plans
expect: plans-operator 联通
bot: 联通大王卡29元

## 尾号对不上时不透露订单信息，对上之后再说明西藏并推荐发西藏的套餐
# 移动花卡19元 不发西藏
user: 帮我查查172202611100015
expect: asks-tail
user: 1234
bot-not: 西藏
bot-not: 移动花卡19元
user: 哦记错了 是8788
expect: reason AREA_FORBIDDEN
bot: 西藏
user: 那拉萨能收到的卡有哪些
expect: plans
expect: plans-ship-to 西藏
