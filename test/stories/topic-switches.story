# Topic switches and interruptions: the customer leaves the path at any step and the bot follows,
# understood by the NLU (intents and entities inside whole sentences), in both languages.

## 验证途中要求转人工
user: 我的订单172202611100001为什么失败了
bot: 后4位
user: 算了，帮我转人工吧
bot: 转接人工客服
bot-not: 身份信息

## 验证途中换成另一个订单
user: 帮我查下172202611100001
bot: 后4位
user: 不对，我要查的是另一个单子 172202611100003
bot: 172202611100003
bot: 后4位
user: 手机尾号4475
bot: @failure AGE_RESTRICTED

## 订单号和尾号写在一句话里：一起核对，不再问一遍
user: 你好，我的单号是172202611100014，电话后四位6599，为啥没办成
bot: @failure AREA_FORBIDDEN
bot-not: 请输入下单时填写的联系电话的后4位

## 订单号和错的尾号写在一起：算一次输错，接着问
user: 单号172202611100014 电话后四位1111
bot: 不一致

## 订单号分段输入（空格、横线）
user: 172 2026 1110 0014
bot: 172202611100014
bot: 后4位
user: 6599
bot: @failure AREA_FORBIDDEN
user: 再查一下 172-2026-1110-0003
bot: 172202611100003
bot: 后4位
user: 单号172 2026 1110 0014 后四位6599
bot: @failure AREA_FORBIDDEN

## English: the order number and the last 4 digits in one message
locale: en
user: order 172202611100003, last 4 digits 4475
bot: @failure AGE_RESTRICTED

## 中途道谢不打断流程
user: 172202611100001
bot: 后4位
user: 好的谢谢
bot: 不客气
user: 0251
bot: @failure ID_INFO_INVALID

## 连续两次听不懂就提供人工
user: 172202611100001
bot: 后4位
user: 今天北京天气怎么样
bot: 没有理解
user: 附近有什么好吃的餐馆推荐吗
bot: 要为您转接人工客服吗
bot-not: 没有理解

## 查完一单后投诉
user: 172202611100001
user: 0251
bot: @failure ID_INFO_INVALID
user: 你们这服务太差了，我要投诉
bot: 转接人工客服

## 查完一单后问另一个订单的进度
user: 172202611100001
user: 0251
bot: @failure ID_INFO_INVALID
user: 那我另一个订单现在什么状态了
bot: 请发送您的订单号

## English: asking for a human while the bot waits for the phone digits
locale: en
user: why was order 172202611100003 rejected?
bot: last 4 digits
user: actually, can I talk to a real person please
bot: human agent

## English: switching to another order mid-check
locale: en
user: check order 172202611100001 for me
bot: last 4 digits
user: sorry, wrong one, it's 172202611100003
bot: 172202611100003
user: the last four digits are 4475
bot: @failure AGE_RESTRICTED

## English: two misunderstandings in a row offer a human
locale: en
user: 172202611100001
bot: last 4 digits
user: what's the weather like in Paris
bot: didn't understand
user: can you recommend a good pizza place
bot: human agent
bot-not: didn't understand

## English: thanks in the middle does not lose the place
locale: en
user: 172202611100045
bot: last 4 digits
user: ok thanks
bot: welcome
user: 2018
bot: @status shipped

## 查完一单后不提“套餐”也能再要别的选择（订单在手，没有订单词的话也按订单理解）
user: 172202611100014
user: 6599
bot: @failure AREA_FORBIDDEN
user: 还有便宜一点的可以选吗
bot: 月租低的优先
bot: 广电福兔卡19元
bot-not: 没有理解

## English: asking for cheaper options after the explanation, without a word about plans
locale: en
user: why was order 172202611100014 rejected?
user: 6599
bot: @failure AREA_FORBIDDEN
user: any cheaper options?
bot: lowest fee first
bot: 广电福兔卡19元
bot-not: didn't understand

## English: before any order is on the table, the same words list the plans on sale, cheapest first
locale: en
user: hi
user: any cheaper options?
bot: these plans on sale would work
bot: 1. 移动花卡19元: ¥19/month
bot-not: didn't understand

## 查完一单后问别家的订单：说明只管号卡，不拿号卡的退款说明来答
user: 172202611100014
user: 6599
bot: @failure AREA_FORBIDDEN
user: 饿了么的订单怎么退款
bot: 只能查询和解答172号卡
bot-not: 核实扣款记录

## English: another company's card is not answered with our activation steps
locale: en
user: hi
user: how do I activate my new credit card
bot: I only handle 172 SIM-card orders
bot-not: official app

## 被要订单号时说忘了：告诉去哪找，不算没听懂，找到后接着查
user: 我的订单为什么失败了
bot: 请发送您的订单号
user: 订单号我忘了，去哪找啊
bot: 下单成功后收到的短信里
bot-not: 没有理解
user: 找到了 172202611100003
bot: 后4位
user: 4475
bot: @failure AGE_RESTRICTED

## 繁體：訂單號碼找不到
user: 你好
user: 我搵唔到訂單號碼
bot: 下单成功后收到的短信里

## 问的是别家的订单号：不拿我们的说明来答
user: 你好
user: 淘宝订单号在哪看
bot: 只能查询和解答172号卡
bot-not: 下单成功后收到的短信里

## 快递单号不是订单号
user: 你好
user: 快递单号在哪里看
bot-not: 下单成功后收到的短信里

## English: the customer lost the order number while the bot waits for it
locale: en
user: why did my order fail
bot: order number
user: I deleted the text with my order number, where else can I find it?
bot: text message you got when the order went through
bot-not: didn't understand
user: ok got it: 172202611100045
bot: last 4 digits
user: 2018
bot: @status shipped

## 解释之后再问原因：说的是这一单，不再要订单号
user: 172202611100003
user: 4475
bot: @failure AGE_RESTRICTED
user: 为什么年龄不符
bot: @failure AGE_RESTRICTED
bot-not: 请发送您的订单号
bot-not: 下面这些在售套餐可以办理
user: 那我另一个订单现在什么状态了
bot: 请发送您的订单号

## 等尾号时问为什么失败：先要尾号，不算没听懂，也不丢掉这一单
user: 172202611100003
bot: 后4位
user: 这单为什么失败了
bot: 172202611100003
bot: 后4位
bot-not: 没有理解
user: 4475
bot: @failure AGE_RESTRICTED

## English: asking why again after the explanation stays with the order
locale: en
user: why was order 172202611100014 rejected?
user: 6599
bot: @failure AREA_FORBIDDEN
user: so why exactly was it rejected?
bot: @failure AREA_FORBIDDEN
bot-not: order number
user: and what about my other order?
bot: order number

## 等尾号时说电话是别人填的：说明为什么要尾号、可以问谁，或转人工，不算没听懂
user: 172202611100003
bot: 后4位
user: 电话是我闺女给我填的，我不知道是哪个号
bot: 请问问帮您下单的人
bot-not: 没有理解
user: 问到了，4475
bot: @failure AGE_RESTRICTED

## English: the customer does not know the contact phone
locale: en
user: order 172202611100003
bot: last 4 digits
user: my cousin placed it with her number, no idea what it is
bot: if someone ordered for you, ask them
bot-not: didn't understand
user: ok, let me talk to a person then
bot: human agent

## 解释之后问多久能再下单：按这一单的原因回答，不是“没听懂”
user: 172202611100010
user: 3883
bot: @failure RISK_CONTROL
user: 那我要等多久才能再下单
bot: 24–48小时
bot-not: 没有理解
bot-not: 下面这些在售套餐可以办理

## English: when can I order again, after the explanation
locale: en
user: 172202611100010
user: 3883
bot: @failure RISK_CONTROL
user: how long do I have to wait before I can order again?
bot: 24–48 hours
bot-not: didn't understand

## 没有订单时问有什么套餐：按说出的省份、年龄、运营商列出在售套餐
user: 你们有什么套餐
bot: 目前在售、可以办理的套餐
bot: 办理链接
user: 新疆能办吗
bot: 按您说的（新疆）
bot: 可以发货到新疆
bot-not: 联通大王卡29元
user: 我15岁能办吗
bot: 现在还办不了
bot: 最低是16周岁
bot: 满16周岁以后
user: 有没有移动的卡
bot: 按您说的（新疆、15岁、移动）
bot: 暂时没有在售套餐可以办理
user: 我的订单172202611100003为什么失败
bot: 后4位

## English: asking what is on sale before any order
locale: en
user: hi, what plans do you have?
bot: Plans on sale now
user: I live in Urumqi, what can I get
bot: For what you told me (Xinjiang)
bot: ships to Xinjiang

## 分段的订单号连着尾号一起发
user: 单号172 2026 1110 0043 后四位9832
bot: @status in_review

## 问能不能用家人的身份证：讲实名制，不拿别人的证件做预检
user: 172202611100003
user: 4475
bot: @failure AGE_RESTRICTED
bot: 预检
user: 我妈帮我办可以吗，用她身份证
bot: 必须是使用这张卡的人本人的
bot-not: 补传

## English: a wife ordering with her own ID for the customer
locale: en
user: 172202611100003
user: 4475
bot: @failure AGE_RESTRICTED
user: can my wife order for me using her ID?
bot: must be those of the person who will use the card
bot-not: ID number and name

## 对提议说“好的”：做刚才提议的事（预检）
user: 172202611100003
user: 4475
bot: 预检
user: 好的
bot: 身份证号和姓名

## 打字要求预检、要求通知，不用点按钮
user: 172202611100003
user: 4475
user: 好的帮我预检一下
bot: 身份证号和姓名

## 审核中的订单：有变化通知我
user: 172202611100043
user: 9832
bot: @status in_review
user: 有变化通知我一下
bot: 状态有变化时，我会
bot-not: 没有理解

## 提议转人工之后说“好”：转人工
user: 172202611100001
bot: 后4位
user: 今天北京天气怎么样
bot: 没有理解
user: 附近有什么好吃的餐馆推荐吗
bot: 要为您转接人工客服吗
user: 好
bot: 正在为您转接人工客服

## “好的”只对紧接着的提议有效
user: 172202611100003
user: 4475
bot: 预检
user: 谢谢
bot: 不客气
user: 好的
bot-not: 身份证号和姓名

## 套餐问题接着问：记住省份、运营商和说过的年龄；之前不问订单号
user: 我在新疆，有什么卡能办
bot: 按您说的（新疆）
bot-not: 请发送您的订单号
user: 最便宜的是哪个
bot: 按您说的（新疆、月租低的优先）
bot-not: 移动花卡19元
user: 我66岁
bot: 新疆、66岁
bot-not: 18–65
user: 移动的呢
bot: 新疆、66岁、移动

## 15岁没有能办的，换运营商问也一样
user: 我15岁能办卡吗
bot: 现在还办不了
bot: 满16周岁以后
user: 那联通的呢
bot: （15岁、联通）
bot: 现在还办不了

## English: more about the plans, in a few words
locale: en
user: what plans do you have
bot: Plans on sale now
user: I live in Tibet
bot: For what you told me (Tibet)
user: I'm 17
bot: For what you told me (Tibet, age 17)


## 发货后问快递：给这一单的快递和单号；显示签收却没收到：转人工核实
user: 172202611100045
user: 2018
bot: @status shipped
user: 快递单号多少
bot: 顺丰速运
bot-not: 把订单号发给我
user: 快递显示签收了但我没收到
bot: 需要人工客服联系快递公司核实
user: 好
bot: 正在为您转接人工客服

## 等尾号时问别的：先回答，再接着要尾号
user: 172202611100006
bot: 后4位
user: 一证五号怎么查
bot: 一证通查
bot: 请输入订单 172202611100006 联系电话的后4位
user: 电信的有哪些
bot: 属于电信
bot: 请输入订单 172202611100006 联系电话的后4位
user: 6710
bot: @failure ID_QUOTA_EXCEEDED

## 审核超时：说“好的”是转人工，不是订阅通知
user: 172202611100043
user: 9832
bot: @status in_review
user: 好的
bot: 正在为您转接人工客服

## 审核中的订单：“帮我催一下”转人工
user: 172202611100043
user: 9832
user: 帮我催一下
bot: 正在为您转接人工客服

## 预检中途改问别的：离开预检，照常回答
user: 172202611100010
user: 3883
user: 172202611100003
user: 4475
bot: 预检
user: 好的
bot: 身份证号和姓名
user: 算了不查了，那多久能重新下单
bot: 65岁
bot-not: 身份证号
bot-not: 没有读到

## English: the parcel shows delivered but never came
locale: en
user: order 172202611100045 last four 2018
bot: @status shipped
user: the tracking says delivered but nobody here got it
bot: needs a human agent to check with the courier

