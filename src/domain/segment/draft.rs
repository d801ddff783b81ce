//! A segment as product managers define it: code, name, priority, sales-point scope and rule,
//! read from the text of a form (or any future API) in one place.

use crate::domain::code::Code;
use crate::domain::message::Message;
use crate::domain::validation::{FieldError, FieldErrors};

use super::SegmentRule;

/// Longest segment name: it heads lists and the desk's card.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// The fields as typed.
#[derive(Clone, Debug, Default)]
pub struct SegmentInput {
    pub code: String,
    pub name: String,
    pub description: String,
    pub priority: String,
    /// A sales point's code, or empty for every sales point.
    pub sales_point: String,
    pub rule: String,
    pub active: bool,
}

/// A checked segment, ready to be stored (the sales point's existence is the store's to check).
#[derive(Clone, Debug)]
pub struct SegmentDraft {
    pub code: Code,
    pub name: String,
    pub description: String,
    /// 1 is the highest: the desk offers the best-placed segment a client is in.
    pub priority: i32,
    pub sales_point: Option<String>,
    pub rule: SegmentRule,
    pub active: bool,
}

fn too_long(chars: usize, max: usize) -> Message {
    Message::new("text-too-long")
        .with("length", chars)
        .with("max", max)
}

impl SegmentDraft {
    /// # Errors
    /// Every problem, each under its field's name.
    pub fn parse(input: &SegmentInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let code = Code::parse(&input.code, "URBAN_MALE_35")
            .map_err(|e| errors.push("code", e.into()))
            .ok();
        let name = input.name.trim().to_string();
        let name_chars = name.chars().count();
        if name.is_empty() {
            errors.push("name", Message::new("segment-name-required"));
        } else if name_chars > MAX_NAME_CHARS {
            errors.push("name", too_long(name_chars, MAX_NAME_CHARS));
        }
        let description = input.description.trim().to_string();
        let description_chars = description.chars().count();
        if description_chars > MAX_DESCRIPTION_CHARS {
            errors.push(
                "description",
                too_long(description_chars, MAX_DESCRIPTION_CHARS),
            );
        }
        let priority = input
            .priority
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|p| (1..=10_000).contains(p));
        if priority.is_none() {
            errors.push("priority", Message::new("segment-priority-invalid"));
        }
        let rule = SegmentRule::parse(&input.rule)
            .map_err(|e| errors.push("rule", Message::new("rule-invalid").with("detail", e)))
            .ok();
        let sales_point = Some(input.sales_point.trim().to_uppercase()).filter(|s| !s.is_empty());
        errors.into_result()?;
        match (code, priority, rule) {
            (Some(code), Some(priority), Some(rule)) => Ok(Self {
                code,
                name,
                description,
                priority,
                sales_point,
                rule,
                active: input.active,
            }),
            // Each `None` pushed an error, so `into_result` returned above.
            _ => Err(vec![FieldError::new("", Message::new("form-incomplete"))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SegmentInput {
        SegmentInput {
            code: " urban_male_35 ".into(),
            name: "Working urban male 35+".into(),
            description: String::new(),
            priority: "1".into(),
            sales_point: "msk-ho".into(),
            rule: "age >= 35 and gender = male".into(),
            active: true,
        }
    }

    #[test]
    fn a_good_segment_is_read_and_normalised() {
        let draft = SegmentDraft::parse(&input()).unwrap();
        assert_eq!(draft.code.as_str(), "URBAN_MALE_35");
        assert_eq!(draft.sales_point.as_deref(), Some("MSK-HO"));
        assert_eq!(draft.rule.to_string(), "age >= 35 and gender = male");
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let bad = SegmentInput {
            code: "x".into(),
            name: "N".repeat(MAX_NAME_CHARS + 1),
            priority: "first".into(),
            rule: "agee >= ".into(),
            ..input()
        };
        let errors = SegmentDraft::parse(&bad).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "name", "priority", "rule"]);
        assert!(
            errors[1].message.to_string().contains("at most 120"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn no_sales_point_means_every_sales_point() {
        let draft = SegmentDraft::parse(&SegmentInput {
            sales_point: "  ".into(),
            ..input()
        })
        .unwrap();
        assert_eq!(draft.sales_point, None);
    }
}
