# English: the customer writes English, or opened the conversation in English.

## English customer, age restriction
locale: en
user: Why did my order 172202611100003 fail?
bot: last 4 digits
user: 4475
bot: @failure AGE_RESTRICTED
bot: Next step

## writing English in a Chinese conversation switches the language
user: hello, my order number is 172202611100014
bot: last 4 digits
user: 6599
bot: @failure AREA_FORBIDDEN

## English, shipped
locale: en
user: where is my card? order 172202611100045
user: 2018
bot: @status shipped
bot: tracking number

## English, wrong tail
locale: en
user: 172202611100006
user: 0000
bot: don't match
bot: 4 more tries

## English, unknown order
locale: en
user: order 172209999999998 please
bot: couldn't find
