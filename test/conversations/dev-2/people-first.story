# People first: refunds, cancellations, explicit requests for a person (anywhere in a sentence),
# anger and regulator threats (short apology + next step), "are you a person" answered without queueing.

## 支付失败但银行卡被扣两次：要求退一笔，转人工
# 广电惠民卡29元；湖北
user: 172202611100037 你们系统说支付失败 是咋回事
expect: asks-tail
user: 3378
expect: reason PAYMENT_FAILED
user: 可我银行卡被扣了两次钱 你们先退我一笔
expect: handoff

## 审核中的订单不想等了：取消请求转人工
# 正在进单；联通大王卡29元
user: 172202611100043 看下进度
expect: asks-tail
user: 9832
expect: no-plans
user: 算了 不想等了 帮我把这单取消掉
expect: handoff

## 问是不是机器人：诚实回答不排队，之后要真人才转
user: 172202611100031 尾号6474
expect: reason DELIVERY_FAILED
user: 跟我聊天的是机器人吧
expect: no-handoff
user: 那给我叫个真人过来
expect: handoff

## 号池已空：先要有货的，再发火（简短道歉，不要身份证）
# 湖南，41岁
user: 172202611100038 号池已空？？
expect: asks-tail
user: 8340
expect: reason OUT_OF_STOCK
user: 给我推个现在有货的
expect: plans
user: 号都没了还让人下单 耍人玩呢 你们就不能提前下架吗
expect: max-chars 400
expect: no-id-request

## 怀疑套取身份信息：不得再要身份证
# 电信天翼卡49元 运营商系统故障；山东
user: 身份证号姓名都给你们了 卡呢？172202611100040
expect: asks-tail
user: 9457
expect: reason SYSTEM_OR_UNKNOWN
user: 你们该不会是套身份信息的骗子吧
expect: no-id-request
expect: max-chars 300
user: 那我的身份证信息你们会拿去干别的吗
expect: no-id-request

## 威胁打12315并要人工：立即转人工
# 广电惠民卡29元 联系不上退回；顺丰速运 SF1402781936524
user: 172202611100032 尾号5706 到底怎么回事
expect: reason DELIVERY_FAILED
user: 快递单号给我看看
bot: SF1402781936524
user: 三天两头出问题 再拖着我就打12315 现在马上给我找个人工
expect: handoff

## 移动受限用户：问能办什么，再说要去工信部投诉（未要人工）
# 陕西，37岁
user: 172202611100012
expect: asks-tail
user: 6002
expect: reason BLACKLIST_ARREARS
user: 那你说我现在到底能办什么
expect: plans
expect: plans-not-operator 移动
user: 我从来没欠过移动一分钱 凭什么说我受限 我要去工信部投诉你们
expect: max-chars 400
expect: no-id-request
expect: plans-not-operator 移动

## 第三次来问的客户：讽刺语气，之后要活人
# 30天内下单超限
user: 又是我 172202611100008 尾号4958 第三回问了
expect: reason FREQ_LIMIT
bot: 30
user: 呵呵 你们机器人真厉害 问三遍答三遍一样的
expect: max-chars 300
user: 别绕了 给我找个活人说话
expect: handoff

## English: cancelled order, customer paid and asks for the money back → person
locale: en
# 已取消；联通畅享卡59元；宁夏
user: My order 172202611100030 suddenly shows cancelled, I never cancelled anything. What happened?
expect: asks-tail
expect: lang en
user: 6213
expect: reason USER_CANCELLED
expect: lang en
user: I already paid for it. Please get my money refunded today.
expect: handoff
expect: lang en

## 说不清楚就要人工（句中提出）：立即转
user: 你好 我想问下我的卡办得怎么样了
expect: asks-order-no
user: 172202611100044
expect: asks-tail
user: 尾号我得去翻翻 你先给我接个人工吧 跟机器说不明白
expect: handoff

## English: "are you a bot" answered honestly without queueing, then an order
user: r u a real human or a bot lol
expect: no-handoff
expect: lang en
user: ok whatever. order 172202611100039, my card never got approved
expect: asks-tail
expect: lang en
user: 0089
expect: reason OUT_OF_STOCK
expect: lang en

## 繁體：三照上傳多次失敗，請真人客服
# 電信長期卡29元；吉林
user: 您好，我的訂單172202611100028，審核失敗寫三照異常
expect: asks-tail
user: 5703
expect: reason PHOTO_REQUIRED
user: 照片我上傳了好幾次都不行，麻煩請真人客服幫我處理一下
expect: handoff
