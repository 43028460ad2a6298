# Statuses that are not failures: in review (正在进单, 已提运营商), completed, settled, cancelled.
# (Shipped orders are in parcels.story; 无法结算/已失效/已撤单 also appear in order-faq, language and reorder.)

## 正在进单：不是失败，不推套餐；问状态含义、多久发货
# 联通大王卡29元；江苏；下单 2026-11-24
user: 172202611100043 审核到哪一步了
expect: asks-tail
user: 9832
expect: no-plans
user: 正在进单是啥意思 是卡住了吗
expect: max-chars 300
expect: no-plans
user: 一般多久能发货
expect: no-handoff

## 已提运营商：是好是坏、要不要做什么
# 移动畅游卡49元；陕西
user: 订单172202611100044 显示已提运营商 这是好是坏
expect: asks-tail
user: 2597
expect: no-plans
user: 那我这边还需要做点啥吗
expect: no-id-request
expect: no-plans

## 已完成：问新号码和首充
# 电信长期卡29元 首充50；号码 191****9332；云南
user: 172202611100047 显示已完成 是什么意思
expect: asks-tail
user: 9259
expect: no-plans
user: 我新号码多少来着 忘记了
bot: 191****9332
user: 这张卡首冲是多少
bot: 50

## 已结算：不是要客户付钱；问能否正常用、号码
# 电信天翼卡49元；海南；号码 153****4354
user: 我的单172202611100048写着已结算 是要我再付钱吗
expect: asks-tail
user: 7063
expect: no-plans
user: 就是说卡已经可以正常用了呗
expect: no-handoff
user: 号码发我确认一下
bot: 153****4354

## 已取消：没有卡会寄来，想要可以重下
# 联通畅享卡59元；宁夏
user: 172202611100030 怎么显示已取消
expect: asks-tail
user: 6213
expect: reason USER_CANCELLED
user: 那卡还会寄过来吗
expect: max-chars 300
user: 我还是想要 重新下一单可以吧
expect: no-id-request

## English: settled order — what it means and the number
locale: en
user: What does "已结算" mean on my order 172202611100048? Do I owe anything?
expect: asks-tail
expect: lang en
user: 7063
expect: no-plans
expect: lang en
user: Cool. Can you remind me of my new number?
bot: 153****4354
expect: lang en

## 繁體：已提運營商，要等多久、要不要補資料
user: 訂單172202611100044狀態是已提運營商，請問大概要等多久
expect: asks-tail
user: 2597
expect: no-plans
user: 需要我補什麼資料嗎
expect: no-id-request
