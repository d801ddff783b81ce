//! [`ClientDraft`]: a client record as text, before it is checked.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::fields::{self, FieldResult};
use super::{Client, ClientErrors, CrmId, FieldError, StatedAge};
use crate::domain::message::Message;

/// A client record as entered: every scalar is text, as it comes from a form, a CSV cell or a
/// JSON document (where numbers, booleans and `null` are read as text too). Blank means
/// "not recorded". [`ClientDraft::parse`] turns it into a [`Client`].
/// Unknown JSON keys are refused: a misspelt field ("childern") must not vanish silently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClientDraft {
    #[serde(deserialize_with = "text")]
    pub crm_id: String,
    #[serde(deserialize_with = "text")]
    pub full_name: String,
    #[serde(deserialize_with = "text")]
    pub phone: String,
    #[serde(deserialize_with = "text")]
    pub birth_date: String,
    /// Years of age on `age_as_of`, for extracts with ages instead of birth dates.
    #[serde(deserialize_with = "text")]
    pub age: String,
    #[serde(deserialize_with = "text")]
    pub age_as_of: String,
    #[serde(deserialize_with = "text")]
    pub gender: String,
    #[serde(deserialize_with = "text")]
    pub employment: String,
    #[serde(deserialize_with = "text")]
    pub monthly_income: String,
    #[serde(deserialize_with = "text")]
    pub income_currency: String,
    #[serde(deserialize_with = "text")]
    pub city: String,
    #[serde(deserialize_with = "text")]
    pub city_population: String,
    #[serde(deserialize_with = "text")]
    pub region: String,
    #[serde(deserialize_with = "text")]
    pub marital_status: String,
    #[serde(deserialize_with = "text")]
    pub children: String,
    pub lifestyle_tags: Vec<String>,
    #[serde(deserialize_with = "text")]
    pub digital_affinity: String,
    #[serde(deserialize_with = "text")]
    pub preferred_language: String,
    #[serde(deserialize_with = "text")]
    pub islamic_banking: String,
    pub products_held: Vec<String>,
    #[serde(deserialize_with = "text")]
    pub consent_to_offers: String,
    #[serde(deserialize_with = "text")]
    pub data_verified_on: String,
    #[serde(deserialize_with = "text")]
    pub home_sales_point: String,
    pub custom_attributes: BTreeMap<String, String>,
}

/// Collects field errors so that one parse reports all of them.
#[derive(Default)]
struct Collector(Vec<FieldError>);

impl Collector {
    /// The parsed value, or a placeholder default after recording the error: the placeholders
    /// never leave [`ClientDraft::parse`], which fails when anything was recorded.
    fn check<T: Default>(&mut self, field: &'static str, result: FieldResult<T>) -> T {
        result.unwrap_or_else(|message| {
            self.0.push(FieldError::new(field, message));
            T::default()
        })
    }

    fn reject(&mut self, field: &'static str, message: Message) {
        self.0.push(FieldError::new(field, message));
    }
}

impl ClientDraft {
    /// Checks and normalises every field; `today` is the caller's date, for the checks that
    /// depend on it (a birth date cannot be in the future).
    ///
    /// # Errors
    /// [`ClientErrors`] with one entry per invalid field, in field order.
    pub fn parse(&self, today: NaiveDate) -> Result<Client, ClientErrors> {
        let mut c = Collector::default();
        let crm_id = c.check(
            "crm_id",
            CrmId::parse(&self.crm_id).map(Some).map_err(Message::from),
        );
        let full_name = c.check("full_name", fields::full_name(&self.full_name));
        let phone = c.check("phone", fields::phone(&self.phone));
        let birth_date = c.check("birth_date", fields::birth_date(&self.birth_date, today));
        let stated_age = self.stated_age(&mut c, birth_date, today);
        let gender = c.check("gender", fields::code(&self.gender));
        let employment = c.check("employment", fields::code(&self.employment));
        let monthly_income = c.check("monthly_income", fields::income(&self.monthly_income));
        let income_currency = c.check("income_currency", fields::currency(&self.income_currency));
        if monthly_income.is_some()
            && income_currency.is_none()
            && self.income_currency.trim().is_empty()
        {
            // An amount without its currency cannot be compared with a segment's threshold.
            c.reject("income_currency", Message::new("income-currency-required"));
        }
        let city = c.check("city", fields::place(&self.city));
        let city_population = c.check("city_population", fields::population(&self.city_population));
        let region = c.check("region", fields::place(&self.region));
        let marital_status = c.check("marital_status", fields::code(&self.marital_status));
        let children = c.check("children", fields::children(&self.children));
        let lifestyle_tags = c.check("lifestyle_tags", fields::tags(&self.lifestyle_tags));
        let digital_affinity = c.check("digital_affinity", fields::code(&self.digital_affinity));
        let preferred_language = c.check(
            "preferred_language",
            fields::language(&self.preferred_language),
        );
        let islamic_banking = c.check("islamic_banking", fields::flag(&self.islamic_banking));
        let products_held = c.check("products_held", fields::product_codes(&self.products_held));
        let consent_to_offers = c.check("consent_to_offers", fields::flag(&self.consent_to_offers));
        let data_verified_on = c.check("data_verified_on", fields::date(&self.data_verified_on));
        let home_sales_point = c.check(
            "home_sales_point",
            fields::sales_point(&self.home_sales_point),
        );
        let custom_attributes = c.check(
            "custom_attributes",
            fields::attributes(&self.custom_attributes),
        );
        match crm_id {
            Some(crm_id) if c.0.is_empty() => Ok(Client {
                crm_id,
                full_name,
                phone,
                birth_date,
                stated_age,
                gender,
                employment,
                monthly_income,
                income_currency,
                city,
                city_population,
                region,
                marital_status,
                children,
                lifestyle_tags,
                digital_affinity,
                preferred_language,
                islamic_banking,
                products_held,
                consent_to_offers,
                data_verified_on,
                home_sales_point,
                custom_attributes,
            }),
            _ => Err(ClientErrors(c.0)),
        }
    }
}

impl ClientDraft {
    /// The age with its date, both or neither, agreeing with the birth date when there is one.
    fn stated_age(
        &self,
        c: &mut Collector,
        birth_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<StatedAge> {
        let years = c.check("age", fields::stated_years(&self.age));
        let as_of = c.check("age_as_of", fields::as_of_date(&self.age_as_of, today));
        match (years, as_of) {
            (Some(_), None) if self.age_as_of.trim().is_empty() => {
                c.reject("age_as_of", Message::new("age-as-of-required"));
                None
            }
            (None, Some(_)) if self.age.trim().is_empty() => {
                c.reject("age", Message::new("age-required-with-date"));
                None
            }
            (Some(years), Some(as_of)) => match StatedAge::new(years, as_of) {
                Err(message) => {
                    c.reject("age", message);
                    None
                }
                Ok(age) => {
                    let from_birth = birth_date.and_then(|born| super::full_years(born, as_of));
                    if let Some(from_birth) = from_birth.filter(|y| *y != years) {
                        c.reject(
                            "age",
                            Message::new("age-contradicts-birth-date")
                                .with("value", years)
                                .with("date", as_of)
                                .with("birth_age", from_birth),
                        );
                    }
                    Some(age)
                }
            },
            _ => None,
        }
    }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The client's text form; parsing it gives the same client back.
impl From<&Client> for ClientDraft {
    fn from(c: &Client) -> Self {
        Self {
            crm_id: c.crm_id.to_string(),
            full_name: c.full_name.clone(),
            phone: opt(c.phone.as_ref()),
            birth_date: opt(c.birth_date),
            age: opt(c.stated_age.map(|a| a.years())),
            age_as_of: opt(c.stated_age.map(|a| a.as_of())),
            gender: opt(c.gender),
            employment: opt(c.employment),
            monthly_income: opt(c.monthly_income),
            income_currency: opt(c.income_currency.as_ref()),
            city: opt(c.city.as_ref()),
            city_population: opt(c.city_population),
            region: opt(c.region.as_ref()),
            marital_status: opt(c.marital_status),
            children: opt(c.children),
            lifestyle_tags: c.lifestyle_tags.clone(),
            digital_affinity: opt(c.digital_affinity),
            preferred_language: opt(c.preferred_language.as_ref()),
            islamic_banking: c.islamic_banking.to_string(),
            products_held: c.products_held.clone(),
            consent_to_offers: c.consent_to_offers.to_string(),
            data_verified_on: opt(c.data_verified_on),
            home_sales_point: opt(c.home_sales_point.as_ref()),
            custom_attributes: c.custom_attributes.clone(),
        }
    }
}

/// Reads a JSON scalar of any kind as text, so that `"children": 2`, `"children": "2"` and
/// `"children": null` all reach the one field parser (which gives the field-level message).
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";
    struct AnyScalar;
    impl<'de> Visitor<'de> for AnyScalar {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, number, boolean or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        // serde_json with `arbitrary_precision` (as the application builds it) hands numbers
        // over as a one-entry map holding the number's exact digits.
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
            match map.next_entry::<String, String>()? {
                Some((key, digits)) if key == JSON_NUMBER_TOKEN => Ok(digits),
                _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
            }
        }
    }
    deserializer.deserialize_any(AnyScalar)
}

#[cfg(test)]
mod tests;
