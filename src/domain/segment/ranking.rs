//! Which segments a client is in, best first, and which ones the client nearly is in.

use chrono::NaiveDate;

use super::{Literal, Match, NearMiss, SegmentRule};
use crate::domain::client::Client;

/// A segment as the ranking needs it.
#[derive(Debug, Clone)]
pub struct RankedSegment {
    pub code: String,
    pub name: String,
    /// 1 is offered first.
    pub priority: i32,
    /// Set when the segment applies only to clients of one sales point.
    pub sales_point: Option<String>,
    pub rule: SegmentRule,
}

#[derive(Debug, Clone)]
pub struct SegmentMatch<'a> {
    pub segment: &'a RankedSegment,
    pub explanation: Match,
}

#[derive(Debug, Clone)]
pub struct SegmentNearMiss<'a> {
    pub segment: &'a RankedSegment,
    pub near_miss: NearMiss,
    /// The one condition that keeps the client out.
    pub deciding: Literal,
}

/// The client's segments ranked by priority (then code), with the conditions that held; and
/// near misses: segments the client fails by a single condition. A segment scoped to a sales
/// point applies only to that point's clients.
pub fn rank<'a>(
    segments: &'a [RankedSegment],
    client: &Client,
    today: NaiveDate,
) -> (Vec<SegmentMatch<'a>>, Vec<SegmentNearMiss<'a>>) {
    let mut ordered: Vec<&RankedSegment> = segments
        .iter()
        .filter(|s| s.sales_point.is_none() || s.sales_point == client.home_sales_point)
        .collect();
    ordered.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then_with(|| a.code.cmp(&b.code))
    });
    let mut matches = Vec::new();
    let mut near = Vec::new();
    for segment in ordered {
        let explanation = segment.rule.explain(client, today);
        if explanation.matched {
            matches.push(SegmentMatch {
                segment,
                explanation,
            });
        } else if let Some(deciding) = segment.rule.deciding_condition(client, today) {
            near.push(SegmentNearMiss {
                segment,
                near_miss: NearMiss::Only(deciding.to_string()),
                deciding,
            });
        }
    }
    (matches, near)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::ClientDraft;

    fn segment(code: &str, priority: i32, rule: &str) -> RankedSegment {
        RankedSegment {
            code: code.into(),
            name: code.into(),
            priority,
            sales_point: None,
            rule: SegmentRule::parse(rule).unwrap(),
        }
    }

    fn client() -> Client {
        ClientDraft {
            crm_id: "C-1".into(),
            full_name: "Ivanov Ivan".into(),
            birth_date: "1980-01-01".into(),
            gender: "male".into(),
            city_population: "13100000".into(),
            home_sales_point: "MSK-HO".into(),
            ..ClientDraft::default()
        }
        .parse(chrono::NaiveDate::MAX)
        .unwrap()
    }

    #[test]
    fn matches_come_by_priority_and_a_single_failed_condition_is_a_near_miss() {
        let segments = vec![
            segment("LATE", 50, "gender = male"),
            segment("FIRST", 10, "age >= 35 and city_population >= 1000000"),
            segment("NEAR", 20, "gender = male and age >= 60"),
            segment("FAR", 30, "gender = female and age >= 60"),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

        let (matched, near) = rank(&segments, &client(), today);

        let codes: Vec<&str> = matched.iter().map(|m| m.segment.code.as_str()).collect();
        assert_eq!(codes, ["FIRST", "LATE"]);
        assert_eq!(matched[0].explanation.held.len(), 2);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].segment.code, "NEAR");
    }

    #[test]
    fn a_segment_scoped_to_another_sales_point_does_not_apply() {
        let mut scoped = segment("NSK_ONLY", 1, "gender = male");
        scoped.sales_point = Some("NSK-KKO".into());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

        let (matched, _) = rank(std::slice::from_ref(&scoped), &client(), today);

        assert!(matched.is_empty());
    }
}
