# Сообщения Kombi на русском. Ключи те же, что в locales/en/kombi.ftl (тест сверяет оба каталога).
# Аргументы приходят уже записанными текстом.

## Показатели формы или документа

field-not-negative = не может быть отрицательным, указано { $value }
field-not-fraction = должно быть долей от 0 до 1 (0.13 = 13 %), указано { $value }
field-not-positive = должно быть больше нуля, указано { $value }

## Документы для расчёта (JSON)

json-not-object = ожидался объект, получено { $found }
json-unknown-field = неизвестное поле
json-missing-field = обязательное поле отсутствует
json-not-string = ожидалась строка, получено { $found }
json-not-bool = ожидалось true или false, получено { $found }
json-not-decimal = ожидалось десятичное число строкой, например "{ $example }", получено { $found }
json-decimal-too-long = ожидалось десятичное число строкой, например "{ $example }", получено { $found } (слишком много цифр для точного хранения: не более 28)
json-integer-too-long = целое { $found } нельзя хранить точно (слишком много цифр: не более 28)
json-decimal-as-number = ожидалось десятичное число строкой, например "{ $example }", получено число
json-not-date = ожидалась дата вида "2025-03-31", получено { $found }
json-not-product-map = ожидался объект с кодами продуктов в качестве ключей, получено { $found }
json-bad-product-code = код продукта — буквы, цифры, «_» и «-» (не более 64)
json-unknown-product = неизвестный код продукта (его нет в products)
json-standalone-missing = отсутствует: для каждого продукта нужны условия и использование при отдельной продаже
json-unreadable = не удалось прочитать
json-main-not-in-bundle = { $code } не входит в пакет
json-not-rate-list = ожидался список {"{"}date, currency, rate{"}"}, получено { $found }
json-no-rate = нет курса для { $currency }: добавьте его в exchange_rates

## Банк и его показатели

target-margin-below-one = должна быть меньше 1: маржа 100 % требует нулевых затрат
rate-invalid = { $detail }
engine-failure = { $detail }

## Продукты каталога

input-not-number = { $text } — не число
code-malformed = от 2 до 32 заглавных латинских букв, цифр или «_», например { $example }
product-name-required = введите название (не более 200 символов)
product-company-required = выберите компанию группы, которой принадлежит продукт
product-status-unknown = неизвестный статус { $value }; допустимо active или suspended
product-kind-unknown = неизвестный вид продукта { $value }; допустимо: { $expected }
price-parameter-unknown = неизвестный ценовой параметр { $value }; допустимо monthly_fee, annual_fee, setup_fee, transaction_fee или client_rate
currency-invalid = { $code } — не код валюты: нужны три заглавные латинские буквы, например "RUB"
choice-unknown = неизвестное значение { $field } { $value }; допустимо: { $expected }
form-incomplete = форма заполнена не полностью

## Сегменты

segment-name-required = дайте сегменту название
segment-priority-invalid = целое число от 1 до 10000; 1 — наивысший
rule-invalid = { $detail }
text-too-long = длина { $length } символов; допустимо не более { $max }

## Сохранение значений

value-too-precise = не более { $scale } знаков после запятой
value-too-large = слишком большое для хранения
value-unstorable = нельзя сохранить: { $detail }
sales-point-unknown = нет точки продаж { $code }
company-unknown = компании { $code } не существует
product-code-taken = продукт { $code } уже существует

## Записи клиентов (импорт, API клиентов)

field-required = обязательно
text-control-character = не может содержать управляющий символ { $character }
date-malformed = { $text } — не дата вида ГГГГ-ММ-ДД
date-out-of-range = { $text } вне допустимого диапазона (годы с { $first } по { $last })
birth-date-in-future = { $date } — дата в будущем (сегодня { $today })
amount-malformed = { $text } — не сумма (цифры, копейки через точку)
currency-code-malformed = { $text } — не код валюты ISO 4217 (3 буквы)
language-code-malformed = { $text } — не код языка ISO 639-1 (2 буквы)
integer-malformed = { $text } — не целое число
children-out-of-range = { $value } вне диапазона 0..={ $max }
age-out-of-range = { $value } вне диапазона 0..={ $max }
age-born-before-1900 = { $value } лет на { $date } — рождение раньше 1900 года
age-as-of-required = обязательна вместе с возрастом: дата, на которую указан возраст
age-required-with-date = обязателен: дата указана, а возраст нет
age-as-of-in-future = { $date } — дата в будущем (сегодня { $today })
age-contradicts-birth-date = { $value } на { $date } противоречит дате рождения, по которой { $birth_age }
flag-malformed = { $text } — не да/нет (используйте true или false)
list-entry-separator = элемент { $entry } не может содержать «|»
list-entry-too-long = элемент { $entry } длиннее { $max } символов
product-code-malformed = { $text } — не код продукта (буквы, цифры и _)
sales-point-code-malformed = { $text } — не код точки продаж (до { $max } символов A-Z, 0-9, - и _)
attribute-key-malformed = ключ { $key } должен содержать от 1 до { $max } символов A-Z, a-z, 0-9, _ . -
attribute-value-invalid = { $key }: { $problem }
attribute-key-twice = ключ { $key } указан дважды
income-currency-required = обязательно, если указан доход
crm-id-empty = CRM id пуст
crm-id-too-long = CRM id длиной { $length } символов; допустимо не более { $max }
crm-id-character = CRM id содержит { $character } в позиции { $position }; допустимы только латинские буквы, цифры и _ . - /

## Общий макет страниц

nav-main = Основное меню
nav-home = Начало
nav-desk = Рабочее место
nav-catalog = Каталог
nav-segments = Сегменты
nav-matrices = Матрицы
nav-clients = Клиенты
nav-finance = Финансы
nav-users = Пользователи
role-advisor = Консультант
role-product-manager = Продуктовый менеджер
role-finance = Финансист
role-admin = Администратор
sign-out = Выйти
language-switch = Язык
error-status = Ошибка { $status }
error-go-home = На вашу начальную страницу

## Атрибуты клиента

gender-male = Мужской
gender-female = Женский
employment-employed = Работает по найму
employment-self_employed = Самозанятый
employment-student = Учится
employment-retired = Пенсионер
employment-unemployed = Не работает
employment-homemaker = Ведёт домашнее хозяйство
employment-other = Другое
marital-single = Не в браке
marital-married = В браке
marital-divorced = В разводе
marital-widowed = Вдова / вдовец
digital-low = Низкая
digital-medium = Средняя
digital-high = Высокая

## Рабочее место консультанта

desk-find = Найти
desk-no-match = Нет клиентов по запросу «{ $query }».
desk-crm-id = CRM id
desk-name = ФИО
desk-birth-date = Дата рождения
desk-city = Город
desk-back = К поиску
desk-stale-data = Данные клиента проверялись больше года назад (или не проверялись): проверьте их во время визита.
desk-segments = Сегменты
desk-no-segment = Клиент не входит ни в один сегмент.
desk-because = так как
desk-nearly-in = Почти входит
desk-fails-only = не хватает только:
desk-yes = да
desk-no = нет
desk-age = Возраст
desk-age-stated = { $age } (в CRM указано { $stated } на { $date })
desk-gender = Пол
desk-employment = Занятость
desk-income = Ежемесячный доход
desk-city-population = Население города
desk-region = Регион
desk-marital-status = Семейное положение
desk-children = Дети
desk-lifestyle = Образ жизни
desk-digital-affinity = Цифровая активность
desk-language = Язык
desk-islamic-banking = Исламский банкинг
desk-products-held = Продукты у клиента
desk-consent = Согласие на предложения
desk-data-verified = Данные проверены

## Вход

signin-title = Войти
signin-username = Имя пользователя
signin-password = Пароль
signin-throttled = Слишком много неудачных попыток входа. Подождите { $seconds } с и попробуйте снова.
signin-busy = Kombi сейчас занят входом других пользователей. Попробуйте через несколько секунд.
signin-wrong = Неверное имя пользователя или пароль, либо учётная запись отключена.

product-kind-required = выберите вид продукта
product-currency-required = укажите код валюты, например RUB
product-price-parameter-required = выберите условие, которое сравнивают клиенты (ценовой параметр)

## Заключения

verdict-breaks-even = { $code } безубыточен сам по себе: прибыль { $profit } в год
verdict-loss-alone = { $code } при отдельной продаже теряет { $loss } в год
verdict-keep-profitable = { $code } прибылен по рыночным условиям: оставить
verdict-keep-in-bundle = { $code } отдельно теряет { $loss } в год, но входит в комбинированный продукт: оставить в нём
verdict-cut-costs = { $code } теряет { $loss } в год и не входит ни в один комбинированный продукт: сократить затраты
verdict-suspend = { $code } теряет { $loss } в год по рыночным условиям, не входит ни в один комбинированный продукт, а затраты снизить нельзя: приостановить
verdict-bundle-earns = пакет приносит { $profit } в год
verdict-bundle-loses = пакет теряет { $loss } в год
verdict-no-margin = у пакета нет дохода, поэтому нет и маржи
verdict-margin-met = маржа { $margin } достигает цели { $target }
verdict-margin-below = маржа { $margin } ниже цели { $target }
verdict-subsidized = { $code } в пакете теряет { $loss } в год, это покрывает прибыль пакета
verdict-client-saves = клиент экономит { $saving } в год с пакетом
verdict-client-pays-more = в пакете клиент платит на { $extra } в год больше, чем по отдельности
verdict-addons-free = допродукты ничего не стоят клиенту
verdict-anchor-undefined = допродукты стоят { $paid } в год, а { $main } клиенту ничего не стоит: цене не к чему привязаться
verdict-anchor-within = допродукты стоят { $ratio } от { $main }, в пределах якоря { $threshold }
verdict-anchor-exceeded = допродукты стоят { $ratio } от { $main }, больше якоря { $threshold }
verdict-visit-no-limit = визит занимает { $total } мин; у точки нет ограничения
verdict-visit-fits = визит занимает { $total } из { $limit } доступных минут
verdict-visit-too-long = визит занимает { $total } мин, больше ограничения { $limit } мин

## Рекомендуемые цены

price-offer-solved = { $parameter } { $value } даёт целевую маржу { $target } и для клиента не хуже рынка ({ $market }): предлагать
price-keep-market = для целевой маржи { $target } нужен { $parameter } { $value }, что для клиента хуже рынка ({ $market }): оставить рыночную цену (цель не достигнута)
price-zero = целевая маржа { $target } достигается даже при { $parameter } { $value }, ниже нуля: рекомендовать 0
price-no-effect = { $parameter } не влияет на доход, поэтому никакое его значение не даёт целевую маржу { $target }: оставить рыночную цену

## Язык правил сегментов (src/domain/segment): что не так, затем подсказка после «: ».
rule-empty = правило пустое
rule-too-long = в правиле { $length } символов; допускается не больше { $max }
rule-at-column = { $detail } (столбец { $column })
rule-in-condition = условие { $condition }: { $detail }
rule-unknown-operator = неизвестный оператор '{ $symbol }'
rule-hint-operators = используйте =, !=, <, <=, > или >=
rule-unexpected-character = неожиданный символ { $char }
rule-unterminated-string = строка не закрыта
rule-hint-close-string = закройте её символом '"'
rule-unknown-escape = неизвестная escape-последовательность в строке
rule-hint-escapes = допустимы только \" и \\
rule-control-character = управляющий символ { $char } в строке
rule-expected-end = ожидалось 'and', 'or' или конец правила, а найдено { $found }
rule-the-end = конец правила
rule-expected = ожидалось { $what }, а найдено { $found }
rule-too-deep = вложенность правила глубже { $max } уровней
rule-expected-close = ожидалась ')', закрывающая '(' из столбца { $column }, а найдено { $found }
rule-what-condition = условие
rule-what-tag-keyword = 'tag' после 'has'
rule-expected-tag = после 'has tag' ожидался признак
rule-expected-product = после 'holds' ожидался код продукта
rule-expected-between-and = ожидалось 'and' после 'between { $low }', а найдено { $found }
rule-what-bracket = '[' после 'in'
rule-what-comma-or-bracket = ',' или ']'
rule-expected-test = после '{ $attribute }' ожидалось =, !=, <, <=, >, >=, 'between' или 'in', а найдено { $found }
rule-expected-value-after = после { $after } ожидалось значение
rule-takes-has = для { $attribute } используется оператор 'has'
rule-between-two-values = для between нужны два значения, а найдено "{ $value }"
rule-hint-between = пишите так: 18 and 25
rule-between-and = между двумя значениями ожидалось 'and', а найдено "{ $found }"
rule-hint-form-operators = используйте =, !=, <, <=, >, >=, between или in
rule-not-attribute = '{ $name }' — не атрибут: имена собственных атрибутов — от 1 до { $max } символов из A-Z, a-z, 0-9, _ . -
rule-keyword-not-attribute = '{ $name }' — ключевое слово, а не атрибут
rule-tested-with-has = '{ $name }' проверяется через 'has tag' или 'holds'
rule-catalog-not-custom = '{ $name }' — атрибут каталога, а не собственный
rule-operator-not-for = '{ $symbol }' неприменим к { $attribute }
rule-hint-equality = для { $attribute } используйте =, != или in
rule-expected-whole = для { $attribute } ожидалось целое число, а найдено { $found }
rule-expected-whole-range = для { $attribute } ожидалось целое число от { $min } до { $max }, а найдено { $found }
rule-expected-number = для { $attribute } ожидалось число, а найдено { $found }
rule-hint-number = пишите так: 1500.50, без кавычек и пробелов
rule-expected-date = для { $attribute } ожидалась дата, а найдено { $found }
rule-hint-date = пишите дату как ГГГГ-ММ-ДД
rule-expected-flag = для { $attribute } ожидалось true или false, а найдено { $found }
rule-kind-gender = пол
rule-kind-employment = занятость
rule-kind-marital-status = семейное положение
rule-kind-digital-affinity = цифровая активность
rule-too-many-digits = в { $found } слишком много цифр для собственного атрибута
rule-hint-digits = собственные атрибуты сравнивают числа не длиннее { $max } цифр
rule-hint-custom-order = собственные атрибуты упорядочиваются только как числа
rule-expected-value = для { $attribute } ожидалось значение
rule-what-currency = код валюты, например RUB
rule-what-language = код языка, например ru
rule-what-sales-point = код точки продаж, например MSK-HO
rule-what-text = непустой текст
rule-expected-text = для { $attribute } ожидался { $what }, а найдено { $found }
rule-hint-either = ожидалось { $a } или { $b }
rule-hint-one-of = ожидалось одно из: { $names }
rule-unknown-code = неизвестное значение «{ $kind }»: '{ $text }'
rule-not-tag = "{ $text }" — не признак образа жизни
rule-hint-tag = признак — от 1 до 64 символов, без '|'
rule-not-product = "{ $text }" — не код продукта
rule-hint-product = код продукта — латинские буквы, цифры и _, например CC_GRACE

## Почему движок доходности не смог посчитать показатель (src/domain/profitability/error.rs).
engine-arithmetic = { $failure } при расчёте { $quantity }
engine-for-product = { $detail } для { $product }
failure-overflow = переполнение
failure-division-by-zero = деление на ноль
quantity-monthly-fees = ежемесячных комиссий
quantity-setup-fee-per-year = платы за подключение в расчёте на год
quantity-transaction-fees = комиссий за операции
quantity-fees = комиссий
quantity-partner-commission = партнёрской комиссии
quantity-interest = процентного дохода
quantity-interchange = интерчейнджа
quantity-revenue = дохода
quantity-transaction-costs = затрат на операции
quantity-one-off-costs-per-year = разовых затрат в расчёте на год
quantity-expected-loss = ожидаемых потерь
quantity-opening-time-cost = стоимости времени на открытие
quantity-direct-cost = прямых затрат
quantity-visit-cost = стоимости визита
quantity-indirect-cost = косвенных затрат
quantity-profit = прибыли
quantity-margin = маржи
quantity-bundle-visit-overhead = затрат визита для комбинированного продукта
quantity-bundle-revenue = дохода комбинированного продукта
quantity-bundle-profit = прибыли комбинированного продукта
quantity-bundle-margin = маржи комбинированного продукта
quantity-currency-conversion = пересчёта валюты
quantity-price-slope = наклона цены
quantity-target-price = целевой цены
quantity-client-cost = затрат клиента
quantity-client-saving = экономии клиента
quantity-visit-minutes = минут визита
quantity-add-on-price-anchor = ценового ориентира дополнительного продукта
money-currency-mismatch = нельзя сложить { $left } и { $right } без курса валют
money-overflow = переполнение суммы при расчёте: { $what }
money-no-rate = нет курса { $from }→{ $to } на { $on } или раньше
money-invalid-rate = курс { $currency } на { $on } должен быть положительным, а указан { $rate }
money-rate-for-reporting = { $currency } — валюта отчётности: курс для неё не нужен

## Почему строка выгрузки CRM отклонена (src/import). Хранится с загрузкой, показывается на языке читателя.
import-not-a-date = { $text } — не дата в формате { $expected }
import-not-an-amount = { $text } — не сумма: пишите цифры, при желании с пробелами между разрядами, и одну «.» или «,» перед дробной частью
import-not-a-holding = { $text } не говорит, есть ли у клиента продукт: пишите да/нет, 1/0 или количество
import-id-part-blank = пусто, а из этого столбца составляется CRM id (crm_id.template в сопоставлении)
import-too-many-digits = в { $text } больше цифр, чем сумма может хранить точно (не более 28 после запятой)
import-field-count = в строке { $fields } полей, а в заголовке { $header }
import-not-utf8 = не является текстом в UTF-8
import-not-key-value = { $pair } не в виде ключ=значение
import-currency-unmapped = income_currency: { $detail }; сопоставьте столбец валюты или задайте options.default_income_currency
import-field-problem = { $unmapped_field }: { $detail }
import-attribute-twice = собственный атрибут { $key } указан дважды
import-record-too-long = запись длиннее { $max } байт (не осталась ли открытой кавычка?); чтение остановлено здесь
import-reading-stopped = чтение остановлено здесь: { $error }
import-duplicate-id = повторный CRM id { $id }, впервые встречен в строке { $first }
import-more-errors = ещё { $count } { $count ->
    [one] ошибка не показана
    [few] ошибки не показаны
   *[other] ошибок не показано
}

## Продуктовая матрица (src/domain/matrix).
matrix-not-a-term = это не условие комбинированного продукта: здесь задаются только комиссии, ставка клиента, кредитный лимит и минимальная сумма
matrix-not-usage = это не показатель использования: здесь задаются только остаток, траты и число операций
matrix-share-range = доля от 0 до 1 (0.25 = 25 %)
matrix-talking-points-long = не более { $max } символов
matrix-ambiguous = { $field } в точке { $point } задан по-разному в { $first } и { $second }: задайте его для самой точки или согласуйте группы
matrix-role-unknown = «{ $value }» — не роль: выберите основной, дополнительный, любой или не предлагается
matrix-order-number = целое число от 0 до { $max }
link-amount-missing = не указана сумма { $product }, поэтому связь нельзя проверить
link-limit-within = лимит { $card } { $limit } не превышает { $share } суммы { $deposit } { $amount }
link-limit-over = лимит { $card } { $limit } превышает { $share } суммы { $deposit } { $amount }
link-limit-overflow = лимит { $card } нельзя сравнить с { $share } суммы { $deposit } { $amount }: слишком большие числа
link-requires-met = у { $product } есть нужный ему { $needs }
link-requires-missing = { $product } нужен { $needs }, которого у клиента нет и который не входит в этот комбинированный продукт
link-excludes-both = { $first } и { $second } никогда не предлагаются вместе
link-excludes-apart = { $first } и { $second } не входят в продукт вместе
link-product-unknown = нет продукта с кодом { $code }
link-same-product = связь соединяет два разных продукта
link-kind-unknown = «{ $value }» — не вид связи
link-describe-limit = лимит { $card } не больше { $share } суммы { $deposit }
link-describe-requires = { $product } требует { $needs }: уже есть у клиента или в том же комплекте
link-describe-conditional = { $product }: { $figure } — { $value }, если клиент берёт и { $with }
matrix-bundle-blocked = в { $point }, основной продукт { $main }: { $reason }

# client phone
phone-malformed = { $text } — не номер телефона: укажите его с кодом страны, например +7 916 123-45-67 (8 916 123-45-67 и 916 123-45-67 читаются как российские номера)

# the desk's proposal
offer-no-consent = Клиент не дал согласия на предложения: предлагать ничего нельзя. Спросите, хочет ли клиент дать согласие (подписанное согласие вносится в CRM), и оформите только то, за чем клиент пришёл.
offer-verify-first = Данные клиента проверялись больше года назад: сверьте их с клиентом и подтвердите, прежде чем формировать предложение.
offer-main-held = У клиента уже есть { $product }: выберите другой основной продукт.
offer-main-not-offered = Ни один сегмент клиента не предлагает { $product } как основной продукт в этой точке продаж.
offer-main-dropped = { $product } — основной продукт, за которым пришёл клиент: его нельзя исключить.
offer-not-in-bundle = { $product } не входит в этот комбинированный продукт.
offer-passed-no-matrix = у сегмента «{ $segment }» нет действующей опубликованной матрицы
offer-passed-disagree = матрицу сегмента «{ $segment }» здесь применить нельзя: { $reason }
offer-passed-no-main = матрица сегмента «{ $segment }» не предлагает { $product } как основной продукт в { $point }
offer-left-held = { $product }: уже есть у клиента
offer-left-dropped = { $product }: клиенту не нужен
offer-left-dropped-with = { $product } исключён вместе с { $needs }, без которого он не работает
offer-amount-below-min = сумма по { $product } должна быть не меньше { $min }
offer-limit-out-of-range = кредитный лимит { $product } должен быть больше нуля и не больше { $max }
offer-limit-capped = лимит { $card } снижен до { $limit }: не больше { $share } суммы { $deposit }
offer-no-saving = клиент ничего не экономит по сравнению с покупкой этих продуктов по отдельности
offer-visit-too-long = визит занимает { $total } мин — больше предела этой точки продаж ({ $limit } мин)
offer-visit-overflow = показатели этого предложения слишком велики для расчёта
outcome-note-too-long = комментарий длиннее { $max } символов
outcome-some-empty = отметьте продукты, которые клиент принял
outcome-reason-missing = выберите, почему клиент отказался
outcome-note-needed = в двух словах укажите, почему клиент отказался
outcome-unknown = { $value } — не результат: принял всё, принял часть или отказался
audit-unknown-code = { $value } — нет среди вариантов
audit-period-reversed = конец периода раньше его начала
settings-positive = должно быть больше нуля, получено { $value }

# Настройка банка
field-too-long = слишком длинно: не больше { $max } символов
setup-company-kind = «{ $value }» — не вид компании: bank, insurance, funds, brokerage или other
setup-currency = «{ $value }» — не валюта: укажите три буквы, например RUB или EUR
setup-point-code = «{ $value }» — не код точки продаж: 2–32 заглавные латинские буквы, цифры, «-» или «_», например MSK-HO
setup-point-format = «{ $value }» — не формат точки продаж; допустимо: { $expected }
setup-point-no-kinds = отметьте хотя бы один вид продуктов, которые точка может открывать
setup-decimals = в { $value } больше { $places } знаков после запятой
setup-role = «{ $value }» — не роль; допустимо: { $expected }
setup-advisor-point = консультанту нужна точка продаж, где он работает
setup-rate-reporting = { $currency } — валюта отчётности: её курс всегда 1
setup-date = «{ $value }» — не дата: пишите 2026-12-01 или 01.12.2026
setup-file-too-large = файл больше { $max_mb } МБ
setup-file-not-utf8 = текст не в UTF-8: сохраните файл как «CSV UTF-8»
setup-file-csv = файл не читается как CSV: { $error }
setup-file-empty = в файле нет строки заголовка
setup-column-unknown = — не столбец этого файла; столбцы: { $expected }
setup-column-missing = — такого столбца нет в заголовке
setup-file-too-many-rows = в файле больше { $max } строк
setup-row-too-long = в строке { $cells } ячеек, а в заголовке { $columns } столбцов
setup-duplicate = повторяет строку { $first }
setup-currency-fixed = каталог рассчитан в { $currency }: валюту отчётности больше нельзя изменить
setup-username-taken = такое имя пользователя уже занято
point-code-taken = точка продаж { $code } уже есть
