
## The catalog

catalog-title = Product catalog
catalog-new = New product
catalog-kind = Kind
catalog-status = Status
catalog-currency = Currency
catalog-any = Any
catalog-filter = Filter
catalog-none = No product matches these filters.
catalog-past-end = This page is past the end of the list:
catalog-first-page = go to the first page
catalog-shown = Products { $first }–{ $last } of { $total }.
status-active = Active
status-suspended = Suspended
col-code = Code
col-name = Name
col-company = Company
pager = Pages
pager-previous = Previous { $count }
pager-next = Next { $count }

## Kinds of product

kind-current_account = Current account
kind-deposit = Deposit
kind-credit_card = Credit card
kind-debit_card = Debit card
kind-virtual_card = Virtual card
kind-online_banking = Online banking
kind-sms_alerts = SMS alerts
kind-transfers = Transfers
kind-vendor_payments = Vendor payments
kind-insurance = Insurance
kind-investment = Investment
kind-fx_brokerage = FX brokerage
kind-other = Other

## A product's figures

figure-lifetime_years = Lifetime, years
figure-lifetime_years-hint = how long a client keeps it; one-off costs are spread over it
figure-ftp_rate = FTP rate
figure-ftp_rate-hint = fraction: 0.08 = 8 %
figure-reserve_ratio = Reserve ratio
figure-reserve_ratio-hint = liabilities; fraction
figure-interchange_rate = Interchange rate
figure-interchange_rate-hint = cards; fraction of spend
figure-expected_loss_rate = Expected loss rate
figure-expected_loss_rate-hint = credit cards; fraction of the balance
figure-servicing_cost = Servicing cost
figure-servicing_cost-hint = per client per year
figure-cost_per_transaction = Cost per transaction
figure-cost_per_transaction-hint = {""}
figure-partner_commission = Partner commission
figure-partner_commission-hint = paid by a vendor per transaction
figure-issuance_cost = Issuance cost
figure-issuance_cost-hint = one-off
figure-acquisition_cost = Acquisition cost
figure-acquisition_cost-hint = one-off
figure-opening_minutes = Opening minutes
figure-opening_minutes-hint = advisor time to open it
figure-overhead_rate = Overhead rate
figure-overhead_rate-hint = indirect cost as a fraction of direct cost
figure-monthly_fee = Monthly fee
figure-monthly_fee-hint = {""}
figure-annual_fee = Annual fee
figure-annual_fee-hint = {""}
figure-setup_fee = Set-up fee
figure-setup_fee-hint = one-off
figure-transaction_fee = Transaction fee
figure-transaction_fee-hint = {""}
figure-client_rate = Client rate
figure-client_rate-hint = deposit rate paid or card rate charged; fraction
figure-credit_limit = Credit limit
figure-credit_limit-hint = credit cards
figure-min_amount = Minimum amount
figure-min_amount-hint = deposits: the smallest amount it is opened with
figure-avg_balance = Average balance
figure-avg_balance-hint = credit card: the interest-bearing balance
figure-annual_spend = Annual card spend
figure-annual_spend-hint = {""}
figure-transactions = Transactions a year
figure-transactions-hint = {""}

## A product's standalone P&L

pnl-monthly-fees = Monthly fees
pnl-monthly-fees-how = 12 × monthly fee
pnl-annual-fee = Annual fee
pnl-annual-fee-how = annual fee
pnl-set-up-fee = Set-up fee
pnl-set-up-fee-how = set-up fee ÷ lifetime
pnl-transaction-fees = Transaction fees
pnl-transaction-fees-how = transactions × fee
pnl-partner-commission = Partner commission
pnl-partner-commission-how = transactions × commission
pnl-interest = Interest
pnl-interest-how = balance × spread
pnl-interchange = Interchange
pnl-interchange-how = spend × interchange rate
pnl-revenue = Revenue
pnl-revenue-how = {""}
pnl-servicing = Servicing
pnl-servicing-how = per year
pnl-transaction-costs = Transaction costs
pnl-transaction-costs-how = transactions × cost
pnl-one-off-costs = One-off costs
pnl-one-off-costs-how = (issuance + acquisition) ÷ lifetime
pnl-expected-loss = Expected loss
pnl-expected-loss-how = balance × loss rate
pnl-opening-time = Opening time
pnl-opening-time-how = minutes × cost per minute ÷ lifetime
pnl-direct-cost = Direct cost
pnl-direct-cost-how = {""}
pnl-visit-overhead = Visit overhead
pnl-visit-overhead-how = sold alone: the whole visit
pnl-indirect-cost = Indirect cost
pnl-indirect-cost-how = overhead rate × (direct + visit)
pnl-profit = Profit
pnl-profit-how = revenue − costs
pnl-margin = Margin
pnl-margin-how = profit ÷ revenue

## A product's page

product-edit = Edit
product-sales-point = Sales point
product-costs-at = Costs at:
product-no-pnl = The P&L cannot be computed: { $error }
product-verdicts = Verdicts
product-price = Price
product-price-parameter = Price parameter
product-market = Market
product-recommended = Recommended
product-pnl = Standalone P&L, per client per year ({ $currency })
product-line = Line
product-how = How
product-at-terms = At standalone terms
product-at-market = At market price
product-inputs = Inputs

## The product form

form-product = Product
form-economics = Economics
form-terms = Standalone terms
form-usage = Usage of a typical client
form-code-hint = capital letters, digits, _; cannot change later
form-currency-hint = ISO code: RUB, EUR, USD …
form-company = Owner company
form-company-hint = the group member that books it
form-costs-fixed = Costs cannot be reduced
form-costs-fixed-hint = finance's judgement; used by the suspension rule
form-price-parameter-hint = the term clients compare across banks
form-market-price = Market price
form-market-price-hint = of the price parameter; a rate as a fraction
form-save = Save
form-cancel = Cancel
form-choose = Choose…

## Segments

segments-title = Client segments
segments-new = New segment
segments-total = { $total } clients in the CRM. Sizes are counted by the database as of today.
segments-priority = Priority
segments-priority-hint = 1 is offered first
segments-segment = Segment
segments-rule = Rule
segments-clients = Clients
segments-share = Share
segments-inactive = inactive
segments-all-points = All sales points
segments-overlaps = Overlaps
segments-overlaps-note = Clients in both segments (a client matching several segments is offered the highest-priority one first).
segments-saved = Segment saved.
segments-active = Active
segments-description = Description
segments-as-text = As text
segments-count = Count
segments-from-conditions = Or build it from conditions
segments-conditions-hint = Fill the rows, then use “Count from conditions” or “Save from conditions”; the text above is rewritten from them.
segments-must-meet = Clients must meet
segments-all-conditions = all conditions
segments-any-condition = any condition
segments-attribute = Attribute
segments-operator = Operator
segments-value = Value
segments-attribute-n = Attribute of condition { $n }
segments-operator-n = Operator of condition { $n }
segments-value-n = Value of condition { $n }
segments-count-form = Count from conditions
segments-save-form = Save from conditions
segments-count-text = { $count } clients match this rule today

## Importing clients

import-title = Import clients
import-file = CRM extract (CSV with a header row; “,” “;” or tab; UTF-8)
import-columns = Columns
import-canonical = Kombi's own columns (as written by generate-crm)
import-note = Clients are matched by CRM id: new ones are added, changed ones updated, unchanged ones left alone. Bad rows are skipped and listed with their line, column and reason.
import-button = Import
import-recent = Recent imports
import-none = No import yet.
import-started = Started
import-file-name = File
import-result = Result
import-of = Import of { $file }
import-started-at = Started { $at }
import-refreshes = This page refreshes itself.
import-rejected = Rejected rows
import-download = Download all as CSV
import-line = Line
import-column = Column
import-reason = Reason
import-state-running = running
import-state-finished = finished
import-state-failed = failed
import-state-interrupted = interrupted
mappings-title = Column mappings
mappings-note = A mapping says which column of another system's extract holds which client attribute, and how its values translate. Columns that map to nothing are kept as custom attributes. Saving under an existing name replaces that mapping.
mappings-save-title = Save a mapping
mappings-name-placeholder = e.g. Siebel CRM export
mappings-toml = Mapping (TOML)
mappings-save = Save mapping

## Finance

finance-title = Finance — { $bank }
finance-targets = Profitability targets
finance-products = { $active } active products, { $suspended } suspended.
finance-open-catalog = Open the catalog
finance-points = Sales points
finance-cost-per-minute = Branch cost per minute
finance-visit-minutes = Visit overhead, minutes
finance-currency = Reporting currency
finance-target-margin = Target bundle margin
finance-lifetime = Bundle lifetime
finance-lifetime-years = { $years } years
finance-overhead = Bundle overhead rate
finance-anchor = Add-on price anchor
finance-no-bank = (bank not configured)

## Matrices

matrices-title = Product matrices
matrices-note = Each segment has one matrix of products, sales points and roles (main product, add-on), with bundle terms and expected usage. Its versions are drafted, checked by the profitability engine, and published; a published version never changes.
matrices-matrix = Matrix
matrices-not-drafted = Not drafted

## Users

users-name = Name
users-role = Role
users-sessions = Sessions
users-actions = Actions
users-active = Active
users-disabled = Disabled
users-disable = Disable
users-enable = Enable
users-end-all = End all sessions
users-active-sessions = Active sessions
users-nobody = Nobody is signed in.
users-user = User
users-signed-in = Signed in
users-last-active = Last active
users-from = From
users-device = Device
users-end = End session
users-add-title = Add a user
users-name-shown = Name shown
users-initial-password = Initial password
users-add = Add user
users-added = User { $username } added.
users-sessions-ended = { $count ->
    [one] { $count } session ended.
   *[other] { $count } sessions ended.
}

## Error pages

error-400 = The request could not be understood
error-403 = Access denied
error-404 = Page not found
error-429 = Too many attempts
error-500 = Something went wrong
error-other = The request could not be completed
error-internal = Something went wrong on our side. The error has been logged; please try again, and call support if it persists.
error-no-page = There is no page at this address. Use the navigation above, or go back.
error-not-found = { $what } not found
error-role = Your role does not give access to this page.
error-csrf = This form has expired or did not come from Kombi. Go back, reload the page and try again.
error-signin-expired = The sign-in form has expired. Open the sign-in page again and retry.
error-no-product = There is no product { $code } in the catalog.
error-no-segment = There is no segment { $code }.
error-no-client = No client with CRM id { $crm_id }.
error-no-import = There is no import { $id }.
error-no-mapping = There is no saved mapping { $id }.
error-mapping-broken = The saved mapping { $name } cannot be used: { $detail }
error-version = The form does not say which version it edits: open the product again.
error-session = session: expected a session number or 'all', got { $value }
error-active = active: expected true or false, got { $value }
error-disable-self = You cannot disable your own account.
error-language = language: expected en or ru, got { $value }
error-upload-cut = The upload was cut short: { $detail }
error-upload-too-large = The file is larger than 2 GB: import it with `kombi import-crm`.

## Headings and notes of forms

product-edit-heading = Edit { $code }
product-conflict = Someone else saved this product after you opened it. Open it again to see their changes, then re-apply yours.
segments-heading = Segment { $code }
segments-not-flat = This rule uses brackets or “not”: edit it as text.
import-choose-file = Choose a non-empty CSV file to import.

## Desk search

desk-cut = Showing { $shown } of { $total } clients: type more of the name to narrow the list.
desk-cut-many = Showing { $shown } of over 200 clients: type more of the name to narrow the list.

## Segment conditions in words (the client card)

cond-tag = has the tag “{ $tag }”
cond-no-tag = does not have the tag “{ $tag }”
cond-holds = holds { $product }
cond-not-holds = does not hold { $product }
cond-age-ge = aged { $years } or over
cond-age-gt = older than { $years }
cond-age-le = aged { $years } or under
cond-age-lt = under { $years }
cond-age-is = aged { $years }
cond-age-is-not = not aged { $years }
cond-age-between = aged { $low } to { $high }
cond-age-not-between = not aged { $low } to { $high }
cond-islamic = prefers Islamic banking
cond-not-islamic = does not ask for Islamic banking
cond-consent = has agreed to receive offers
cond-no-consent = has not agreed to receive offers
cond-is = { $attribute }: { $value }
cond-is-not = { $attribute }: not { $value }
cond-lt = { $attribute } below { $value }
cond-le = { $attribute } at most { $value }
cond-gt = { $attribute } above { $value }
cond-ge = { $attribute } at least { $value }
cond-between = { $attribute } from { $low } to { $high }
cond-not-between = { $attribute } outside { $low } to { $high }
cond-in = { $attribute }: { $values }
cond-not-in = { $attribute }: none of { $values }
attr-age = age
attr-birth_date = birth date
attr-gender = gender
attr-employment = employment
attr-monthly_income = monthly income
attr-income_currency = income currency
attr-city = city
attr-region = region
attr-city_population = city population
attr-marital_status = marital status
attr-children = children
attr-digital_affinity = digital affinity
attr-preferred_language = preferred language
attr-islamic_banking = Islamic banking
attr-consent_to_offers = consent to offers
attr-data_verified_on = data verified on
attr-data_age_days = days since the data were verified
attr-home_sales_point = home sales point

## The user's own account

account-password-title = Change your password
account-password-required = An administrator reset your password: choose a new one to continue.
account-current = Current password
account-new = New password (at least 10 characters)
account-repeat = New password again
account-change = Change the password
account-current-wrong = The current password is not right.
account-too-short = The new password must be at least { $min } characters long.
account-too-long = The new password must be at most 256 characters long.
account-repeat-differs = The two new passwords differ.
account-same = The new password must differ from the current one.

## Managing one user

users-home-point = Home sales point
users-last-sign-in = Last sign-in
users-never = never
users-role-and-point = Role and sales point
users-no-point = None
users-reset-title = Reset the password
users-reset-note = Give the user a temporary password: their sessions end now, and they choose a new password when they next sign in.
users-temporary-password = Temporary password
users-reset = Reset the password
users-saved = Saved.
users-password-reset = Password reset: the user chooses a new one at next sign-in.
users-keep-own-admin = You cannot take the administrator role away from yourself.
users-disable-title = Disable a user
users-disable-question = Disable { $name }? They can no longer sign in, and their open sessions end now. You can enable them again later.
error-no-user = There is no user { $id }.

## Import reports

import-summary = { $rows } rows: { $new } new, { $updated } updated, { $unchanged } unchanged, { $rejected } rejected.
import-finished = The import is finished.
import-finished-with-rejections = The import is finished, but some rows were rejected: they are listed below with their line, column and reason. Correct them in the file and import it again; rows already stored are not written twice.
import-interrupted = This import stopped reporting progress (Kombi was probably stopped while it ran) after { $rows } rows. The clients written up to then are kept; import the file again to finish: rows already stored unchanged are not written again.

## Confirmations

product-saved = Product saved.
mappings-saved = Mapping saved.

form-problems = Some fields need correcting before the product can be saved:

segments-typo = “{ $typed }” is not an attribute Kombi knows: did you mean “{ $meant }”? As a custom CRM attribute it counts only clients whose extract has it.
segments-typo-confirm = The rule names an attribute that looks misspelt: correct it, or tick that you mean a custom CRM attribute, then save.
segments-typo-ok = Yes, I mean a custom CRM attribute

user-role-unknown = choose one of the roles in the list
user-name-length = the sign-in name must be 3 to 64 characters long
user-name-characters = the sign-in name may contain only lower-case Latin letters, digits, '.', '_' and '-'
user-display-name-invalid = enter the name to show, up to 200 characters
segment-code-taken = a segment { $code } already exists
segment-conflict = Someone else saved this segment while you were editing it (it is now at version { $version }). Open it again to see their changes, then make yours.
segments-rule-hint = Compare attributes with =, !=, <, <=, >, >=, between … and …, in […], has tag, holds; join conditions with and, or, not and brackets; custom CRM attributes by their name. For example:
users-address-unknown = unknown
matrices-draft = Draft
matrices-draft-n = draft { $number }
matrices-in-force = version { $number }, in force since { $date }
matrices-none-in-force = no version in force: advisors get no proposal
matrix-title = Matrix: { $segment }
matrix-panel-title = Profitability of each combined product
matrix-no-main-here = No product is a main product at this point: nothing is offered here.
matrix-status-ok = Passes
matrix-status-warn = Passes with warnings
matrix-status-blocked = Blocked
matrix-main-is = Client came for { $product }
matrix-revenue = Revenue a year
matrix-profit = Profit a year
matrix-margin = Margin
matrix-package-revenue = Package fee a year
matrix-client-separately = Client pays separately
matrix-client-bundled = Client pays in the bundle
matrix-client-saving = Client saves
matrix-product = Product
matrix-subsidized = subsidized
matrix-passed-checks = Checks passed
matrix-role-main = Main product
matrix-role-add_on = Add-on
matrix-role-main_or_add_on = Main or add-on
matrix-role-not_offered = Not offered
matrix-done-draft = The draft is ready to edit.
matrix-done-copied = The other segment's matrix was copied into a new draft.
matrix-done-point = The column was copied.
matrix-done-package = The package fee was saved.
matrix-done-published = The version was published. The previous version is kept unchanged.
matrix-done-withdrawn = The version was withdrawn: it offers nothing from today.
matrix-done-cell = The cell was saved.
matrix-status-draft = Draft
matrix-status-published = Published
matrix-status-withdrawn = Withdrawn
matrix-none-in-force = No version of this matrix is in force today: advisors get no proposal for this segment. Publish a version to offer it.
matrix-conflict-published = This version is published and can no longer change. Start a new draft to change the matrix.
matrix-conflict-stale = Someone else saved this draft while you were editing. Your input is kept below; check the panel and save again to apply it.
matrix-conflict-draft = This segment already has draft { $number }: finish or publish it first.
matrix-copy-nothing = { $segment } has no matrix to copy.
matrix-copy-point-same = Choose two different sales points.
matrix-effective-date = Give the date the version takes effect (YYYY-MM-DD).
matrix-publish-blocked = The draft was not published: these bundles fail a blocking check.
matrix-publish-empty = The draft has no cell: there is nothing to publish.
matrix-publish-before = The version cannot take effect before the current one ({ $date }).
matrix-none-yet = This segment has no matrix yet. Start a draft, or copy another segment's matrix.
matrix-version-n = Version { $number }
matrix-read-only = A published version cannot change. Start a new draft to change it.
matrix-all-points = All points
matrix-edit-cell-of = Edit the cell of { $product }
matrix-edit = Edit
matrix-view = Open
matrix-grid-hint = Each cell shows the product's role, the bundle terms that differ from the standalone ones (standalone in brackets) and the usage uplift. Shaded cells are inherited from a broader scope.
matrix-add-product = Add a product:
matrix-links = Links between products
matrix-package-fee = Service package fee
matrix-no-package = none
matrix-per-month = a month
matrix-effective-from = Effective from
matrix-publish = Publish
matrix-copy-column-from = Copy the column of
matrix-copy-column-to = to
matrix-copy-column = Copy column
matrix-package-hint = a month; empty for no package
matrix-withdraw = Withdraw this version
matrix-withdraw-hint = From today, advisors get no proposal from it.
matrix-start-title = Change the matrix
matrix-start-draft = Start a draft
matrix-start-draft-hint = a copy of the published version
matrix-copy-from = Start from the matrix of
matrix-copy-matrix = Copy matrix
matrix-versions = Versions
matrix-version = Version
matrix-state = State
matrix-withdrawn-on = Withdrawn on
matrix-by = By
matrix-cell-title = Cell: { $product }
matrix-group = group { $group }
matrix-scope-unknown = { $scope } is not a scope: use all, group:NAME or point:CODE
matrix-back-to-version = Version { $number }
matrix-cell-scope = For: { $scope }
matrix-scopes = Scopes
matrix-cell-hint = Leave a field empty to inherit it from the broader scope (shown under each field). A point's own cell wins over its groups', which win over all points'.
matrix-role = Role
matrix-inherit = inherit: { $value }
matrix-part-terms = Bundle terms
matrix-part-usage-alone = Usage bought alone
matrix-part-usage-in-bundle = Usage in the bundle
matrix-inherited = inherited: { $value }
matrix-uplift = uplift { $value }
matrix-offer = In the offer
matrix-take-up = Take-up
matrix-share-hint = a share: 0.35 = 35 %
matrix-visit-share = Share of visits as main product
matrix-order = Order in the offer
matrix-talking-points = Talking points
matrix-talking-points-hint = the benefit in the client's words: what it lets the client do with the main product
matrix-preview = Preview
matrix-done-links = The links were saved.
matrix-no-links = No links.
matrix-remove = Remove
matrix-link-kind = Link
matrix-link-limit = card limit within a share of the deposit
matrix-link-requires = the first needs the second
matrix-link-excludes = never together
matrix-link-conditional = a better term with the second
matrix-link-product = First product
matrix-link-other = Second product
matrix-link-share = Share
matrix-link-figure = Term
matrix-link-value = Value
matrix-add-link = Add link
matrix-link-hint = The share is for a card limit (0.5 = half the deposit); the term and value for a better term.
link-index-unknown = there is no such link in this version
product-in-matrices = In published combined products
product-in-no-matrix = No published matrix offers this product.
product-in-matrices-hint = Each version froze this product's client terms when it was published: a change of the terms here reaches those clients only through a new version.
product-pending-change = the terms here differ from those it froze: publish a new version to offer them
matrix-withdraw-confirm = I understand: advisors get no proposal from this version from today
matrix-withdraw-confirm-missing = Tick the confirmation to withdraw the version: advisors then get no proposal from it.

# client phone
desk-phone = Phone
desk-find-any-label = Find a client by CRM id, surname or phone
desk-find-any-placeholder = CRM-0000001, Ivanov or +7 916 123-45-67

# the desk: proposal, offers, results
nav-results = Results
desk-working-at = Working at
desk-no-point-option = — no sales point —
desk-home-point = home
desk-switch-point = Switch for today
desk-covering-today = covering this point today; tomorrow you are back at your home point
desk-unknown-point = { $point } is not one of the bank's sales points.
desk-no-point = You have no sales point: ask an administrator to set your home sales point, or choose the point you cover today on the desk page.
desk-bank-not-set-up = The bank is not set up yet: nothing can be offered until an administrator sets it up.
offer-propose-title = Combined product
offer-at-point = At { $point }, today.
offer-no-consent-short = No offer can be made to this client.
offer-no-main-here = None of the client's segments has a published matrix with a main product the client does not already hold at this sales point.
offer-main-label = The product the client came for
offer-confirm-data = I have checked the client's data with the client (it is over a year old)
offer-propose = Propose
offer-choose-main = Choose the product the client came for.
offer-back-to-card = Client card
offer-back = Back
offer-segment-line = { $segment } · matrix version { $version }
offer-passed-over = Passed over:
offer-bank-figures = The bank's figures per client-year
offer-product = Product
offer-revenue = Revenue
offer-profit = Profit
offer-visit-cost = Visit (once)
offer-bundle-total = Combined product
offer-margin = margin
offer-products = Products
offer-main = main product
offer-subject-to-approval = subject to approval
offer-separately = separately
offer-drop-legend = Add-ons the client does not want
offer-client-pays = What the client pays
offer-fees-per-month = Fees per month
offer-fees-per-year = Fees per year
offer-package-fee = of which the service package
offer-fees-separately = The same products separately, per year
offer-fee-saving = The client saves per year
offer-one-off = One-off fees
offer-interest-earned = Interest the client earns per year
offer-interest-charged = Interest on a card balance carried over, per year
offer-no-saving-page = The client saves nothing against buying these products separately: say so, or offer fewer add-ons.
offer-red-warning = As it stands, this combined product loses the bank money. The client may still take it: the offer is then recorded for finance to review.
offer-amounts = Amounts the client chooses
offer-amount-balance = amount
offer-amount-limit = credit limit
offer-amount-min-hint = at least { $min }
offer-amount-max-hint = at most { $max }
offer-recompute = Recompute
offer-visit-plan = Visit plan
offer-step = Step
offer-minutes = Minutes
offer-visit-total = In all
offer-visit-limit = this point's limit { $limit }
offer-record = Record the outcome
offer-outcome = Outcome
outcome-accepted_all = Accepted everything
outcome-accepted_some = Accepted some
outcome-declined = Declined
offer-accepted-which = If some: which products
offer-decline-reason = If declined: why
offer-note = Note
offer-record-button = Record
offer-key-missing = This form has no one-time key: reload the proposal and record again.
offer-changed = The combined product changed since this page was shown: { $segment } now offers from matrix version { $version }. Go through it with the client, then record the outcome again.
decline-no_need = Does not need it
decline-too_expensive = Too expensive
decline-better_elsewhere = Has a better offer elsewhere
decline-wants_to_think = Wants to think it over
decline-no_time = No time today
decline-other = Other (say why)
badge-green = Profitable for the bank
badge-amber = Profitable, with reservations
badge-red = Not profitable for the bank
step-identify = Identification and documents
step-verify-data = Verify the client's data
step-open = Open
step-credit-decision = Credit decision
offer-title = Offer { $id }
offer-recorded = The offer is recorded.
offer-flagged = The bank loses on this offer as the client took it: finance will review it.
offer-flagged-short = for finance
offer-print = Print for the client
offer-date = Date
offer-valid-until = Valid until
offer-advisor = Advisor
offer-point = Sales point
offer-segment = Segment
offer-version = matrix version { $version }
offer-badge = For the bank
offer-terms = Terms
offer-position-status = In the offer
offer-accepted = Accepted
offer-opened = Opened
offer-amount = Amount
position-in_bundle = offered
position-dropped = dropped by the client
position-dropped_with = dropped with a product it needs
error-no-offer = There is no offer { $id }.
print-title = Your combined product
print-for = Prepared for
print-valid = This offer is valid until
print-subject = Products marked "subject to approval" are opened after the bank's credit decision. Fees and rates are those in force on the date of this offer.
print-button = Print
print-no-fees = No fees
results-own = your offers
results-from = From
results-to = To
results-by = Broken down by
results-show = Show
results-all = all
results-summary = In all
results-offers = Offers
results-acceptance = Accepted
results-per-visit = Products per visit
results-per-client = Products per client
results-take-up = Add-on take-up
results-expected = Assumed
results-breakdown = Breakdown
results-add-ons = Take-up of each add-on against the matrix's assumption
results-offered = Offered
results-taken = Taken
results-opened = Opened
results-latest = Latest offers
results-by-segment = segment
results-by-point = sales point
results-by-advisor = advisor
results-by-month = month

## The audit trail
nav-audit = Audit
audit-intro = Every change to products, segments, matrices and users, every sign-in, recorded offer and import, and every view of a client's data at the desk: who, when, from where, and each field before and after. Entries cannot be changed or deleted.
audit-actor = Who
audit-action = Action
audit-subject = Kind
audit-object = Object
audit-export = Export as CSV
audit-none = No entries match.
audit-older = Older entries →
audit-col-number = Number
audit-col-time = When
audit-col-actor-kind = Actor kind
audit-col-actor = Actor
audit-col-origin = From
audit-col-changes = Changes
audit-col-field = Field
audit-col-before = Before
audit-col-after = After
audit-actor-os = (command line)
audit-actor-claimed = (claimed name)
audit-action-created = created
audit-action-changed = changed
audit-action-deactivated = deactivated
audit-action-published = published
audit-action-withdrawn = withdrawn
audit-action-signed-in = signed in
audit-action-refused-sign-in = sign-in refused
audit-action-signed-out = signed out
audit-action-ended = ended
audit-action-viewed = viewed
audit-action-recorded = recorded
audit-action-confirmed = confirmed by core banking
audit-action-imported = imported
audit-subject-product = product
audit-subject-segment = segment
audit-subject-matrix = matrix
audit-subject-user = user
audit-subject-token = API token
audit-subject-offer = offer
audit-subject-client = client
audit-subject-import = CRM import
audit-subject-session = session
audit-export-xlsx = Export as Excel (XLSX)
audit-xlsx-cut = Cut at 200,000 rows: the CSV export has every entry.
