//! The demo bank's fixed data. Products and figures are those of the reference worked example
//! (`examples/worked-example.json`), so the demo reproduces it to the kopeck.

/// A group company: (code, name).
/// The demo group: code, name, kind.
pub const COMPANIES: &[(&str, &str, &str)] = &[
    ("BANK", "Podmoskovye Demo Bank", "bank"),
    ("INSURE", "Podmoskovye Insurance", "insurance"),
    ("FUNDS", "Podmoskovye Asset Management", "funds"),
];

/// The demo bank's legal details, as the printed offer shows them (invented).
pub const LEGAL_NAME: &str = "Podmoskovye Demo Bank (JSC)";
pub const LEGAL_ADDRESS: &str = "1 Demo Street, Moscow 101000";
pub const TAX_ID: &str = "7700000000";
pub const LICENCE: &str = "Bank of Russia licence No. 0000 (demo)";
pub const PHONE: &str = "+7 800 000-00-00";

pub struct DemoSalesPoint {
    pub code: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    pub region: &'static str,
    pub format: &'static str,
    pub branch_cost_per_minute: &'static str,
    pub visit_overhead_minutes: &'static str,
    pub visit_limit_minutes: &'static str,
}

pub const SALES_POINTS: &[DemoSalesPoint] = &[
    DemoSalesPoint {
        code: "MSK-HO",
        name: "Head office, Moscow",
        city: "Moscow",
        region: "Moscow",
        format: "head_office",
        branch_cost_per_minute: "25.00",
        visit_overhead_minutes: "15",
        visit_limit_minutes: "90",
    },
    DemoSalesPoint {
        code: "NSK-KKO",
        name: "Credit-and-cash office, Novosibirsk",
        city: "Novosibirsk",
        region: "Novosibirsk Oblast",
        format: "credit_cash_office",
        branch_cost_per_minute: "18.00",
        visit_overhead_minutes: "15",
        visit_limit_minutes: "60",
    },
];

/// A catalog product: economics, standalone terms and reference usage as decimal strings
/// (empty = 0), the price parameter a client compares and its market value.
pub struct DemoProduct {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub currency: &'static str,
    pub company: &'static str,
    pub costs_cannot_be_reduced: bool,
    pub price_parameter: &'static str,
    pub market_price: &'static str,
    /// (field, value) pairs over the product columns; unnamed fields are 0.
    pub figures: &'static [(&'static str, &'static str)],
}

pub const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        code: "CA_RUB",
        name: "Current account, roubles",
        kind: "current_account",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "monthly_fee",
        market_price: "149",
        figures: &[
            ("lifetime_years", "5"),
            ("ftp_rate", "0.08"),
            ("reserve_ratio", "0.04"),
            ("servicing_cost", "600"),
            ("acquisition_cost", "500"),
            ("opening_minutes", "10"),
            ("overhead_rate", "0.20"),
            ("monthly_fee", "99"),
            ("avg_balance", "40000"),
        ],
    },
    DemoProduct {
        code: "CA_EUR",
        name: "Current account, euros",
        kind: "current_account",
        currency: "EUR",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "monthly_fee",
        market_price: "3",
        figures: &[
            ("lifetime_years", "5"),
            ("ftp_rate", "0.02"),
            ("reserve_ratio", "0.04"),
            ("servicing_cost", "8"),
            ("acquisition_cost", "6"),
            ("opening_minutes", "15"),
            ("overhead_rate", "0.20"),
            ("monthly_fee", "2.50"),
            ("avg_balance", "2500"),
        ],
    },
    DemoProduct {
        code: "CA_USD",
        name: "Current account, US dollars",
        kind: "current_account",
        currency: "USD",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "monthly_fee",
        market_price: "3",
        figures: &[
            ("lifetime_years", "5"),
            ("ftp_rate", "0.03"),
            ("reserve_ratio", "0.04"),
            ("servicing_cost", "8"),
            ("acquisition_cost", "6"),
            ("opening_minutes", "15"),
            ("overhead_rate", "0.20"),
            ("monthly_fee", "2.50"),
            ("avg_balance", "2500"),
        ],
    },
    DemoProduct {
        code: "DEP_PLUS",
        name: "Deposit Plus",
        kind: "deposit",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "client_rate",
        market_price: "0.14",
        figures: &[
            ("lifetime_years", "3"),
            ("ftp_rate", "0.15"),
            ("reserve_ratio", "0.04"),
            ("servicing_cost", "400"),
            ("acquisition_cost", "1500"),
            ("opening_minutes", "10"),
            ("overhead_rate", "0.20"),
            ("client_rate", "0.13"),
            ("min_amount", "300000"),
            ("avg_balance", "300000"),
        ],
    },
    DemoProduct {
        code: "CC_GRACE",
        name: "Credit card with grace period",
        kind: "credit_card",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "annual_fee",
        market_price: "1990",
        figures: &[
            ("lifetime_years", "3"),
            ("ftp_rate", "0.16"),
            ("interchange_rate", "0.015"),
            ("expected_loss_rate", "0.06"),
            ("servicing_cost", "900"),
            ("issuance_cost", "350"),
            ("acquisition_cost", "3000"),
            ("opening_minutes", "15"),
            ("overhead_rate", "0.20"),
            ("annual_fee", "1490"),
            ("client_rate", "0.299"),
            ("credit_limit", "150000"),
            ("avg_balance", "25000"),
            ("annual_spend", "240000"),
        ],
    },
    DemoProduct {
        code: "ONLINE",
        name: "Internet banking",
        kind: "online_banking",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: true,
        price_parameter: "setup_fee",
        market_price: "1000",
        figures: &[
            ("lifetime_years", "5"),
            ("servicing_cost", "120"),
            ("opening_minutes", "20"),
            ("overhead_rate", "0.20"),
            ("setup_fee", "1000"),
        ],
    },
    DemoProduct {
        code: "TRANSFERS",
        name: "Transfers to third parties",
        kind: "transfers",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "transaction_fee",
        market_price: "30",
        figures: &[
            ("lifetime_years", "5"),
            ("cost_per_transaction", "5"),
            ("opening_minutes", "2"),
            ("overhead_rate", "0.20"),
            ("transaction_fee", "30"),
            ("transactions", "24"),
        ],
    },
    DemoProduct {
        code: "VCARD",
        name: "Virtual card for online payments",
        kind: "virtual_card",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "annual_fee",
        market_price: "300",
        figures: &[
            ("lifetime_years", "3"),
            ("interchange_rate", "0.01"),
            ("servicing_cost", "60"),
            ("opening_minutes", "5"),
            ("overhead_rate", "0.20"),
            ("annual_fee", "300"),
            ("annual_spend", "60000"),
        ],
    },
    DemoProduct {
        code: "VENDOR_PAY",
        name: "Payments to listed vendors",
        kind: "vendor_payments",
        currency: "RUB",
        company: "BANK",
        costs_cannot_be_reduced: false,
        price_parameter: "transaction_fee",
        market_price: "0",
        figures: &[
            ("lifetime_years", "5"),
            ("cost_per_transaction", "3"),
            ("partner_commission", "10"),
            ("opening_minutes", "3"),
            ("overhead_rate", "0.20"),
            ("transactions", "36"),
        ],
    },
];

/// A segment: (code, name, description, priority, rule).
pub const SEGMENTS: &[(&str, &str, &str, i32, &str)] = &[
    (
        "URBAN_MALE_35",
        "Working urban male 35+",
        "Busy; manages accounts remotely; wants one visit. Uses transfers, online and vendor payments, savings and consumer credit.",
        10,
        "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
    ),
    (
        "ISLAMIC",
        "Prefers Islamic banking",
        "Products without interest, explained accordingly.",
        15,
        "islamic_banking = true",
    ),
    (
        "MIGRANT",
        "Migrant with a language barrier",
        "Needs explanations in their language and simple transfers home.",
        20,
        "has tag \"migrant\" or preferred_language in [\"tg\", \"uz\", \"ky\"]",
    ),
    (
        "AFFLUENT_DIGITAL",
        "Affluent and digital",
        "High income and at home online: a premium card with online banking, no branch visits needed.",
        25,
        "monthly_income >= 150000 and digital_affinity = high",
    ),
    (
        "MOTORCYCLIST",
        "Motorcyclist",
        "Seasonal spending on equipment and trips; insurance matters.",
        30,
        "has tag \"motorcyclist\"",
    ),
    (
        "CITY_LOVER",
        "City lover",
        "Spends on restaurants, culture and travel in large cities.",
        40,
        "has tag \"city_lover\" and city_population >= 1000000",
    ),
    (
        "SINGLE_PENSIONER",
        "Single pensioner in a city",
        "Comes to the branch; values safety and simple savings.",
        50,
        "employment = retired and marital_status in [single, widowed, divorced] and city_population >= 500000",
    ),
    (
        "YOUTH",
        "Youth",
        "Students and young people with night-life cash gaps.",
        60,
        "age between 18 and 25 and (employment = student or has tag \"night_life\")",
    ),
    (
        "DIGITAL_HESITANT_45",
        "45+ digitally hesitant",
        "Needs online banking set up on their own phone during the visit.",
        70,
        "age >= 45 and digital_affinity = low",
    ),
    (
        "SHY",
        "Shy client",
        "Prefers to be offered a ready set rather than asked many questions.",
        80,
        "has tag \"shy\"",
    ),
];

/// Demo users: (username, display name, role, home sales point). Password `demo` for all:
/// demo only.
pub const USERS: &[(&str, &str, &str, Option<&str>)] = &[
    ("advisor", "Anna Smirnova", "advisor", Some("MSK-HO")),
    ("manager", "Pavel Orlov", "product_manager", None),
    ("finance", "Elena Volkova", "finance", None),
    ("admin", "System Administrator", "admin", None),
];

/// Exchange rates into roubles on the demo date: (currency, rate).
pub const EXCHANGE_RATES: &[(&str, &str)] = &[("EUR", "98.50"), ("USD", "92.30")];
