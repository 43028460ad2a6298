# Follow-ups sent right after the first explanation of a failed order:
# the next step, a short why, a protest. Facts from demo-orders.json and plans.json.

## 新疆 area block: the next step offers only plans that ship to 新疆, the short why names 新疆
user: 你好 帮我看下订单172202611100014 咋失败了
expect: asks-tail
user: 6599
expect: reason AREA_FORBIDDEN
bot: 新疆
user: 那我现在该咋整啊
expect: plans
expect: plans-ship-to 新疆
expect: no-handoff
user: 凭啥别的地方都能寄 就我们这不行
expect: reason AREA_FORBIDDEN
bot: 新疆
expect: max-chars 300

## age 65 on an 18–60 plan: the why gives the plan's upper limit and her age; the next step fits 65
user: 172202611100003
expect: asks-tail
user: 尾号是4475
expect: reason AGE_RESTRICTED
bot: 65
user: 就因为我年纪大了？
bot: 60
bot: 65
user: 行吧 下一步咋弄 有我能办的不
expect: plans
expect: plans-age 65
expect: plans-ship-to 北京

## one ID five numbers on 移动: the next step never offers 移动 again
user: 172202611100006 帮忙看看什么情况
expect: asks-tail
user: 6710
expect: reason ID_QUOTA_EXCEEDED
user: 好的 那我接下来要做啥
expect: plans-not-operator 移动
expect: no-id-request
user: 换个运营商办行不行
expect: plans
expect: plans-not-operator 移动
expect: plans-ship-to 江苏
expect: plans-age 36

## 30-day limit: the wait is the remark's 30 days, then another operator for 河南
user: 订单号 172 2026 1110 0008
expect: asks-tail
user: 4958
expect: reason FREQ_LIMIT
bot: 30
user: 得等多久啊
bot: 30
expect: max-chars 300
user: 等不起 有没有别的路子
expect: plans
expect: plans-not-operator 电信
expect: plans-ship-to 河南

## risk control on 移动: a protest is answered without asking for the ID, then 联通 only
user: 我那个单172202611100010没审过
expect: asks-tail
user: 3883
expect: reason RISK_CONTROL
user: 我填的全是真实信息 凭什么说我有风险
expect: reason RISK_CONTROL
expect: no-id-request
user: 那我换联通的试试？
expect: plans
expect: plans-operator 联通
expect: plans-ship-to 湖南

## arrears with 电信 in 重庆: clear the debt and reorder, or another operator
user: 查一下172202611100013
expect: asks-tail
user: 0022
expect: reason BLACKLIST_ARREARS
user: 我啥时候欠电信钱了 没印象啊
expect: reason BLACKLIST_ARREARS
bot: 电信
user: 把欠费交了以后是不是还得重新下一次单
expect: no-id-request
user: 懒得弄了 推荐个别家的
expect: plans
expect: plans-not-operator 电信
expect: plans-ship-to 重庆

## number taken: the terse follow-up is answered, no ID demanded
user: 172202611100022 说号码没选上？
expect: asks-tail
user: 5855
expect: reason NUMBER_TAKEN
user: 然后呢
expect: no-handoff
expect: no-id-request
user: 我不挑号了 随便给我分一个行吗
expect: no-handoff
expect: no-id-request

## operator system fault: retry later, then a person on request
user: 172202611100040
expect: asks-tail
user: 9457
expect: reason SYSTEM_OR_UNKNOWN
user: 过两天我再下一遍能成吗
expect: no-id-request
user: 算了你直接帮我找个工作人员处理吧
expect: handoff

## duplicate order: keep one; cancelling both goes to a person
user: 我好像下了两次 172202611100027
expect: asks-tail
user: 5765
expect: reason DUPLICATE_ORDER
user: 那另一单还作数吗
expect: no-id-request
user: 两个都不要了 都帮我取消掉
expect: handoff

## remark 其他原因: no invented reason; a person when the customer asks
user: 172202611100042 写个其他原因 到底啥原因
expect: asks-tail
user: 2205
expect: reason SYSTEM_OR_UNKNOWN
user: 就写个其他原因谁看得懂啊
expect: no-id-request
user: 帮我找个懂行的同事查一下
expect: handoff

## contact phone limit in 广西: another contact phone, no ID demanded
user: 172202611100021
expect: asks-tail
user: 3303
expect: reason CONTACT_PHONE_LIMIT
user: 可我就这一个手机号啊
expect: reason CONTACT_PHONE_LIMIT
expect: no-id-request
user: 联系电话填我老婆的可以不
expect: no-id-request
expect: no-handoff

## pickup-station address: why the station is refused (short), then another address
user: 172202611100020 是地址的问题吗
expect: asks-tail
user: 6854
expect: reason ADDR_INVALID
user: 驿站咋就不行了 我快递一直都放那的
expect: reason ADDR_INVALID
expect: max-chars 300
user: 那写我公司地址 门牌号写全 行吗
expect: no-id-request
expect: no-handoff

## 云南 area block: a colleague's card is no argument; plans that ship to 云南
user: 172202611100016
expect: asks-tail
user: 7887
expect: reason AREA_FORBIDDEN
bot: 云南
user: 我同事在昆明也办的电信卡啊 咋他行我不行
bot: 云南
expect: plans-ship-to 云南
user: 还有啥卡能寄到云南
expect: plans
expect: plans-ship-to 云南
expect: plans-age 28

## out of stock 广电 in 浙江: another plan, then only 移动
user: 172202611100039
expect: asks-tail
user: 0089
expect: reason OUT_OF_STOCK
user: 行吧 给我换一个有货的
expect: plans
expect: plans-ship-to 浙江
expect: plans-age 23
user: 要移动的
expect: plans
expect: plans-operator 移动
expect: plans-ship-to 浙江
