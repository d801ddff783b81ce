# Kombi's messages in English: the reference catalog. Every key the code raises is here
# (src/i18n.rs tests it). Arguments arrive already written as text.

## Figures of a form or a document

field-not-negative = must not be negative, got { $value }
field-not-fraction = must be a fraction between 0 and 1 (0.13 = 13 %), got { $value }
field-not-positive = must be greater than zero, got { $value }

## Evaluation documents (JSON)

json-not-object = expected an object, got { $found }
json-unknown-field = unknown field
json-missing-field = missing required field
json-not-string = expected a string, got { $found }
json-not-bool = expected true or false, got { $found }
json-not-decimal = expected a decimal string like "{ $example }", got { $found }
json-decimal-too-long = expected a decimal string like "{ $example }", got { $found } (too many digits to keep exactly: at most 28)
json-integer-too-long = integer { $found } cannot be held exactly (too many digits to keep exactly: at most 28)
json-decimal-as-number = expected a decimal string like "{ $example }", got a number
json-not-date = expected a date like "2025-03-31", got { $found }
json-not-product-map = expected an object keyed by product code, got { $found }
json-bad-product-code = product codes use letters, digits, '_' and '-' (at most 64)
json-unknown-product = unknown product code (not in products)
json-standalone-missing = missing: every product needs its standalone terms and usage
json-unreadable = could not be read
json-main-not-in-bundle = { $code } is not a product of the bundle
json-not-rate-list = expected a list of {"{"}date, currency, rate{"}"}, got { $found }
json-no-rate = no exchange rate for { $currency }: add one to exchange_rates

## The bank and its figures

target-margin-below-one = must be below 1: a 100 % margin would need zero cost
rate-invalid = { $detail }
engine-failure = { $detail }

## Catalog products

input-not-number = { $text } is not a number
code-malformed = use 2 to 32 capital letters, digits or '_', e.g. { $example }
product-name-required = enter a name of up to 200 characters
product-company-required = choose the group company that owns the product
product-status-unknown = unknown status { $value }; expected active or suspended
product-kind-unknown = unknown product kind { $value }; expected one of: { $expected }
price-parameter-unknown = unknown price parameter { $value }; expected monthly_fee, annual_fee, setup_fee, transaction_fee or client_rate
currency-invalid = { $code } is not a currency code: expected three uppercase letters like "RUB"
choice-unknown = unknown { $field } { $value }; expected one of: { $expected }
form-incomplete = the form is incomplete

## Segments

segment-name-required = give the segment a name
segment-priority-invalid = a whole number from 1 to 10000; 1 is the highest
rule-invalid = { $detail }
text-too-long = is { $length } characters long; at most { $max } are allowed

## Storing values

value-too-precise = keep at most { $scale } decimal places
value-too-large = too large to store
value-unstorable = cannot be stored: { $detail }
sales-point-unknown = there is no sales point { $code }
company-unknown = company { $code } does not exist
product-code-taken = a product { $code } already exists

## Client records (imports, the client API)

field-required = is required
text-control-character = must not contain the control character { $character }
date-malformed = { $text } is not a date in the form YYYY-MM-DD
date-out-of-range = { $text } is out of range (years { $first } to { $last })
birth-date-in-future = { $date } is in the future (today is { $today })
amount-malformed = { $text } is not an amount (digits, with '.' before the kopecks)
currency-code-malformed = { $text } is not an ISO 4217 currency code (3 letters)
language-code-malformed = { $text } is not an ISO 639-1 language code (2 letters)
integer-malformed = { $text } is not a whole number
children-out-of-range = { $value } is outside 0..={ $max }
age-out-of-range = { $value } is outside 0..={ $max }
age-born-before-1900 = { $value } years on { $date } means born before 1900
age-as-of-required = is required with an age: the date the age was true on
age-required-with-date = is required: the date is given, the age is not
age-as-of-in-future = { $date } is in the future (today is { $today })
age-contradicts-birth-date = { $value } on { $date } contradicts the birth date, which gives { $birth_age }
flag-malformed = { $text } is not yes/no (use true or false)
list-entry-separator = entry { $entry } must not contain '|'
list-entry-too-long = entry { $entry } is longer than { $max } characters
product-code-malformed = { $text } is not a product code (letters, digits and _)
sales-point-code-malformed = { $text } is not a sales point code (up to { $max } of A-Z, 0-9, - and _)
attribute-key-malformed = key { $key } must be 1..={ $max } of A-Z, a-z, 0-9, _ . -
attribute-value-invalid = { $key }: { $problem }
attribute-key-twice = key { $key } appears twice
income-currency-required = is required when an income is given
crm-id-empty = CRM id is empty
crm-id-too-long = CRM id is { $length } characters long; at most { $max } are allowed
crm-id-character = CRM id contains { $character } at position { $position }; only letters A-Z, a-z, digits and _ . - / are allowed

## The common layout

nav-main = Main
nav-home = Start
nav-desk = Desk
nav-catalog = Catalog
nav-segments = Segments
nav-matrices = Matrices
nav-clients = Clients
nav-finance = Finance
nav-users = Users
role-advisor = Advisor
role-product-manager = Product manager
role-finance = Finance
role-admin = Administrator
sign-out = Sign out
language-switch = Language
error-status = Error { $status }
error-go-home = Go to your start page

## Client attributes

gender-male = Male
gender-female = Female
employment-employed = Employed
employment-self_employed = Self-employed
employment-student = Student
employment-retired = Retired
employment-unemployed = Unemployed
employment-homemaker = Homemaker
employment-other = Other
marital-single = Single
marital-married = Married
marital-divorced = Divorced
marital-widowed = Widowed
digital-low = Low
digital-medium = Medium
digital-high = High

## The desk

desk-find = Find
desk-no-match = No client matches “{ $query }”.
desk-crm-id = CRM id
desk-name = Name
desk-birth-date = Birth date
desk-city = City
desk-back = Back to search
desk-stale-data = The client's data were last verified more than a year ago (or never): verify them during this visit.
desk-segments = Segments
desk-no-segment = The client is in no segment.
desk-because = because
desk-nearly-in = Nearly in
desk-fails-only = missing only:
desk-yes = yes
desk-no = no
desk-age = Age
desk-age-stated = { $age } (the CRM stated { $stated } on { $date })
desk-gender = Gender
desk-employment = Employment
desk-income = Monthly income
desk-city-population = City population
desk-region = Region
desk-marital-status = Marital status
desk-children = Children
desk-lifestyle = Lifestyle
desk-digital-affinity = Digital affinity
desk-language = Language
desk-islamic-banking = Islamic banking
desk-products-held = Products held
desk-consent = Consent to offers
desk-data-verified = Data verified

## Signing in

signin-title = Sign in
signin-username = Username
signin-password = Password
signin-throttled = Too many failed sign-ins. Wait { $seconds } seconds, then try again.
signin-busy = Kombi is busy signing other people in. Try again in a few seconds.
signin-wrong = Wrong username or password, or the account is disabled.

product-kind-required = choose the kind of product
product-currency-required = enter the currency code, e.g. RUB
product-price-parameter-required = choose the term clients compare (the price parameter)

## Verdicts

verdict-breaks-even = { $code } breaks even alone: profit { $profit } a year
verdict-loss-alone = { $code } loses { $loss } a year when sold alone
verdict-keep-profitable = { $code } is profitable at market terms: keep it
verdict-keep-in-bundle = { $code } loses { $loss } a year alone but is part of a combined product: keep it there
verdict-cut-costs = { $code } loses { $loss } a year and is in no combined product: cut its costs
verdict-suspend = { $code } loses { $loss } a year at market terms, is in no combined product and its costs cannot be cut: suspend it
verdict-bundle-earns = the bundle earns { $profit } a year
verdict-bundle-loses = the bundle loses { $loss } a year
verdict-no-margin = the bundle has no revenue, so it has no margin
verdict-margin-met = margin { $margin } meets the { $target } target
verdict-margin-below = margin { $margin } is below the { $target } target
verdict-subsidized = { $code } runs a loss of { $loss } a year inside the bundle, covered by the bundle's profit
verdict-client-saves = the client saves { $saving } a year with the bundle
verdict-client-pays-more = the client pays { $extra } a year more in the bundle than separately
verdict-addons-free = the add-ons cost the client nothing
verdict-anchor-undefined = add-ons cost { $paid } a year while { $main } costs the client nothing: no price anchors them
verdict-anchor-within = add-ons cost { $ratio } of { $main }, within the { $threshold } anchor
verdict-anchor-exceeded = add-ons cost { $ratio } of { $main }, above the { $threshold } anchor
verdict-visit-no-limit = the visit takes { $total } minutes; this point sets no limit
verdict-visit-fits = the visit takes { $total } of the { $limit } minutes available
verdict-visit-too-long = the visit takes { $total } minutes, over the { $limit }-minute limit

## Recommended prices

price-offer-solved = { $parameter } { $value } reaches the { $target } target margin and is no worse for the client than the market { $market }: offer it
price-keep-market = reaching the { $target } target margin needs { $parameter } { $value }, worse for the client than the market { $market }: keep the market price (the target is not met)
price-zero = the { $target } target margin is met even at { $parameter } { $value }, below zero: recommend 0
price-no-effect = { $parameter } does not change revenue, so no value of it reaches the { $target } target margin: keep the market price

## The segment rule language (src/domain/segment): what is wrong, then a hint after ": ".
rule-empty = the rule is empty
rule-too-long = the rule is { $length } characters long; at most { $max } are allowed
rule-at-column = { $detail } at column { $column }
rule-in-condition = condition { $condition }: { $detail }
rule-unknown-operator = unknown operator '{ $symbol }'
rule-hint-operators = use =, !=, <, <=, > or >=
rule-unexpected-character = unexpected character { $char }
rule-unterminated-string = unterminated string
rule-hint-close-string = close it with '"'
rule-unknown-escape = unknown escape in string
rule-hint-escapes = only \" and \\ are allowed
rule-control-character = control character { $char } in string
rule-expected-end = expected 'and', 'or' or the end of the rule, found { $found }
rule-the-end = the end of the rule
rule-expected = expected { $what }, found { $found }
rule-too-deep = the rule nests deeper than { $max } levels
rule-expected-close = expected ')' to close '(' from column { $column }, found { $found }
rule-what-condition = a condition
rule-what-tag-keyword = 'tag' after 'has'
rule-expected-tag = expected a tag after 'has tag'
rule-expected-product = expected a product code after 'holds'
rule-expected-between-and = expected 'and' after 'between { $low }', found { $found }
rule-what-bracket = '[' after 'in'
rule-what-comma-or-bracket = ',' or ']'
rule-expected-test = expected =, !=, <, <=, >, >=, 'between' or 'in' after '{ $attribute }', found { $found }
rule-expected-value-after = expected a value after { $after }
rule-takes-has = { $attribute } takes the operator 'has'
rule-between-two-values = expected two values for between, found "{ $value }"
rule-hint-between = write it like 18 and 25
rule-between-and = expected 'and' between the two values, found "{ $found }"
rule-hint-form-operators = use =, !=, <, <=, >, >=, between or in
rule-not-attribute = '{ $name }' is not an attribute: custom attribute names are 1 to { $max } of A-Z, a-z, 0-9, _ . -
rule-keyword-not-attribute = '{ $name }' is a keyword, not an attribute
rule-tested-with-has = '{ $name }' is tested with 'has tag' or 'holds'
rule-catalog-not-custom = '{ $name }' is a catalog attribute, not a custom one
rule-operator-not-for = '{ $symbol }' does not apply to { $attribute }
rule-hint-equality = { $attribute } takes =, != or in
rule-expected-whole = expected a whole number for { $attribute }, found { $found }
rule-expected-whole-range = expected a whole number from { $min } to { $max } for { $attribute }, found { $found }
rule-expected-number = expected a number for { $attribute }, found { $found }
rule-hint-number = write it like 1500.50, without quotes or spaces
rule-expected-date = expected a date for { $attribute }, found { $found }
rule-hint-date = write it as YYYY-MM-DD
rule-expected-flag = expected true or false for { $attribute }, found { $found }
rule-kind-gender = gender
rule-kind-employment = employment
rule-kind-marital-status = marital status
rule-kind-digital-affinity = digital affinity
rule-too-many-digits = { $found } has too many digits for a custom attribute
rule-hint-digits = custom attributes compare numbers of up to { $max } digits
rule-hint-custom-order = custom attributes are ordered only as numbers
rule-expected-value = expected a value for { $attribute }
rule-what-currency = a currency code such as RUB
rule-what-language = a language code such as ru
rule-what-sales-point = a sales point code such as MSK-HO
rule-what-text = a non-empty text
rule-expected-text = expected { $what } for { $attribute }, found { $found }
rule-hint-either = expected { $a } or { $b }
rule-hint-one-of = expected one of { $names }
rule-unknown-code = unknown { $kind } '{ $text }'
rule-not-tag = "{ $text }" is not a lifestyle tag
rule-hint-tag = tags are 1 to 64 characters, without '|'
rule-not-product = "{ $text }" is not a product code
rule-hint-product = product codes are letters, digits and _, such as CC_GRACE

## Why the profitability engine could not compute a figure (src/domain/profitability/error.rs).
engine-arithmetic = { $failure } computing { $quantity }
engine-for-product = { $detail } for { $product }
failure-overflow = overflow
failure-division-by-zero = division by zero
quantity-monthly-fees = monthly fees
quantity-setup-fee-per-year = setup fee per year
quantity-transaction-fees = transaction fees
quantity-fees = fees
quantity-partner-commission = partner commission
quantity-interest = interest
quantity-interchange = interchange
quantity-revenue = revenue
quantity-transaction-costs = transaction costs
quantity-one-off-costs-per-year = one-off costs per year
quantity-expected-loss = expected loss
quantity-opening-time-cost = opening time cost
quantity-direct-cost = direct cost
quantity-visit-cost = visit cost
quantity-indirect-cost = indirect cost
quantity-profit = profit
quantity-margin = margin
quantity-bundle-visit-overhead = bundle visit overhead
quantity-bundle-revenue = bundle revenue
quantity-bundle-profit = bundle profit
quantity-bundle-margin = bundle margin
quantity-currency-conversion = currency conversion
quantity-price-slope = price slope
quantity-target-price = target price
quantity-client-cost = client cost
quantity-client-saving = client saving
quantity-visit-minutes = visit minutes
quantity-add-on-price-anchor = add-on price anchor
money-currency-mismatch = cannot combine { $left } with { $right } without an exchange rate
money-overflow = amount overflow while computing { $what }
money-no-rate = no exchange rate { $from }→{ $to } on or before { $on }
money-invalid-rate = exchange rate for { $currency } on { $on } must be positive, got { $rate }
money-rate-for-reporting = { $currency } is the reporting currency: it needs no rate

## Why a row of a CRM extract was rejected (src/import). Stored with the run, shown in the reader's language.
import-not-a-date = { $text } is not a date in the form { $expected }
import-not-an-amount = { $text } is not an amount: use digits, optionally grouped by spaces, with one '.' or ',' before the fraction
import-not-a-holding = { $text } does not say whether the client holds the product: write yes/no, 1/0 or a count
import-id-part-blank = is blank, but the CRM id is made of it (the mapping's crm_id.template)
import-too-many-digits = { $text } has more digits than an amount can hold exactly (at most 28 after the point)
import-field-count = the row has { $fields } fields but the header has { $header }
import-not-utf8 = is not UTF-8 text
import-not-key-value = { $pair } is not key=value
import-currency-unmapped = income_currency { $detail }; map a currency column or set options.default_income_currency
import-field-problem = { $unmapped_field }: { $detail }
import-attribute-twice = custom attribute { $key } is given twice
import-record-too-long = this record is longer than { $max } bytes (is a quote left open?); reading stopped here
import-reading-stopped = reading stopped here: { $error }
import-duplicate-id = duplicate CRM id { $id }, first seen on line { $first }
import-more-errors = { $count } more { $count ->
    [one] error
   *[other] errors
} not listed

## The product matrix (src/domain/matrix).
matrix-not-a-term = not a bundle term: only fees, the client rate, the credit limit and the minimum amount can be set here
matrix-not-usage = not a usage figure: only the balance, spend and transactions can be set here
matrix-share-range = a share from 0 to 1 (0.25 = 25 %)
matrix-talking-points-long = at most { $max } characters
matrix-ambiguous = { $field } at { $point } is set differently by { $first } and { $second }: set it for the point itself, or make the groups agree
matrix-role-unknown = { $value } is not a role: choose main, add-on, either or not offered
matrix-order-number = a whole number from 0 to { $max }
link-amount-missing = the amount of { $product } is not given, so the link cannot be checked
link-limit-within = the { $card } limit { $limit } is within { $share } of the { $deposit } amount { $amount }
link-limit-over = the { $card } limit { $limit } exceeds { $share } of the { $deposit } amount { $amount }
link-limit-overflow = the { $card } limit cannot be compared with { $share } of the { $deposit } amount { $amount }: the figures are too large
link-requires-met = { $product } has the { $needs } it needs
link-requires-missing = { $product } needs { $needs }, which the client neither holds nor takes in this bundle
link-excludes-both = { $first } and { $second } are never offered together
link-excludes-apart = { $first } and { $second } are not both in the bundle
link-product-unknown = no product has the code { $code }
link-same-product = a link joins two different products
link-kind-unknown = { $value } is not a kind of link
link-describe-limit = the { $card } limit is at most { $share } of the { $deposit } amount
link-describe-requires = { $product } needs { $needs }, held or in the same bundle
link-describe-conditional = { $product }: { $figure } becomes { $value } when the client also takes { $with }
matrix-bundle-blocked = at { $point }, with { $main } as the main product: { $reason }

# client phone
phone-malformed = { $text } is not a phone number: give it with its country code, as +7 916 123-45-67 (8 916 123-45-67 and 916 123-45-67 are read as Russian numbers)

# the desk's proposal
offer-no-consent = The client has not consented to offers: no offer may be made. Ask whether the client wishes to give consent (the signed consent form goes to the CRM), and offer only what the client asks for today.
offer-verify-first = The client's data was last verified over a year ago: check it with the client and confirm before the proposal is made.
offer-main-held = The client already holds { $product }: choose another main product.
offer-main-not-offered = None of the client's segments offers { $product } as a main product at this sales point.
offer-main-dropped = { $product } is the main product the client came for: it cannot be dropped.
offer-not-in-bundle = { $product } is not in this combined product.
offer-passed-no-matrix = { $segment } has no published matrix in force
offer-passed-disagree = { $segment }'s matrix cannot be used here: { $reason }
offer-passed-no-main = { $segment }'s matrix does not offer { $product } as a main product at { $point }
offer-left-held = { $product }: the client already holds it
offer-left-dropped = { $product }: the client does not want it
offer-left-dropped-with = { $product } leaves with { $needs }, which it needs
offer-amount-below-min = the amount for { $product } must be at least { $min }
offer-limit-out-of-range = the credit limit of { $product } must be above zero and at most { $max }
offer-limit-capped = the { $card } limit is lowered to { $limit }: at most { $share } of the { $deposit } amount
offer-no-saving = the client saves nothing against buying these products separately
offer-visit-too-long = the visit takes { $total } minutes, over this sales point's limit of { $limit }
offer-visit-overflow = the figures of this proposal are too large to compute
outcome-note-too-long = the note is longer than { $max } characters
outcome-some-empty = tick the products the client accepted
outcome-reason-missing = choose why the client declined
outcome-note-needed = say in a few words why the client declined
outcome-unknown = { $value } is not an outcome: accepted all, accepted some or declined
audit-unknown-code = { $value } is not one of the choices
audit-period-reversed = the end of the period is before its start
settings-positive = must be more than zero, got { $value }

# The bank's set-up
field-too-long = is too long: at most { $max } characters
setup-company-kind = “{ $value }” is not a kind of company: bank, insurance, funds, brokerage or other
setup-currency = “{ $value }” is not a currency: give three letters, like RUB or EUR
setup-point-code = “{ $value }” is not a sales point code: use 2 to 32 capital letters, digits, “-” or “_”, e.g. MSK-HO
setup-point-format = “{ $value }” is not a format of sales point; expected one of: { $expected }
setup-point-no-kinds = tick at least one kind of product the point can open
setup-decimals = { $value } has more than { $places } decimal places
setup-role = “{ $value }” is not a role; expected one of: { $expected }
setup-advisor-point = an advisor needs a sales point to work at
setup-rate-reporting = { $currency } is the reporting currency: its rate is always 1
setup-date = “{ $value }” is not a date: write 2026-12-01 or 01.12.2026
setup-file-too-large = the file is larger than { $max_mb } MB
setup-file-not-utf8 = the text is not UTF-8: save the file as “CSV UTF-8”
setup-file-csv = the file cannot be read as CSV: { $error }
setup-file-empty = the file has no header row
setup-column-unknown = is not a column of this file; the columns are: { $expected }
setup-column-missing = is missing from the header
setup-file-too-many-rows = the file has more than { $max } rows
setup-row-too-long = the row has { $cells } cells but the header { $columns } columns
setup-duplicate = the same as on line { $first }
setup-currency-fixed = the catalog is priced in { $currency }: the reporting currency can no longer change
setup-username-taken = this username is already taken
point-code-taken = there is already a sales point { $code }
