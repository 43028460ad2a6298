# One story per failure code: the order number (in a sentence or alone), the phone tail, the explanation.
# Orders and tails are the bundled demo orders (knowledge/demo-orders.json).

## ID_INFO_INVALID: explained after the phone tail (身份信息不一致)
user: 我的订单172202611100001为什么失败了
bot: 后4位
bot-not: 身份信息不一致
user: 0251
bot: @failure ID_INFO_INVALID

## AGE_RESTRICTED: explained after the phone tail (年龄不符)
user: 订单号172202611100003，帮我看看为啥没办成
bot: 后4位
bot-not: 年龄不符
user: 4475
bot: @failure AGE_RESTRICTED

## ID_QUOTA_EXCEEDED: explained after the phone tail (一证五号超限)
user: 172202611100006
bot: 后4位
bot-not: 一证五号超限
user: 6710
bot: @failure ID_QUOTA_EXCEEDED

## FREQ_LIMIT: explained after the phone tail (30天内同一证件/电话/地址下单超限)
user: 你好，我的卡一直没发货，订单是172202611100008
bot: 后4位
bot-not: 30天内同一证件/电话/地址下单超限
user: 4958
bot: @failure FREQ_LIMIT

## RISK_CONTROL: explained after the phone tail (风控校验未通过)
user: 查一下订单 172202611100010 怎么回事
bot: 后4位
bot-not: 风控校验未通过
user: 3883
bot: @failure RISK_CONTROL

## BLACKLIST_ARREARS: explained after the phone tail (移动受限用户)
user: 我的订单172202611100012为什么失败了
bot: 后4位
bot-not: 移动受限用户
user: 6002
bot: @failure BLACKLIST_ARREARS

## AREA_FORBIDDEN: explained after the phone tail (省分分级拦截)
user: 订单号172202611100014，帮我看看为啥没办成
bot: 后4位
bot-not: 省分分级拦截
user: 6599
bot: @failure AREA_FORBIDDEN

## ADDR_INVALID: explained after the phone tail (地址不详)
user: 172202611100018
bot: 后4位
bot-not: 地址不详
user: 8748
bot: @failure ADDR_INVALID

## CONTACT_PHONE_LIMIT: explained after the phone tail (联系电话办理的业务已达到上限)
user: 你好，我的卡一直没发货，订单是172202611100021
bot: 后4位
bot-not: 联系电话办理的业务已达到上限
user: 3303
bot: @failure CONTACT_PHONE_LIMIT

## NUMBER_TAKEN: explained after the phone tail (号码选占失败)
user: 查一下订单 172202611100022 怎么回事
bot: 后4位
bot-not: 号码选占失败
user: 5855
bot: @failure NUMBER_TAKEN

## PLAN_UNAVAILABLE: explained after the phone tail (已下架)
user: 我的订单172202611100023为什么失败了
bot: 后4位
bot-not: 已下架
user: 7981
bot: @failure PLAN_UNAVAILABLE

## DUPLICATE_ORDER: explained after the phone tail (重复下单)
user: 订单号172202611100027，帮我看看为啥没办成
bot: 后4位
bot-not: 重复下单
user: 5765
bot: @failure DUPLICATE_ORDER

## PHOTO_REQUIRED: explained after the phone tail (三照异常)
user: 172202611100028
bot: 后4位
bot-not: 三照异常
user: 5703
bot: @failure PHOTO_REQUIRED

## USER_CANCELLED: explained after the phone tail (已撤单)
user: 你好，我的卡一直没发货，订单是172202611100029
bot: 后4位
bot-not: 已撤单
user: 2312
bot: @failure USER_CANCELLED

## DELIVERY_FAILED: explained after the phone tail (用户拒收，快递已退回)
user: 查一下订单 172202611100031 怎么回事
bot: 后4位
bot-not: 用户拒收，快递已退回
user: 6474
bot: @failure DELIVERY_FAILED

## ACTIVATION_EXPIRED: explained after the phone tail (超时未激活)
user: 我的订单172202611100033为什么失败了
bot: 后4位
bot-not: 超时未激活
user: 4388
bot: @failure ACTIVATION_EXPIRED

## ACTIVATION_FAILED: explained after the phone tail (人脸识别失败)
user: 订单号172202611100034，帮我看看为啥没办成
bot: 后4位
bot-not: 人脸识别失败
user: 6668
bot: @failure ACTIVATION_FAILED

## FIRST_RECHARGE_MISSING: explained after the phone tail (已激活未首充)
user: 172202611100035
bot: 后4位
bot-not: 已激活未首充
user: 4938
bot: @failure FIRST_RECHARGE_MISSING

## PAYMENT_FAILED: explained after the phone tail (首充未到账)
user: 你好，我的卡一直没发货，订单是172202611100036
bot: 后4位
bot-not: 首充未到账
user: 1774
bot: @failure PAYMENT_FAILED

## OUT_OF_STOCK: explained after the phone tail (号池已空)
user: 查一下订单 172202611100038 怎么回事
bot: 后4位
bot-not: 号池已空
user: 8340
bot: @failure OUT_OF_STOCK

## SYSTEM_OR_UNKNOWN: explained after the phone tail (运营商系统故障)
user: 我的订单172202611100040为什么失败了
bot: 后4位
bot-not: 运营商系统故障
user: 9457
bot: @failure SYSTEM_OR_UNKNOWN
