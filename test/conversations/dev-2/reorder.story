# Reorder questions: "yes, after you fix X" (or "no, only another plan"), the pre-check offered, not demanded.

## 身份信息不一致：能不能再下一次，生僻字是不是原因
# 联通大王卡29元；广东，34岁
user: 172202611100001 尾号0251
expect: reason ID_INFO_INVALID
user: 我再下一遍能过不
expect: no-handoff
user: 我名字里有个生僻字 当时是拼出来的 会不会就是这个原因
expect: max-chars 300
expect: no-handoff

## 联系电话上限：换联系电话重新下单，问同一张的首充
# 移动星卡29元 首充30；广西
user: 172202611100021 为啥失败了
expect: asks-tail
user: 3303
expect: reason CONTACT_PHONE_LIMIT
user: 我换我老公的手机号当联系电话 重新下一单可以吧
expect: no-id-request
expect: no-handoff
user: 还是下移动星卡29的话 首充得交多少
bot: 30

## 号码选占失败：问是不是被抢了、重下换号、不挑号
# 联通大王卡29元；江西
user: 172202611100022 尾号5855
expect: reason NUMBER_TAKEN
user: 我挑的那个靓号被别人抢走了？
expect: max-chars 300
user: 能不能再下一单换个号码
expect: no-id-request
user: 不挑号了 让系统随便给一个行吗
expect: no-handoff

## 63岁入网资格校验失败：让闺女再下同一张也不行，只认联通
# 出生1963-02-08 → 63岁；联通大王卡29元 16–60；四川
user: 喂你好，我是老胡啊，我那个联通的卡没办下来，单号是172202611100005，你帮我看一下是不是哪里填的不对，我眼睛不好使
expect: asks-tail
user: 6511
expect: reason AGE_RESTRICTED
bot: 63
bot: 60
user: 那我叫我闺女拿我的证件再下一次 还是这张大王卡 能成不
expect: plans-age 63
bot: 60
user: 别的公司我不要 我就认联通
expect: plans
expect: plans-operator 联通
expect: plans-age 63

## 驿站地址：问为何驿站不行，重下写到家里门牌号
# 联通畅享卡59元；安徽
user: 172202611100020 咋没通过啊
expect: asks-tail
user: 6854
expect: reason ADDR_INVALID
user: 驿站为啥不行 我平时快递都是寄那的
expect: max-chars 300
user: 那我重下一单 地址写到家里门牌号就ok了是吧
expect: no-id-request
expect: no-handoff

## 已撤单：手滑撤了，问能否恢复，重下问首充
# 移动畅游卡49元 在售，首充50；内蒙古
user: 172202611100029 怎么变成已撤单了
expect: asks-tail
user: 2312
expect: reason USER_CANCELLED
user: 可能是我手滑点的 还能给我恢复回来不
expect: no-id-request
user: 那就重新下 移动畅游卡首充多少钱
bot: 50

## 风控未通过（移动）：明天重试能否过，换运营商推荐
# 移动花卡19元；湖南，26岁
user: 172202611100010
expect: asks-tail
user: 3883
expect: reason RISK_CONTROL
user: 我明天再提交一次能过吗
expect: no-id-request
user: 要不换个运营商保险点 你推荐一个
expect: plans
expect: plans-not-operator 移动

## 重复下单：只点了一次提交，还要不要再下
# 广电福兔卡19元；山西
user: 172202611100027 显示重复下单
expect: asks-tail
user: 5765
expect: reason DUPLICATE_ORDER
user: 我就点了一次提交 怎么会重复
expect: max-chars 300
user: 那我还需要再下一单吗
expect: no-id-request

## English: max orders exceeded (Unicom), can I order again, then another operator
locale: en
# 超过最大下单数量 → ID_QUOTA_EXCEEDED；联通大王卡29元；湖北，30岁
user: hi, order 172202611100007 says exceeded maximum order quantity. what does it mean
expect: asks-tail
expect: lang en
user: 3312
expect: reason ID_QUOTA_EXCEEDED
expect: lang en
user: Can I place the order again later, or is it blocked forever?
expect: lang en
expect: no-id-request
user: Fine, give me something from a different operator then
expect: plans
expect: plans-not-operator 联通
expect: lang en

## 欠费（电信）：说已缴清问能否重下，不行的话别家有啥
# 电信天翼卡49元；重庆，42岁
user: 172202611100013 0022
expect: reason BLACKLIST_ARREARS
user: 欠的钱我昨天已经交清了 现在能重新下了吧
expect: no-id-request
user: 万一还不行 别家运营商有啥
expect: plans
expect: plans-not-operator 电信
