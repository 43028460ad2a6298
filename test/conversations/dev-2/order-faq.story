# FAQ answered for the order on the table: its first top-up, an expired card, an address change after a failure, payment, photos.

## 无法结算（已激活未首充）：问要补充多少、充到哪个号码
# 电信长期卡29元 首充50；已开通号码 177****2013；广东
user: 172202611100035 无法结算是什么情况 卡我都在用了
expect: asks-tail
user: 4938
expect: reason FIRST_RECHARGE_MISSING
user: 那我得往里补多少钱
bot: 50
user: 是充到我新办的那个号上吧 号码是哪个来着
bot: 177****2013

## 已失效（超时未激活）：卡还在手上能不能开通、重下同一张问首充
# 移动星卡29元 首充30；已失效订单不应把号码当作“为您开通的号码”展示
user: 172202611100033 这单怎么失效了
expect: asks-tail
user: 4388
expect: reason ACTIVATION_EXPIRED
bot-not: 150****0206
user: 卡还在我抽屉里放着 现在插上去开通来得及不
expect: max-chars 300
user: 那我重新下同一张移动星卡 首充多少来着
bot: 30

## 地址不详：问“附近”为什么不行，要求在失败的原单上补全地址（只能重下）
# 电信长期卡29元；天津
user: 你好 172202611100018这个单子怎么审核失败了
expect: asks-tail
user: 8748
expect: reason ADDR_INVALID
user: 地址我写的南京路附近 这样都不行？
expect: max-chars 300
user: 你直接在原来的单子上帮我把地址补全了吧 补到门牌号
expect: no-handoff

## 地址黑名单（DZ）：问DZ、换单位地址重下
# 广电福兔卡19元；辽宁
user: 请问一下 我订单172202611100019 审核不通过是怎么回事
expect: asks-tail
user: 3791
expect: reason ADDR_INVALID
user: 后面括号里那个DZ是啥
expect: max-chars 300
user: 我这地址住了十年了 换成单位地址重新下能行不
expect: no-id-request
expect: no-handoff

## 支付失败：是不是银行卡过期、换微信付、首充多少
# 广电惠民卡29元 首充30；湖北
user: 172202611100037 支付失败 咋回事
expect: asks-tail
user: 3378
expect: reason PAYMENT_FAILED
user: 会不会是我那张银行卡过期了
expect: max-chars 300
user: 换微信付款可以吗
expect: no-handoff
user: 这张卡的首充是多少来着
bot: 30

## 首充未到账：问这张卡首充金额，再说钱已扣要退（转人工）
# 移动花卡19元 首充50；广东
user: 172202611100036 首充未到账是啥意思
expect: asks-tail
user: 1774
expect: reason PAYMENT_FAILED
user: 这张卡首充是要交几块钱
bot: 50
user: 可我微信里已经扣了钱了 帮我把这笔钱退回来
expect: handoff

## 三照异常：问三照是哪三张、能否直接在聊天里发照片
# 电信长期卡29元；吉林
user: 172202611100028 三照异常是啥
expect: asks-tail
user: 5703
expect: reason PHOTO_REQUIRED
user: 三照具体是哪三张照片
expect: max-chars 300
user: 我直接拍了在这发给你行不行
expect: no-handoff
