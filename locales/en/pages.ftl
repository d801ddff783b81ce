
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
