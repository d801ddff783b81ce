//! The matrix page's form for a new link, read into a [`Link`].

use super::link::Link;
use crate::domain::message::Message;
use crate::domain::product::{Figure, FigureGroup, parse_decimal_input};
use crate::domain::validation::FieldError;

/// The link form as text: `kind` is `limit_within_share`, `requires`, `excludes` or
/// `conditional_term`; `share` only for the first, `figure` and `value` only for the last.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub kind: String,
    pub product: String,
    pub other: String,
    pub share: String,
    pub figure: String,
    pub value: String,
}

impl LinkForm {
    /// Reads the form; `known` says whether a product code exists in the catalog.
    ///
    /// # Errors
    /// Every field that is missing or wrong, named.
    pub fn parse(&self, known: &dyn Fn(&str) -> bool) -> Result<Link, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut code = |field: &'static str, text: &str| {
            let code = text.trim().to_uppercase();
            if !known(&code) {
                errors.push(FieldError::new(
                    field,
                    Message::new("link-product-unknown").with("code", &code),
                ));
            }
            code
        };
        let product = code("product", &self.product);
        let other = code("other", &self.other);
        if product == other && errors.is_empty() {
            errors.push(FieldError::new("other", Message::new("link-same-product")));
        }
        let mut number = |field: &'static str, text: &str| match parse_decimal_input(text) {
            Ok(n) if text.trim().is_empty() => {
                errors.push(FieldError::new(field, Message::new("field-required")));
                n
            }
            Ok(n) if n.is_sign_negative() => {
                errors.push(FieldError::new(
                    field,
                    Message::new("field-not-negative").with("value", n),
                ));
                n
            }
            Ok(n) => n,
            Err(message) => {
                errors.push(FieldError::new(field, message));
                rust_decimal::Decimal::ZERO
            }
        };
        let link = match self.kind.as_str() {
            "limit_within_share" => Link::LimitWithinShare {
                share: number("share", &self.share),
                card: product,
                deposit: other,
            },
            "requires" => Link::Requires {
                product,
                needs: other,
            },
            "excludes" => Link::Excludes {
                first: product,
                second: other,
            },
            "conditional_term" => {
                let value = number("value", &self.value);
                let figure = Figure::from_name(self.figure.trim())
                    .filter(|f| f.group() == FigureGroup::Terms);
                match figure {
                    Some(figure) => Link::ConditionalTerm {
                        product,
                        with: other,
                        figure,
                        value,
                    },
                    None => {
                        errors.push(FieldError::new("figure", Message::new("matrix-not-a-term")));
                        return Err(errors);
                    }
                }
            }
            _ => {
                errors.push(FieldError::new(
                    "kind",
                    Message::new("link-kind-unknown").with("value", &self.kind),
                ));
                return Err(errors);
            }
        };
        if errors.is_empty() {
            Ok(link)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn known(code: &str) -> bool {
        ["CC_GRACE", "DEP_PLUS", "VCARD", "CA_RUB"].contains(&code)
    }

    #[test]
    fn each_kind_reads_its_own_fields() {
        let form = |kind: &str| LinkForm {
            kind: kind.into(),
            product: "cc_grace".into(),
            other: "DEP_PLUS".into(),
            share: "0,5".into(),
            figure: "client_rate".into(),
            value: "0.14".into(),
        };
        assert_eq!(
            form("limit_within_share").parse(&known),
            Ok(Link::LimitWithinShare {
                card: "CC_GRACE".into(),
                deposit: "DEP_PLUS".into(),
                share: dec!(0.5)
            })
        );
        assert_eq!(
            form("conditional_term").parse(&known),
            Ok(Link::ConditionalTerm {
                product: "CC_GRACE".into(),
                with: "DEP_PLUS".into(),
                figure: Figure::ClientRate,
                value: dec!(0.14)
            })
        );
        assert!(matches!(
            form("excludes").parse(&known),
            Ok(Link::Excludes { .. })
        ));
    }

    #[test]
    fn unknown_products_a_missing_share_and_a_non_term_are_named() {
        let errors = LinkForm {
            kind: "limit_within_share".into(),
            product: "NOPE".into(),
            other: "DEP_PLUS".into(),
            ..LinkForm::default()
        }
        .parse(&known)
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["product", "share"]);
        let errors = LinkForm {
            kind: "conditional_term".into(),
            product: "DEP_PLUS".into(),
            other: "CA_RUB".into(),
            figure: "avg_balance".into(),
            value: "1".into(),
            ..LinkForm::default()
        }
        .parse(&known)
        .unwrap_err();
        assert_eq!(errors[0].field, "figure");
    }
}
