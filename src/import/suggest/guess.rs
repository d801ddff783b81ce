//! Guesses from names and values: which field a column is, what a coded value means, how dates
//! are written. Each guess is only a suggestion a person confirms.

use chrono::NaiveDate;

use crate::import::target::Field;

/// Column names (folded by [`fold`]) that name each field, Kombi's own first.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::CrmId,
        &[
            "crmid",
            "id",
            "clientid",
            "customerid",
            "custid",
            "clientno",
            "customerno",
            "clientnumber",
            "customernumber",
            "idклиента",
            "кодклиента",
            "номерклиента",
        ],
    ),
    (
        Field::FullName,
        &[
            "fullname",
            "name",
            "clientname",
            "customername",
            "fio",
            "фио",
            "клиент",
            "имяклиента",
        ],
    ),
    (
        Field::Phone,
        &[
            "phone",
            "phonenumber",
            "mobile",
            "mobilephone",
            "telephone",
            "телефон",
            "мобильный",
        ],
    ),
    (
        Field::BirthDate,
        &[
            "birthdate",
            "dateofbirth",
            "dob",
            "birthday",
            "датарождения",
        ],
    ),
    (Field::Age, &["age", "ageyears", "возраст"]),
    (
        Field::AgeAsOf,
        &["ageasof", "snapshotdate", "extractdate", "reportdate"],
    ),
    (Field::Gender, &["gender", "sex", "пол"]),
    (
        Field::Employment,
        &["employment", "employmentstatus", "occupation", "занятость"],
    ),
    (
        Field::MonthlyIncome,
        &[
            "monthlyincome",
            "income",
            "salary",
            "доход",
            "ежемесячныйдоход",
            "зарплата",
        ],
    ),
    (
        Field::IncomeCurrency,
        &["incomecurrency", "currency", "валюта"],
    ),
    (Field::City, &["city", "town", "город"]),
    (
        Field::CityPopulation,
        &["citypopulation", "population", "населениегорода"],
    ),
    (Field::Region, &["region", "oblast", "регион", "область"]),
    (
        Field::MaritalStatus,
        &["maritalstatus", "marital", "семейноеположение"],
    ),
    (
        Field::Children,
        &[
            "children",
            "kids",
            "numberofchildren",
            "дети",
            "детей",
            "количестводетей",
        ],
    ),
    (
        Field::LifestyleTags,
        &["lifestyletags", "tags", "interests"],
    ),
    (Field::DigitalAffinity, &["digitalaffinity"]),
    (
        Field::PreferredLanguage,
        &["preferredlanguage", "language", "язык"],
    ),
    (Field::IslamicBanking, &["islamicbanking"]),
    (
        Field::ProductsHeld,
        &["productsheld", "products", "продукты"],
    ),
    (
        Field::ConsentToOffers,
        &["consenttooffers", "consent", "marketingconsent", "согласие"],
    ),
    (
        Field::DataVerifiedOn,
        &["dataverifiedon", "verifiedon", "lastverified"],
    ),
    (
        Field::HomeSalesPoint,
        &[
            "homesalespoint",
            "salespoint",
            "homebranch",
            "отделение",
            "филиал",
        ],
    ),
    (Field::CustomAttributes, &["custom"]),
];

/// Lower case, letters and digits only: "Date of birth" and "date_of_birth" fold alike.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The field a column's name suggests.
pub(super) fn field_for(name: &str) -> Option<Field> {
    let folded = fold(name);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(field, _)| *field)
}

/// What a coded value most likely means for `field`; `None` when no guess is safe. A Yes/No
/// column named like "student" says the employment.
pub(super) fn canonical_value(field: Field, value: &str, column: &str) -> Option<&'static str> {
    let v = fold(value);
    let yes = matches!(v.as_str(), "yes" | "y" | "да" | "true" | "1" | "x");
    let no = matches!(v.as_str(), "no" | "n" | "нет" | "false" | "0");
    match field {
        Field::Gender => match v.as_str() {
            "m" | "male" | "man" | "м" | "муж" | "мужской" | "мужчина" => {
                Some("male")
            }
            "f" | "w" | "female" | "woman" | "ж" | "жен" | "женский" | "женщина" => {
                Some("female")
            }
            _ => None,
        },
        Field::Employment if fold(column).contains("student") && yes => Some("student"),
        Field::Employment if fold(column).contains("student") && no => Some(""),
        Field::Employment => match v.as_str() {
            "student" | "студент" => Some("student"),
            "retired" | "pensioner" | "пенсионер" => Some("retired"),
            "employed" | "работает" | "работающий" => Some("employed"),
            "unemployed" | "безработный" => Some("unemployed"),
            "selfemployed" | "самозанятый" | "ип" => Some("self_employed"),
            _ => None,
        },
        Field::MaritalStatus => match v.as_str() {
            "married" | "женат" | "замужем" | "вбраке" => Some("married"),
            "single" | "холост" | "незамужем" | "неженат" => Some("single"),
            "divorced" | "разведен" | "разведена" => Some("divorced"),
            "widowed" | "вдовец" | "вдова" => Some("widowed"),
            _ => None,
        },
        Field::IslamicBanking | Field::ConsentToOffers if yes => Some("true"),
        Field::IslamicBanking | Field::ConsentToOffers if no => Some("false"),
        _ => None,
    }
}

/// What a column's values say, read as holdings.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Holds {
    /// Yes/no words or whole counts (0, 1, 2 …): it may say a product is held.
    Flags,
    Other,
}

pub(super) fn holds<'a>(values: impl Iterator<Item = &'a str>) -> Holds {
    let mut any = false;
    for value in values {
        any = true;
        let v = fold(value);
        let flag = matches!(
            v.as_str(),
            "yes" | "no" | "y" | "n" | "да" | "нет" | "true" | "false"
        );
        // "001" is a number with its zeros (an account, a code), not a count.
        let count = v == "0"
            || (!v.is_empty()
                && v.len() <= 3
                && !v.starts_with('0')
                && v.bytes().all(|b| b.is_ascii_digit()));
        if !(flag || count) {
            return Holds::Other;
        }
    }
    if any { Holds::Flags } else { Holds::Other }
}

/// The chrono pattern the dates need when the automatic reading (ISO, `DD.MM.YYYY`) would not
/// read them all; `None` when it would, or when no one pattern reads them all.
pub(super) fn date_pattern<'a>(dates: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    const PATTERNS: &[&str] = &["%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y%m%d"];
    let dates: Vec<&str> = dates.collect();
    let auto = |d: &str| {
        d.parse::<NaiveDate>().is_ok() || NaiveDate::parse_from_str(d, "%d.%m.%Y").is_ok()
    };
    if dates.is_empty() || dates.iter().all(|d| auto(d)) {
        return None;
    }
    PATTERNS.iter().copied().find(|p| {
        dates
            .iter()
            .all(|d| NaiveDate::parse_from_str(d, p).is_ok())
    })
}
