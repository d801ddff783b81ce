
## Каталог

catalog-title = Каталог продуктов
catalog-new = Новый продукт
catalog-kind = Вид
catalog-status = Статус
catalog-currency = Валюта
catalog-any = Любой
catalog-filter = Отобрать
catalog-none = Нет продуктов, отвечающих условиям отбора.
catalog-past-end = Эта страница за концом списка:
catalog-first-page = к первой странице
catalog-shown = Продукты { $first }–{ $last } из { $total }.
status-active = Действует
status-suspended = Приостановлен
col-code = Код
col-name = Название
col-company = Компания
pager = Страницы
pager-previous = Предыдущие { $count }
pager-next = Следующие { $count }

## Виды продуктов

kind-current_account = Текущий счёт
kind-deposit = Вклад
kind-credit_card = Кредитная карта
kind-debit_card = Дебетовая карта
kind-virtual_card = Виртуальная карта
kind-online_banking = Интернет-банк
kind-sms_alerts = SMS-информирование
kind-transfers = Переводы
kind-vendor_payments = Оплата услуг
kind-insurance = Страхование
kind-investment = Инвестиции
kind-fx_brokerage = Валютный брокеридж
kind-other = Другое

## Показатели продукта

figure-lifetime_years = Срок жизни, лет
figure-lifetime_years-hint = сколько клиент пользуется продуктом; разовые затраты распределяются на этот срок
figure-ftp_rate = Ставка FTP
figure-ftp_rate-hint = доля: 0.08 = 8 %
figure-reserve_ratio = Норматив резервирования
figure-reserve_ratio-hint = пассивы; доля
figure-interchange_rate = Ставка интерчейнджа
figure-interchange_rate-hint = карты; доля от оборота
figure-expected_loss_rate = Ожидаемые потери
figure-expected_loss_rate-hint = кредитные карты; доля от остатка
figure-servicing_cost = Затраты на обслуживание
figure-servicing_cost-hint = на клиента в год
figure-cost_per_transaction = Затраты на операцию
figure-cost_per_transaction-hint = {""}
figure-partner_commission = Комиссия партнёра
figure-partner_commission-hint = платит поставщик за операцию
figure-issuance_cost = Затраты на выпуск
figure-issuance_cost-hint = разово
figure-acquisition_cost = Затраты на привлечение
figure-acquisition_cost-hint = разово
figure-opening_minutes = Время открытия, мин
figure-opening_minutes-hint = время консультанта на открытие
figure-overhead_rate = Накладные расходы
figure-overhead_rate-hint = косвенные затраты как доля прямых
figure-monthly_fee = Ежемесячная плата
figure-monthly_fee-hint = {""}
figure-annual_fee = Годовая плата
figure-annual_fee-hint = {""}
figure-setup_fee = Плата за подключение
figure-setup_fee-hint = разово
figure-transaction_fee = Комиссия за операцию
figure-transaction_fee-hint = {""}
figure-client_rate = Ставка для клиента
figure-client_rate-hint = ставка по вкладу или по карте; доля
figure-credit_limit = Кредитный лимит
figure-credit_limit-hint = кредитные карты
figure-min_amount = Минимальная сумма
figure-min_amount-hint = вклады: наименьшая сумма открытия
figure-avg_balance = Средний остаток
figure-avg_balance-hint = кредитная карта: остаток, на который начисляются проценты
figure-annual_spend = Оборот по карте за год
figure-annual_spend-hint = {""}
figure-transactions = Операций в год
figure-transactions-hint = {""}

## Отдельный P&L продукта

pnl-monthly-fees = Ежемесячная плата
pnl-monthly-fees-how = 12 × ежемесячная плата
pnl-annual-fee = Годовая плата
pnl-annual-fee-how = годовая плата
pnl-set-up-fee = Плата за подключение
pnl-set-up-fee-how = плата за подключение ÷ срок жизни
pnl-transaction-fees = Комиссии за операции
pnl-transaction-fees-how = операции × комиссия
pnl-partner-commission = Комиссия партнёра
pnl-partner-commission-how = операции × комиссия партнёра
pnl-interest = Процентный доход
pnl-interest-how = остаток × спред
pnl-interchange = Интерчейндж
pnl-interchange-how = оборот × ставка интерчейнджа
pnl-revenue = Доход
pnl-revenue-how = {""}
pnl-servicing = Обслуживание
pnl-servicing-how = в год
pnl-transaction-costs = Затраты на операции
pnl-transaction-costs-how = операции × затраты
pnl-one-off-costs = Разовые затраты
pnl-one-off-costs-how = (выпуск + привлечение) ÷ срок жизни
pnl-expected-loss = Ожидаемые потери
pnl-expected-loss-how = остаток × доля потерь
pnl-opening-time = Время открытия
pnl-opening-time-how = минуты × стоимость минуты ÷ срок жизни
pnl-direct-cost = Прямые затраты
pnl-direct-cost-how = {""}
pnl-visit-overhead = Накладные визита
pnl-visit-overhead-how = при отдельной продаже — весь визит
pnl-indirect-cost = Косвенные затраты
pnl-indirect-cost-how = доля накладных × (прямые + визит)
pnl-profit = Прибыль
pnl-profit-how = доход − затраты
pnl-margin = Маржа
pnl-margin-how = прибыль ÷ доход

## Страница продукта

product-edit = Изменить
product-sales-point = Точка продаж
product-costs-at = Затраты в точке:
product-no-pnl = P&L рассчитать нельзя: { $error }
product-verdicts = Заключения
product-price = Цена
product-price-parameter = Ценовой параметр
product-market = Рынок
product-recommended = Рекомендуется
product-pnl = P&L при отдельной продаже, на клиента в год ({ $currency })
product-line = Статья
product-how = Как считается
product-at-terms = По условиям отдельной продажи
product-at-market = По рыночной цене
product-inputs = Исходные данные

## Форма продукта

form-product = Продукт
form-economics = Экономика
form-terms = Условия отдельной продажи
form-usage = Использование типичным клиентом
form-code-hint = заглавные латинские буквы, цифры, _; потом не меняется
form-currency-hint = код ISO: RUB, EUR, USD …
form-company = Компания-владелец
form-company-hint = компания группы, на балансе которой продукт
form-costs-fixed = Затраты снизить нельзя
form-costs-fixed-hint = оценка финансистов; учитывается правилом приостановки
form-price-parameter-hint = условие, которое клиенты сравнивают между банками
form-market-price = Рыночная цена
form-market-price-hint = ценового параметра; ставка — долей
form-save = Сохранить
form-cancel = Отмена
form-choose = Выберите…

## Сегменты

segments-title = Сегменты клиентов
segments-new = Новый сегмент
segments-total = Клиентов в CRM: { $total }. Размеры сегментов посчитаны базой данных на сегодня.
segments-priority = Приоритет
segments-priority-hint = 1 предлагается первым
segments-segment = Сегмент
segments-rule = Правило
segments-clients = Клиентов
segments-share = Доля
segments-inactive = не действует
segments-all-points = Все точки продаж
segments-overlaps = Пересечения
segments-overlaps-note = Клиенты в обоих сегментах (клиенту из нескольких сегментов сначала предлагается сегмент с наивысшим приоритетом).
segments-saved = Сегмент сохранён.
segments-active = Действует
segments-description = Описание
segments-as-text = Текстом
segments-count = Посчитать
segments-from-conditions = Или соберите из условий
segments-conditions-hint = Заполните строки и нажмите «Посчитать по условиям» или «Сохранить по условиям»; текст выше будет переписан по ним.
segments-must-meet = Клиенты должны удовлетворять
segments-all-conditions = всем условиям
segments-any-condition = любому условию
segments-attribute = Атрибут
segments-operator = Оператор
segments-value = Значение
segments-attribute-n = Атрибут условия { $n }
segments-operator-n = Оператор условия { $n }
segments-value-n = Значение условия { $n }
segments-count-form = Посчитать по условиям
segments-save-form = Сохранить по условиям
segments-count-text = Клиентов, подходящих под правило сегодня: { $count }

## Импорт клиентов

import-title = Импорт клиентов
import-file = Выгрузка из CRM (CSV со строкой заголовков; «,» «;» или табуляция; UTF-8)
import-columns = Столбцы
import-canonical = Собственные столбцы Kombi (как пишет generate-crm)
import-note = Клиенты сопоставляются по CRM id: новые добавляются, изменённые обновляются, неизменённые не трогаются. Ошибочные строки пропускаются и перечисляются со строкой, столбцом и причиной.
import-button = Импортировать
import-recent = Последние импорты
import-none = Импортов ещё не было.
import-started = Начат
import-file-name = Файл
import-result = Результат
import-of = Импорт файла { $file }
import-started-at = Начат { $at }
import-refreshes = Страница обновляется сама.
import-rejected = Отклонённые строки
import-download = Скачать все в CSV
import-line = Строка
import-column = Столбец
import-reason = Причина
import-state-running = выполняется
import-state-finished = завершён
import-state-failed = не выполнен
import-state-interrupted = прерван
mappings-title = Сопоставления столбцов
mappings-note = Сопоставление говорит, в каком столбце выгрузки другой системы какой атрибут клиента и как переводить значения. Несопоставленные столбцы сохраняются как дополнительные атрибуты. Сохранение под существующим именем заменяет сопоставление.
mappings-save-title = Сохранить сопоставление
mappings-name-placeholder = например, выгрузка Siebel CRM
mappings-toml = Сопоставление (TOML)
mappings-save = Сохранить сопоставление

## Финансы

finance-title = Финансы — { $bank }
finance-targets = Цели по доходности
finance-products = Действующих продуктов: { $active }, приостановленных: { $suspended }.
finance-open-catalog = Открыть каталог
finance-points = Точки продаж
finance-cost-per-minute = Стоимость минуты отделения
finance-visit-minutes = Накладные визита, минут
finance-currency = Валюта отчётности
finance-target-margin = Целевая маржа пакета
finance-lifetime = Срок жизни пакета
finance-lifetime-years = { $years } лет
finance-overhead = Накладные пакета
finance-anchor = Ценовой якорь допродукта
finance-no-bank = (банк не настроен)

## Матрицы

matrices-title = Продуктовые матрицы
matrices-note = У каждого сегмента одна матрица продуктов, точек продаж и ролей (основной, дополнительный) с условиями комплекта и ожидаемым использованием. Её версии готовятся как черновики, проверяются расчётом доходности и публикуются; опубликованная версия не меняется.
matrices-matrix = Матрица
matrices-not-drafted = Не составлена

## Пользователи

users-name = Имя
users-role = Роль
users-sessions = Сеансы
users-actions = Действия
users-active = Активен
users-disabled = Отключён
users-disable = Отключить
users-enable = Включить
users-end-all = Завершить все сеансы
users-active-sessions = Активные сеансы
users-nobody = Никто не вошёл в систему.
users-user = Пользователь
users-signed-in = Вход
users-last-active = Последняя активность
users-from = Откуда
users-device = Устройство
users-end = Завершить сеанс
users-add-title = Добавить пользователя
users-name-shown = Отображаемое имя
users-initial-password = Начальный пароль
users-add = Добавить
users-added = Пользователь { $username } добавлен.
users-sessions-ended = { $count ->
    [one] Завершён { $count } сеанс.
    [few] Завершено { $count } сеанса.
   *[many] Завершено { $count } сеансов.
}

## Страницы ошибок

error-400 = Запрос не удалось понять
error-403 = Доступ запрещён
error-404 = Страница не найдена
error-429 = Слишком много попыток
error-500 = Что-то пошло не так
error-other = Запрос не удалось выполнить
error-internal = У нас что-то пошло не так. Ошибка записана в журнал; попробуйте ещё раз и обратитесь в поддержку, если она повторится.
error-no-page = По этому адресу страницы нет. Воспользуйтесь меню выше или вернитесь назад.
error-not-found = { $what }: не найдено
error-role = Ваша роль не даёт доступа к этой странице.
error-csrf = Форма устарела или отправлена не из Kombi. Вернитесь, обновите страницу и попробуйте снова.
error-signin-expired = Форма входа устарела. Откройте страницу входа заново и повторите.
error-no-product = В каталоге нет продукта { $code }.
error-no-segment = Сегмента { $code } нет.
error-no-client = Нет клиента с CRM id { $crm_id }.
error-no-import = Импорта { $id } нет.
error-no-mapping = Сохранённого сопоставления { $id } нет.
error-mapping-broken = Сохранённое сопоставление { $name } использовать нельзя: { $detail }
error-version = В форме не указано, какую версию она изменяет: откройте продукт заново.
error-session = session: ожидался номер сеанса или 'all', получено { $value }
error-active = active: ожидалось true или false, получено { $value }
error-disable-self = Нельзя отключить собственную учётную запись.
error-language = language: ожидалось en или ru, получено { $value }
error-upload-cut = Загрузка файла прервалась: { $detail }
error-upload-too-large = Файл больше 2 ГБ: импортируйте его командой `kombi import-crm`.

## Заголовки и пояснения форм

product-edit-heading = Изменить { $code }
product-conflict = Кто-то сохранил этот продукт после того, как вы его открыли. Откройте его заново, посмотрите изменения и внесите свои.
segments-heading = Сегмент { $code }
segments-not-flat = В правиле есть скобки или «not»: редактируйте его текстом.
import-choose-file = Выберите непустой CSV-файл для импорта.

## Поиск на рабочем месте

desk-cut = Показаны { $shown } из { $total }: уточните фамилию, чтобы сузить список.
desk-cut-many = Показаны { $shown } из более чем 200: уточните фамилию, чтобы сузить список.

## Условия сегментов словами (карточка клиента)

cond-tag = есть признак «{ $tag }»
cond-no-tag = нет признака «{ $tag }»
cond-holds = есть продукт «{ $product }»
cond-not-holds = нет продукта «{ $product }»
cond-age-ge = возраст { $years } лет и старше
cond-age-gt = старше { $years } лет
cond-age-le = возраст { $years } лет и младше
cond-age-lt = младше { $years } лет
cond-age-is = возраст { $years } лет
cond-age-is-not = возраст не { $years } лет
cond-age-between = возраст от { $low } до { $high } лет
cond-age-not-between = возраст не от { $low } до { $high } лет
cond-islamic = предпочитает исламский банкинг
cond-not-islamic = не просит исламский банкинг
cond-consent = согласен получать предложения
cond-no-consent = не давал согласия на предложения
cond-is = { $attribute }: { $value }
cond-is-not = { $attribute }: не { $value }
cond-lt = { $attribute } меньше { $value }
cond-le = { $attribute } не больше { $value }
cond-gt = { $attribute } больше { $value }
cond-ge = { $attribute } не меньше { $value }
cond-between = { $attribute } от { $low } до { $high }
cond-not-between = { $attribute } вне диапазона от { $low } до { $high }
cond-in = { $attribute }: { $values }
cond-not-in = { $attribute }: ни одно из { $values }
attr-age = возраст
attr-birth_date = дата рождения
attr-gender = пол
attr-employment = занятость
attr-monthly_income = ежемесячный доход
attr-income_currency = валюта дохода
attr-city = город
attr-region = регион
attr-city_population = население города
attr-marital_status = семейное положение
attr-children = дети
attr-digital_affinity = цифровая активность
attr-preferred_language = предпочитаемый язык
attr-islamic_banking = исламский банкинг
attr-consent_to_offers = согласие на предложения
attr-data_verified_on = данные проверены
attr-data_age_days = дней с проверки данных
attr-home_sales_point = домашняя точка продаж

## Учётная запись пользователя

account-password-title = Смена пароля
account-password-required = Администратор сбросил ваш пароль: чтобы продолжить, задайте новый.
account-current = Текущий пароль
account-new = Новый пароль (не короче 10 символов)
account-repeat = Новый пароль ещё раз
account-change = Сменить пароль
account-current-wrong = Текущий пароль указан неверно.
account-too-short = Новый пароль должен быть не короче { $min } символов.
account-too-long = Новый пароль должен быть не длиннее 256 символов.
account-repeat-differs = Новые пароли не совпадают.
account-same = Новый пароль должен отличаться от текущего.

## Управление пользователем

users-home-point = Точка продаж
users-last-sign-in = Последний вход
users-never = не входил
users-role-and-point = Роль и точка продаж
users-no-point = Нет
users-reset-title = Сброс пароля
users-reset-note = Задайте временный пароль: сеансы пользователя завершатся сейчас, а при следующем входе он выберет новый пароль.
users-temporary-password = Временный пароль
users-reset = Сбросить пароль
users-saved = Сохранено.
users-password-reset = Пароль сброшен: при следующем входе пользователь выберет новый.
users-keep-own-admin = Нельзя снять роль администратора с самого себя.
users-disable-title = Отключение пользователя
users-disable-question = Отключить пользователя { $name }? Он больше не сможет войти, а его открытые сеансы завершатся сейчас. Позже его можно включить снова.
error-no-user = Пользователя { $id } нет.

## Отчёты об импорте

import-summary = Строк: { $rows }; новых: { $new }, обновлено: { $updated }, без изменений: { $unchanged }, отклонено: { $rejected }.
import-finished = Импорт завершён.
import-finished-with-rejections = Импорт завершён, но часть строк отклонена: они перечислены ниже со строкой, столбцом и причиной. Исправьте их в файле и импортируйте его снова; уже сохранённые строки повторно не записываются.
import-interrupted = Импорт перестал сообщать о ходе работы (вероятно, Kombi был остановлен) после { $rows } строк. Записанные клиенты сохранены; импортируйте файл снова, чтобы завершить: неизменённые строки повторно не записываются.

## Подтверждения

product-saved = Продукт сохранён.
mappings-saved = Сопоставление сохранено.

form-problems = Перед сохранением продукта исправьте поля:

segments-typo = «{ $typed }» — неизвестный Kombi атрибут: может быть, «{ $meant }»? Как дополнительный атрибут CRM он учитывает только клиентов, у которых он есть в выгрузке.
segments-typo-confirm = В правиле атрибут, похожий на опечатку: исправьте его или отметьте, что имеется в виду дополнительный атрибут CRM, и сохраните.
segments-typo-ok = Да, это дополнительный атрибут CRM

user-role-unknown = выберите одну из ролей в списке
user-name-length = имя для входа должно быть длиной от 3 до 64 символов
user-name-characters = имя для входа может содержать только строчные латинские буквы, цифры, «.», «_» и «-»
user-display-name-invalid = введите отображаемое имя, не длиннее 200 символов
segment-code-taken = сегмент { $code } уже существует
segment-conflict = Пока вы редактировали сегмент, его сохранил кто-то другой (теперь это версия { $version }). Откройте его заново, чтобы увидеть изменения, и внесите свои.
segments-rule-hint = Сравнивайте атрибуты с помощью =, !=, <, <=, >, >=, between … and …, in […], has tag, holds; соединяйте условия словами and, or, not и скобками; собственные атрибуты CRM — по их имени. Например:
users-address-unknown = неизвестно
matrices-draft = Черновик
matrices-draft-n = черновик { $number }
matrices-in-force = версия { $number }, действует с { $date }
matrices-none-in-force = нет действующей версии: консультанты не получают предложения
matrix-title = Матрица: { $segment }
matrix-panel-title = Доходность каждого комбинированного продукта
matrix-no-main-here = В этой точке нет основного продукта: здесь ничего не предлагается.
matrix-status-ok = Проходит
matrix-status-warn = Проходит с предупреждениями
matrix-status-blocked = Заблокирован
matrix-main-is = Клиент пришёл за: { $product }
matrix-revenue = Доход в год
matrix-profit = Прибыль в год
matrix-margin = Маржа
matrix-package-revenue = Плата за пакет в год
matrix-client-separately = Клиент платит по отдельности
matrix-client-bundled = Клиент платит в комплекте
matrix-client-saving = Экономия клиента
matrix-product = Продукт
matrix-subsidized = дотируется
matrix-passed-checks = Пройденные проверки
matrix-role-main = Основной продукт
matrix-role-add_on = Дополнительный
matrix-role-main_or_add_on = Основной или дополнительный
matrix-role-not_offered = Не предлагается
matrix-done-draft = Черновик готов к правке.
matrix-done-copied = Матрица другого сегмента скопирована в новый черновик.
matrix-done-point = Столбец скопирован.
matrix-done-package = Плата за пакет сохранена.
matrix-done-published = Версия опубликована. Предыдущая версия сохранена без изменений.
matrix-done-withdrawn = Версия отозвана: с сегодняшнего дня она ничего не предлагает.
matrix-done-cell = Ячейка сохранена.
matrix-status-draft = Черновик
matrix-status-published = Опубликована
matrix-status-withdrawn = Отозвана
matrix-none-in-force = Сегодня не действует ни одна версия этой матрицы: консультанты не получают предложения для этого сегмента. Опубликуйте версию, чтобы его предлагать.
matrix-conflict-published = Эта версия опубликована и больше не меняется. Чтобы изменить матрицу, начните новый черновик.
matrix-conflict-stale = Пока вы правили, этот черновик сохранил кто-то другой. Ваши данные сохранены ниже; проверьте панель и сохраните ещё раз.
matrix-conflict-draft = У сегмента уже есть черновик { $number }: сначала завершите или опубликуйте его.
matrix-copy-nothing = У { $segment } нет матрицы для копирования.
matrix-copy-point-same = Выберите две разные точки продаж.
matrix-effective-date = Укажите дату вступления версии в силу (ГГГГ-ММ-ДД).
matrix-publish-blocked = Черновик не опубликован: эти комплекты не проходят блокирующую проверку.
matrix-publish-empty = В черновике нет ни одной ячейки: публиковать нечего.
matrix-publish-before = Версия не может вступить в силу раньше действующей ({ $date }).
matrix-none-yet = У этого сегмента ещё нет матрицы. Начните черновик или скопируйте матрицу другого сегмента.
matrix-version-n = Версия { $number }
matrix-read-only = Опубликованная версия не меняется. Чтобы изменить её, начните новый черновик.
matrix-all-points = Все точки
matrix-edit-cell-of = Изменить ячейку продукта { $product }
matrix-edit = Изменить
matrix-view = Открыть
matrix-grid-hint = В каждой ячейке — роль продукта, условия комплекта, отличные от отдельной продажи (в скобках — отдельная продажа), и рост использования. Затенённые ячейки унаследованы от более широкой области.
matrix-add-product = Добавить продукт:
matrix-links = Связи между продуктами
matrix-package-fee = Плата за пакет услуг
matrix-no-package = нет
matrix-per-month = в месяц
matrix-effective-from = Действует с
matrix-publish = Опубликовать
matrix-copy-column-from = Скопировать столбец
matrix-copy-column-to = в
matrix-copy-column = Скопировать столбец
matrix-package-hint = в месяц; пусто — без пакета
matrix-withdraw = Отозвать эту версию
matrix-withdraw-hint = С сегодняшнего дня консультанты не получают из неё предложений.
matrix-start-title = Изменить матрицу
matrix-start-draft = Начать черновик
matrix-start-draft-hint = копия опубликованной версии
matrix-copy-from = Начать с матрицы сегмента
matrix-copy-matrix = Скопировать матрицу
matrix-versions = Версии
matrix-version = Версия
matrix-state = Состояние
matrix-withdrawn-on = Отозвана
matrix-by = Кто
matrix-cell-title = Ячейка: { $product }
matrix-group = группа { $group }
matrix-scope-unknown = { $scope } — не область: используйте all, group:ИМЯ или point:КОД
matrix-back-to-version = Версия { $number }
matrix-cell-scope = Для: { $scope }
matrix-scopes = Области
matrix-cell-hint = Оставьте поле пустым, чтобы унаследовать значение более широкой области (оно указано под полем). Ячейка точки важнее ячеек её групп, а те — ячейки всех точек.
matrix-role = Роль
matrix-inherit = наследовать: { $value }
matrix-part-terms = Условия в комплекте
matrix-part-usage-alone = Использование при отдельной покупке
matrix-part-usage-in-bundle = Использование в комплекте
matrix-inherited = унаследовано: { $value }
matrix-uplift = рост { $value }
matrix-offer = В предложении
matrix-take-up = Доля согласий
matrix-share-hint = доля: 0,35 = 35 %
matrix-visit-share = Доля визитов как основной продукт
matrix-order = Порядок в предложении
matrix-talking-points = Что сказать клиенту
matrix-talking-points-hint = польза словами клиента: что продукт даёт вместе с основным
matrix-preview = Предпросмотр
matrix-done-links = Связи сохранены.
matrix-no-links = Связей нет.
matrix-remove = Удалить
matrix-link-kind = Связь
matrix-link-limit = лимит карты в пределах доли вклада
matrix-link-requires = первый требует второй
matrix-link-excludes = никогда вместе
matrix-link-conditional = лучшее условие вместе со вторым
matrix-link-product = Первый продукт
matrix-link-other = Второй продукт
matrix-link-share = Доля
matrix-link-figure = Условие
matrix-link-value = Значение
matrix-add-link = Добавить связь
matrix-link-hint = Доля — для лимита карты (0,5 = половина вклада); условие и значение — для лучшего условия.
link-index-unknown = в этой версии нет такой связи
product-in-matrices = В опубликованных комбинированных продуктах
product-in-no-matrix = Ни одна опубликованная матрица не предлагает этот продукт.
product-in-matrices-hint = Каждая версия при публикации зафиксировала условия продукта для клиента: изменение условий здесь дойдёт до этих клиентов только с новой версией.
product-pending-change = условия здесь отличаются от зафиксированных: опубликуйте новую версию, чтобы их предлагать
matrix-withdraw-confirm = Понимаю: с сегодняшнего дня консультанты не получают предложений из этой версии
matrix-withdraw-confirm-missing = Отметьте подтверждение, чтобы отозвать версию: консультанты перестанут получать из неё предложения.

# client phone
desk-phone = Телефон
desk-find-any-label = Найти клиента по CRM id, фамилии или телефону
desk-find-any-placeholder = CRM-0000001, Иванов или +7 916 123-45-67

# the desk: proposal, offers, results
nav-results = Результаты
desk-working-at = Работаю в
desk-no-point-option = — точка продаж не выбрана —
desk-home-point = основная
desk-switch-point = Сменить на сегодня
desk-covering-today = сегодня вы замещаете в этой точке; завтра снова в основной
desk-unknown-point = { $point } — не точка продаж банка.
desk-no-point = У вас нет точки продаж: попросите администратора указать вашу основную точку или выберите на странице стойки точку, в которой вы работаете сегодня.
desk-bank-not-set-up = Банк ещё не настроен: предлагать ничего нельзя, пока администратор его не настроит.
offer-propose-title = Комбинированный продукт
offer-at-point = В { $point }, сегодня.
offer-no-consent-short = Этому клиенту предлагать ничего нельзя.
offer-no-main-here = Ни у одного сегмента клиента нет опубликованной матрицы с основным продуктом, которого у клиента ещё нет, в этой точке продаж.
offer-main-label = Продукт, за которым пришёл клиент
offer-confirm-data = Я сверил данные клиента с клиентом (им больше года)
offer-propose = Сформировать предложение
offer-choose-main = Выберите продукт, за которым пришёл клиент.
offer-back-to-card = Карточка клиента
offer-back = Назад
offer-segment-line = { $segment } · версия матрицы { $version }
offer-passed-over = Пропущен:
offer-bank-figures = Показатели банка на клиента в год
offer-product = Продукт
offer-revenue = Доход
offer-profit = Прибыль
offer-visit-cost = Визит (один раз)
offer-bundle-total = Комбинированный продукт
offer-margin = маржа
offer-products = Продукты
offer-main = основной продукт
offer-subject-to-approval = после одобрения банком
offer-separately = отдельно
offer-drop-legend = Дополнительные продукты, которые клиенту не нужны
offer-client-pays = Что платит клиент
offer-fees-per-month = Комиссии в месяц
offer-fees-per-year = Комиссии в год
offer-package-fee = из них пакет услуг
offer-fees-separately = Те же продукты по отдельности, в год
offer-fee-saving = Клиент экономит в год
offer-one-off = Разовые комиссии
offer-interest-earned = Проценты, которые клиент получает за год
offer-interest-charged = Проценты по задолженности по карте за год
offer-no-saving-page = Клиент ничего не экономит по сравнению с покупкой продуктов по отдельности: скажите об этом или предложите меньше дополнительных продуктов.
offer-red-warning = В таком виде комбинированный продукт убыточен для банка. Клиент всё равно может его взять: тогда предложение будет записано и передано на проверку финансовой службе.
offer-amounts = Суммы, которые выбирает клиент
offer-amount-balance = сумма
offer-amount-limit = кредитный лимит
offer-amount-min-hint = не меньше { $min }
offer-amount-max-hint = не больше { $max }
offer-recompute = Пересчитать
offer-visit-plan = План визита
offer-step = Шаг
offer-minutes = Минут
offer-visit-total = Всего
offer-visit-limit = предел этой точки { $limit }
offer-record = Записать результат
offer-outcome = Результат
outcome-accepted_all = Принял всё
outcome-accepted_some = Принял часть
outcome-declined = Отказался
offer-accepted-which = Если часть: какие продукты
offer-decline-reason = Если отказ: почему
offer-note = Комментарий
offer-record-button = Записать
offer-key-missing = У этой формы нет одноразового ключа: обновите предложение и запишите снова.
offer-changed = Комбинированный продукт изменился, пока была открыта эта страница: сегмент «{ $segment }» теперь предлагается по версии матрицы { $version }. Пройдите её с клиентом и запишите результат снова.
decline-no_need = Не нужно
decline-too_expensive = Слишком дорого
decline-better_elsewhere = Есть предложение лучше в другом банке
decline-wants_to_think = Хочет подумать
decline-no_time = Сегодня нет времени
decline-other = Другое (укажите почему)
badge-green = Выгодно банку
badge-amber = Выгодно, с оговорками
badge-red = Невыгодно банку
step-identify = Идентификация и документы
step-verify-data = Сверка данных клиента
step-open = Оформление
step-credit-decision = Кредитное решение
offer-title = Предложение { $id }
offer-recorded = Предложение записано.
offer-flagged = В том виде, в каком клиент его принял, предложение убыточно для банка: его посмотрит финансовая служба.
offer-flagged-short = для финансов
offer-print = Распечатать для клиента
offer-date = Дата
offer-valid-until = Действует до
offer-advisor = Консультант
offer-point = Точка продаж
offer-segment = Сегмент
offer-version = версия матрицы { $version }
offer-badge = Для банка
offer-terms = Условия
offer-position-status = В предложении
offer-accepted = Принят
offer-opened = Открыт
offer-amount = Сумма
position-in_bundle = предложен
position-dropped = исключён клиентом
position-dropped_with = исключён вместе с нужным ему продуктом
error-no-offer = Предложения { $id } нет.
print-title = Ваш комбинированный продукт
print-for = Подготовлено для
print-valid = Предложение действует до
print-subject = Продукты с пометкой «после одобрения банком» оформляются после кредитного решения банка. Комиссии и ставки — действующие на дату предложения.
print-button = Печать
print-no-fees = Без комиссий
results-own = ваши предложения
results-from = С
results-to = По
results-by = В разрезе
results-show = Показать
results-all = все
results-summary = Итого
results-offers = Предложений
results-acceptance = Принято
results-per-visit = Продуктов за визит
results-per-client = Продуктов на клиента
results-take-up = Доля принятых доп. продуктов
results-expected = Ожидалось
results-breakdown = В разрезе
results-add-ons = Принятие каждого дополнительного продукта против предположения матрицы
results-offered = Предложено
results-taken = Принято
results-opened = Открыто
results-latest = Последние предложения
results-by-segment = сегмент
results-by-point = точка продаж
results-by-advisor = консультант
results-by-month = месяц

## Журнал аудита
nav-audit = Аудит
audit-intro = Каждое изменение продуктов, сегментов, матриц и пользователей, каждый вход, записанное предложение и импорт, каждый просмотр данных клиента за столом консультанта: кто, когда, откуда и каждое поле до и после. Записи нельзя изменить или удалить.
audit-actor = Кто
audit-action = Действие
audit-subject = Вид
audit-object = Объект
audit-export = Выгрузить в CSV
audit-none = Записей не найдено.
audit-older = Более ранние записи →
audit-col-number = Номер
audit-col-time = Когда
audit-col-actor-kind = Вид исполнителя
audit-col-actor = Исполнитель
audit-col-origin = Откуда
audit-col-changes = Изменения
audit-col-field = Поле
audit-col-before = До
audit-col-after = После
audit-actor-os = (командная строка)
audit-actor-claimed = (указанное имя)
audit-action-created = создание
audit-action-changed = изменение
audit-action-deactivated = отключение
audit-action-published = публикация
audit-action-withdrawn = отзыв
audit-action-signed-in = вход
audit-action-refused-sign-in = отказ во входе
audit-action-signed-out = выход
audit-action-ended = завершение
audit-action-viewed = просмотр
audit-action-recorded = запись
audit-action-confirmed = подтверждение АБС
audit-action-imported = импорт
audit-subject-product = продукт
audit-subject-segment = сегмент
audit-subject-matrix = матрица
audit-subject-user = пользователь
audit-subject-token = API-токен
audit-subject-offer = предложение
audit-subject-client = клиент
audit-subject-import = импорт CRM
audit-subject-session = сеанс
audit-export-xlsx = Выгрузить в Excel (XLSX)
audit-xlsx-cut = Обрезано на 200 000 строк: в выгрузке CSV есть все записи.
