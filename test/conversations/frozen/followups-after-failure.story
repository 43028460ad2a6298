## 30-day limit: how many days, then another operator
user: 172202611100008 后四位4958
expect: reason FREQ_LIMIT
bot: 30
user: 然后呢 我现在该咋弄
expect: no-id-request
expect: plans-not-operator 电信
user: 要等多少天才可以再下
expect: max-chars 220
bot: 30
bot-not: 90天
user: 等不起 换个运营商的卡能马上办吗
expect: plans
expect: plans-not-operator 电信

## number taken: what happened, can it be won back, reorder with any number
user: 172202611100022 5855 选的号咋没了
expect: reason NUMBER_TAKEN
user: 说人话 到底啥情况
expect: max-chars 240
expect: no-handoff
user: 那个靓号我挑了半天 还能抢回来不
expect: max-chars 240
expect: no-handoff
user: 算了随便给我分一个号也行 重下要怎么弄
expect: max-chars 260
expect: no-id-request

## payment not received: next step, the top-up amount, money already taken
user: 172202611100036
expect: asks-tail
user: 1774
expect: reason PAYMENT_FAILED
user: 接下来我要干嘛
expect: max-chars 260
expect: no-handoff
user: 首充我应该交多少来着
expect: max-chars 220
bot: 50
user: 我微信明明付过了 账单里有扣款记录 它却说没到账
expect: handoff

## face check keeps failing at activation
user: 卡到手了激活不了 单号172202611100034 手机尾号6668
expect: reason ACTIVATION_FAILED
user: 刷了三次脸都不行 是不是戴眼镜的原因
expect: max-chars 260
expect: no-handoff
user: 卡是我老公名下的 我替他刷可以吗
expect: max-chars 260
expect: no-handoff
user: ok 那还有别的办法没 他白天上班没空
expect: max-chars 260
expect: no-handoff

## photos missing: which photos, sending them in the chat, next step
user: 172202611100028
expect: asks-tail
user: 5703
expect: reason PHOTO_REQUIRED
user: 三照指的是哪几张照片
expect: max-chars 240
expect: no-id-request
user: 我拍好了 直接在这发给你行不行
expect: max-chars 240
expect: no-id-request
user: 传完以后订单还要重新下吗
expect: max-chars 240
expect: no-id-request

## ID mismatch: how come, an expired ID, reordering
user: 查单 172202611100001
expect: asks-tail
user: 0251
expect: reason ID_INFO_INVALID
user: 咋会这样呢 名字我一个字都没打错
expect: max-chars 260
expect: no-handoff
user: 会不会是身份证过期了的原因 我的下个月才到期
expect: max-chars 260
user: 我能不能再下一次单
expect: no-id-request
expect: max-chars 260

## vague address in Tianjin: what it means, how detailed, editing the order
user: 172202611100018 8748 地址不详 啥意思
expect: reason ADDR_INVALID
user: 我就写了小区名字 还要写几号楼几室？
expect: max-chars 240
user: 不重下 在原来单子上改个地址可以吧
expect: max-chars 240
expect: no-id-request
user: 好吧 重新下的话还是这张电信长期卡 月租多少
expect: max-chars 220
bot: 29

## contact phone limit: another phone, the same plan again
user: 172 2026 1110 0021
expect: asks-tail
user: 3303
expect: reason CONTACT_PHONE_LIMIT
user: 有啥解决办法吗
expect: max-chars 260
expect: no-id-request
user: 联系电话换成我老婆的号 再下一单行吗
expect: max-chars 240
expect: no-id-request
user: 这张星卡首充要多少来着
expect: max-chars 200
bot: 30

## 15-year-old turned away with KSSC: what next, other cards, the shop
user: 我儿子下的单 172202611100004 尾号9817 提示办不了 KSSC
expect: reason AGE_RESTRICTED
bot: 15
bot: 18
user: 那下一步咋整
expect: max-chars 260
expect: no-plans
user: 给他换一张别的卡能行吗
expect: no-plans
expect: plans-age 15
user: 带他去营业厅办需要带些啥
expect: max-chars 260
expect: no-id-request

## risk control on a China Mobile order: how come, retry timing, Unicom
user: 我那个单子说风控没过 172202611100010 3883
expect: reason RISK_CONTROL
user: 我又没干啥违法的事 凭啥说我有风险
expect: max-chars 260
expect: no-handoff
user: 过一两天再下一次能过吗
expect: max-chars 240
user: 换成联通的卡呢
expect: plans
expect: plans-operator 联通
expect: plans-not-operator 移动
