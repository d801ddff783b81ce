//! Proposals built from the worked example's matrix: the example's figures reproduced, held
//! products left out, links honoured when the client drops an add-on, no consent means no
//! offer, the next segment taken (and why), amounts and their caps, the record of an outcome.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::bank::{BankSettings, DeskSettings, SalesPoint};
use crate::domain::client::{Client, ClientDraft};
use crate::domain::evaluation::Document;
use crate::domain::evaluation::fixtures::worked_example;
use crate::domain::matrix::offer_tests::example_matrix;
use crate::domain::matrix::{CatalogEntry, CellPatch, Link, MatrixContent, Role, Scope};
use crate::domain::money::{Currency, ExchangeRates};
use crate::domain::profitability::{SalesPointCosts, Valuation};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn client(edit: impl FnOnce(&mut ClientDraft)) -> Client {
    let mut draft = ClientDraft {
        crm_id: "CRM-1".into(),
        full_name: "Ivanov Sergei".into(),
        consent_to_offers: "true".into(),
        data_verified_on: "2026-06-01".into(),
        ..ClientDraft::default()
    };
    edit(&mut draft);
    draft.parse(today()).expect("a valid client")
}

struct Bank {
    doc: Document,
    settings: BankSettings,
    point: SalesPoint,
    rates: ExchangeRates,
}

fn bank() -> Bank {
    let doc = worked_example();
    let settings = BankSettings {
        name: "Bank".into(),
        reporting_currency: Currency::RUB,
        bundle: doc.bank.bundle,
        addon_anchor_threshold: doc.bank.addon_anchor_threshold,
        desk: DeskSettings::default(),
    };
    let point = SalesPoint {
        code: "MSK-HO".into(),
        name: "Head office".into(),
        city: "Moscow".into(),
        region: "Moscow".into(),
        format: "ho".into(),
        costs: SalesPointCosts {
            branch_cost_per_minute: dec!(25),
            visit_overhead_minutes: dec!(15),
            visit_limit_minutes: None,
        },
        active: true,
        opens: crate::domain::setup::OpenableKinds::All,
    };
    Bank {
        doc,
        settings,
        point,
        rates: ExchangeRates::new(Currency::RUB),
    }
}

impl Bank {
    fn catalog(&self) -> Vec<CatalogEntry<'_>> {
        (self.doc.products.iter())
            .zip(&self.doc.standalone)
            .map(|(spec, sale)| CatalogEntry {
                code: &spec.code,
                kind: spec.kind,
                currency: spec.currency,
                economics: &spec.economics,
                terms: &sale.terms,
                usage: &sale.usage,
            })
            .collect()
    }

    fn desk(&self) -> Desk<'_> {
        Desk {
            point: &self.point,
            settings: &self.settings,
            valuation: Valuation {
                rates: &self.rates,
                on: today(),
            },
            today: today(),
        }
    }
}

/// The example's matrix with the deposit a main product too, and the virtual card needing the
/// current account.
fn matrix() -> MatrixContent {
    let mut content = example_matrix();
    content.set_cell(
        "DEP_PLUS",
        Scope::Point("MSK-HO".into()),
        CellPatch {
            role: Some(Role::MainOrAddOn),
            take_up: Some(dec!(0.4)),
            talking_points: Some("13.5 % instead of 13 %".into()),
            ..CellPatch::default()
        },
    );
    content.links.push(Link::Requires {
        product: "VCARD".into(),
        needs: "CA_RUB".into(),
    });
    content
}

fn request(main: &str) -> Request {
    Request {
        main: main.into(),
        ..Request::default()
    }
}

fn propose_one(
    content: &MatrixContent,
    client: &Client,
    request: &Request,
) -> Result<Proposal, Refusal> {
    let bank = bank();
    let catalog = bank.catalog();
    let segments = [SegmentOffer {
        code: "URBAN_MALE_35",
        name: "Working urban male 35+",
        version: Some(VersionOffer {
            number: 3,
            content,
            catalog: &catalog,
            resolved: None,
        }),
    }];
    propose(&segments, client, &bank.desk(), request)
}

fn codes(proposal: &Proposal) -> Vec<&str> {
    proposal.products.iter().map(|p| p.code.as_str()).collect()
}

#[test]
fn the_deposit_proposed_to_a_client_holding_nothing_reproduces_the_worked_example() {
    let proposal = propose_one(&matrix(), &client(|_| {}), &request("DEP_PLUS")).unwrap();

    assert_eq!(
        proposal.products[0].code, "DEP_PLUS",
        "the main product first"
    );
    assert_eq!(proposal.products.len(), 7);
    let breakdown = &proposal.result.breakdown;
    assert_eq!(breakdown.revenue.round_dp(2), dec!(18968.00));
    assert_eq!(breakdown.profit.round_dp(2), dec!(11148.00));
    assert_eq!(breakdown.visit_total.round_dp(2), dec!(90.00));
    assert_eq!(proposal.badge, Badge::Green, "{:?}", proposal.badge_reasons);
    assert_eq!(proposal.version, 3);
    assert_eq!(proposal.segment, "URBAN_MALE_35");
    assert!(proposal.passed_over.is_empty());
    assert_eq!(
        proposal.products[0].talking_points.as_deref(),
        Some("13.5 % instead of 13 %")
    );
}

#[test]
fn the_client_sees_fees_apart_from_interest_and_one_off_fees() {
    let proposal = propose_one(&matrix(), &client(|_| {}), &request("DEP_PLUS")).unwrap();
    let price = &proposal.price;
    // Separately: CA 99×12 + card 1490 + vcard 300 + transfers 48×30; in the bundle: card
    // 490 + transfers 48×15. The usage is the bundle's on both sides.
    assert_eq!(
        price.separate_fees_per_year,
        dec!(1188) + dec!(1490) + dec!(300) + dec!(1440)
    );
    assert_eq!(price.fees_per_year, dec!(490) + dec!(720));
    assert_eq!(price.fees_per_month * dec!(12), price.fees_per_year);
    assert_eq!(
        price.fee_saving_per_year,
        price.separate_fees_per_year - price.fees_per_year
    );
    // Online banking's set-up: 500 instead of 1,000, once.
    assert_eq!(
        (price.one_off_fees, price.separate_one_off_fees),
        (dec!(500), dec!(1000))
    );
    // 300,000 at 13.5 % instead of 13 %, the current account paying nothing either way.
    assert_eq!(price.interest_earned_per_year, dec!(40500));
    assert_eq!(price.separate_interest_earned_per_year, dec!(39000));
    assert!(price.saves());
}

#[test]
fn products_the_client_holds_are_left_out() {
    let holder = client(|d| d.products_held = vec!["ONLINE".into(), "TRANSFERS".into()]);
    let proposal = propose_one(&matrix(), &holder, &request("DEP_PLUS")).unwrap();

    assert!(!codes(&proposal).contains(&"ONLINE"));
    assert!(!codes(&proposal).contains(&"TRANSFERS"));
    let held: Vec<_> = (proposal.left_out.iter())
        .filter(|l| l.reason == LeftOutReason::Held)
        .map(|l| l.code.as_str())
        .collect();
    assert_eq!(held, ["ONLINE", "TRANSFERS"]);
}

#[test]
fn a_client_holding_the_main_product_is_not_offered_it_again() {
    let holder = client(|d| d.products_held = vec!["DEP_PLUS".into()]);
    let refusal = propose_one(&matrix(), &holder, &request("DEP_PLUS")).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::AlreadyHeld {
            main: "DEP_PLUS".into()
        }
    );
    assert_eq!(refusal.field(), Some("main_product"));
}

#[test]
fn dropping_the_current_account_drops_the_virtual_card_that_needs_it_and_says_so() {
    let mut asked = request("DEP_PLUS");
    asked.drop = BTreeSet::from(["CA_RUB".to_string()]);
    let proposal = propose_one(&matrix(), &client(|_| {}), &asked).unwrap();

    assert!(!codes(&proposal).contains(&"CA_RUB"));
    assert!(!codes(&proposal).contains(&"VCARD"));
    let vcard = proposal
        .left_out
        .iter()
        .find(|l| l.code == "VCARD")
        .unwrap();
    assert_eq!(
        vcard.reason,
        LeftOutReason::DroppedWith {
            needs: "CA_RUB".into()
        }
    );
    assert_eq!(vcard.message().arg("needs"), Some("CA_RUB"));
    assert!(proposal.result.links.iter().all(|l| l.holds));
}

#[test]
fn a_current_account_the_client_holds_keeps_the_virtual_card_when_nothing_is_dropped() {
    let holder = client(|d| d.products_held = vec!["CA_RUB".into()]);
    let proposal = propose_one(&matrix(), &holder, &request("DEP_PLUS")).unwrap();
    assert!(
        codes(&proposal).contains(&"VCARD"),
        "the held account meets the link"
    );
}

#[test]
fn the_main_product_cannot_be_dropped_nor_a_product_outside_the_matrix() {
    let mut asked = request("DEP_PLUS");
    asked.drop = BTreeSet::from(["DEP_PLUS".to_string()]);
    assert!(matches!(
        propose_one(&matrix(), &client(|_| {}), &asked),
        Err(Refusal::MainDropped { .. })
    ));
    asked.drop = BTreeSet::from(["GOLD_BAR".to_string()]);
    let refusal = propose_one(&matrix(), &client(|_| {}), &asked).unwrap_err();
    assert_eq!(refusal.field(), Some("drop"));
}

#[test]
fn no_consent_means_no_offer() {
    let refusing = client(|d| d.consent_to_offers = "false".into());
    assert_eq!(
        propose_one(&matrix(), &refusing, &request("DEP_PLUS")).unwrap_err(),
        Refusal::NoConsent
    );
}

#[test]
fn stale_data_is_verified_before_the_proposal_and_the_check_is_a_step_of_the_visit() {
    let stale = client(|d| d.data_verified_on = "2025-01-10".into());
    assert_eq!(
        propose_one(&matrix(), &stale, &request("DEP_PLUS")).unwrap_err(),
        Refusal::VerifyDataFirst
    );
    let mut confirmed = request("DEP_PLUS");
    confirmed.data_confirmed = true;
    let proposal = propose_one(&matrix(), &stale, &confirmed).unwrap();
    let kinds: Vec<StepKind> = proposal.plan.steps.iter().map(|s| s.kind).collect();
    assert_eq!(kinds[..2], [StepKind::Identify, StepKind::VerifyData]);

    let fresh = propose_one(&matrix(), &client(|_| {}), &request("DEP_PLUS")).unwrap();
    assert!(
        !fresh
            .plan
            .steps
            .iter()
            .any(|s| s.kind == StepKind::VerifyData)
    );
    assert_eq!(
        proposal.plan.total - fresh.plan.total,
        DeskSettings::default().verify_data_minutes
    );
}

#[test]
fn the_visit_plan_identifies_once_and_puts_the_credit_decision_in_it() {
    let proposal = propose_one(&matrix(), &client(|_| {}), &request("DEP_PLUS")).unwrap();
    let plan = &proposal.plan;
    let identify = plan
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Identify)
        .count();
    assert_eq!(identify, 1);
    let decision = plan
        .steps
        .iter()
        .find(|s| s.kind == StepKind::CreditDecision)
        .unwrap();
    assert_eq!(decision.product.as_deref(), Some("CC_GRACE"));
    let card = proposal
        .products
        .iter()
        .find(|p| p.code == "CC_GRACE")
        .unwrap();
    assert!(card.subject_to_approval);
    let sum: Decimal = plan.steps.iter().map(|s| s.minutes).sum();
    assert_eq!(plan.total, sum);
    assert!(plan.fits(), "no limit at the point");
}

#[test]
fn a_visit_over_the_points_limit_turns_the_badge_amber() {
    let mut bank = bank();
    bank.point.costs.visit_limit_minutes = Some(dec!(30));
    let catalog = bank.catalog();
    let content = matrix();
    let segments = [SegmentOffer {
        code: "S",
        name: "S",
        version: Some(VersionOffer {
            number: 1,
            content: &content,
            catalog: &catalog,
            resolved: None,
        }),
    }];
    let proposal = propose(
        &segments,
        &client(|_| {}),
        &bank.desk(),
        &request("DEP_PLUS"),
    )
    .unwrap();
    assert!(!proposal.plan.fits());
    assert_eq!(proposal.badge, Badge::Amber);
    assert_eq!(proposal.badge_reasons[0].key, "offer-visit-too-long");
}

#[test]
fn a_bundle_that_saves_the_client_nothing_is_amber_and_says_so() {
    let mut content = matrix();
    // Every product on its standalone terms: nothing to save.
    for cell in &mut content.cells {
        cell.patch.terms = BTreeMap::new();
    }
    let proposal = propose_one(&content, &client(|_| {}), &request("DEP_PLUS")).unwrap();
    assert!(!proposal.price.saves());
    assert_eq!(proposal.price.fee_saving_per_year, Decimal::ZERO);
    assert_eq!(proposal.badge, Badge::Amber);
    assert_eq!(proposal.badge_reasons[0].key, "offer-no-saving");
}

#[test]
fn the_next_segment_is_taken_when_better_ones_cannot_offer_the_main_product_and_each_says_why() {
    let bank = bank();
    let catalog = bank.catalog();
    let mut without_deposit = matrix();
    without_deposit.set_cell(
        "DEP_PLUS",
        Scope::Point("MSK-HO".into()),
        CellPatch {
            role: Some(Role::AddOn),
            ..CellPatch::default()
        },
    );
    let with_deposit = matrix();
    let segments = [
        SegmentOffer {
            code: "BEST",
            name: "Best",
            version: None,
        },
        SegmentOffer {
            code: "SECOND",
            name: "Second",
            version: Some(VersionOffer {
                number: 1,
                content: &without_deposit,
                catalog: &catalog,
                resolved: None,
            }),
        },
        SegmentOffer {
            code: "THIRD",
            name: "Third",
            version: Some(VersionOffer {
                number: 7,
                content: &with_deposit,
                catalog: &catalog,
                resolved: None,
            }),
        },
    ];
    let proposal = propose(
        &segments,
        &client(|_| {}),
        &bank.desk(),
        &request("DEP_PLUS"),
    )
    .unwrap();
    assert_eq!((proposal.segment.as_str(), proposal.version), ("THIRD", 7));
    let why: Vec<_> = proposal.passed_over.iter().map(|m| m.key).collect();
    assert_eq!(why, ["offer-passed-no-matrix", "offer-passed-no-main"]);
    assert_eq!(proposal.passed_over[1].arg("segment"), Some("Second"));

    let candidates = main_candidates(&segments, &bank.point, &["CA_RUB".to_string()]);
    let mains: Vec<_> = candidates
        .iter()
        .map(|c| (c.code.as_str(), c.segment.as_str()))
        .collect();
    assert_eq!(
        mains,
        [("DEP_PLUS", "THIRD")],
        "the held account is no candidate"
    );

    let refusal = propose(
        &segments[..2],
        &client(|_| {}),
        &bank.desk(),
        &request("DEP_PLUS"),
    )
    .unwrap_err();
    assert!(
        matches!(refusal, Refusal::NotOffered { ref passed_over, .. } if passed_over.len() == 2)
    );
}

/// The example with the card's limit and the deposit's minimum of the demo bank, and the link
/// that keeps the limit within half the deposit.
fn secured_card_matrix(bank: &mut Bank) -> MatrixContent {
    for (spec, sale) in bank.doc.products.iter().zip(bank.doc.standalone.iter_mut()) {
        match spec.code.as_str() {
            "CC_GRACE" => sale.terms.credit_limit = dec!(150000),
            "DEP_PLUS" => sale.terms.min_amount = dec!(100000),
            _ => {}
        }
    }
    let mut content = matrix();
    content.links.push(Link::LimitWithinShare {
        card: "CC_GRACE".into(),
        deposit: "DEP_PLUS".into(),
        share: dec!(0.5),
    });
    content
}

#[test]
fn the_deposit_amount_caps_the_card_limit_by_the_link() {
    let mut bank = bank();
    let content = secured_card_matrix(&mut bank);
    let catalog = bank.catalog();
    let segments = [SegmentOffer {
        code: "S",
        name: "S",
        version: Some(VersionOffer {
            number: 1,
            content: &content,
            catalog: &catalog,
            resolved: None,
        }),
    }];
    let mut asked = request("DEP_PLUS");
    let expected = propose(&segments, &client(|_| {}), &bank.desk(), &asked).unwrap();
    let amount = |p: &Proposal, code: &str| {
        p.products
            .iter()
            .find(|x| x.code == code)
            .unwrap()
            .amount
            .clone()
            .unwrap()
    };
    assert_eq!(
        amount(&expected, "DEP_PLUS").value,
        dec!(300000),
        "the matrix's figure"
    );
    assert_eq!(amount(&expected, "CC_GRACE").value, dec!(150000));
    assert!(expected.notes.is_empty());

    asked.amounts = BTreeMap::from([("DEP_PLUS".to_string(), dec!(200000))]);
    let smaller = propose(&segments, &client(|_| {}), &bank.desk(), &asked).unwrap();
    assert_eq!(
        amount(&smaller, "CC_GRACE").value,
        dec!(100000),
        "half the deposit"
    );
    assert_eq!(smaller.notes[0].key, "offer-limit-capped");
    assert!(smaller.result.links.iter().all(|l| l.holds));
    assert!(
        smaller.result.breakdown.profit < expected.result.breakdown.profit,
        "a smaller deposit earns the bank less"
    );

    asked.amounts = BTreeMap::from([("DEP_PLUS".to_string(), dec!(50000))]);
    let refusal = propose(&segments, &client(|_| {}), &bank.desk(), &asked).unwrap_err();
    assert_eq!(refusal.field(), Some("amounts.DEP_PLUS"));
    assert_eq!(refusal.message().key, "offer-amount-below-min");

    asked.amounts = BTreeMap::from([("CC_GRACE".to_string(), dec!(200000))]);
    let refusal = propose(&segments, &client(|_| {}), &bank.desk(), &asked).unwrap_err();
    assert_eq!(
        refusal.field(),
        Some("amounts.CC_GRACE"),
        "above the matrix's limit"
    );
}

fn recording() -> Recording<'static> {
    Recording {
        request_key: "k1",
        crm_id: "CRM-1",
        client_name: "Ivanov Sergei",
        advisor_id: 4,
        advisor_name: "Anna",
        sales_point: "MSK-HO",
        offered_on: today(),
        valid_days: 14,
    }
}

#[test]
fn the_record_keeps_the_version_the_terms_and_the_figures_and_counts_a_dropped_add_on_as_declined()
{
    let mut asked = request("DEP_PLUS");
    asked.drop = BTreeSet::from(["ONLINE".to_string()]);
    let proposal = propose_one(&matrix(), &client(|_| {}), &asked).unwrap();
    let record = record(&proposal, Outcome::AcceptedAll, &recording(), &|c| {
        c.to_lowercase()
    });

    assert_eq!(record.matrix_version, 3);
    assert_eq!(record.segment, "URBAN_MALE_35");
    assert_eq!(
        record.valid_until,
        NaiveDate::from_ymd_opt(2026, 12, 14).unwrap()
    );
    assert_eq!(record.revenue, proposal.result.breakdown.revenue);
    let online = record
        .positions
        .iter()
        .find(|p| p.product == "ONLINE")
        .unwrap();
    assert_eq!(online.status, PositionStatus::Dropped);
    assert!(!online.accepted && online.is_offered_add_on() && !online.is_taken_add_on());
    let deposit = &record.positions[0];
    assert_eq!(deposit.terms.client_rate, dec!(0.135));
    assert_eq!(deposit.chosen_amount, Some(dec!(300000)));
    assert_eq!(deposit.expected_take_up, Some(dec!(0.4)));
    assert!(deposit.accepted);
    let taken = record
        .positions
        .iter()
        .filter(|p| p.is_taken_add_on())
        .count();
    let offered = record
        .positions
        .iter()
        .filter(|p| p.is_offered_add_on())
        .count();
    assert_eq!(
        (taken, offered),
        (5, 6),
        "accepted all, but ONLINE was dropped"
    );
    assert!(!record.flagged_for_finance);
}

#[test]
fn a_declined_offer_declines_every_add_on() {
    let proposal = propose_one(&matrix(), &client(|_| {}), &request("DEP_PLUS")).unwrap();
    let outcome = Outcome::Declined {
        reason: DeclineReason::WantsToThink,
        note: String::new(),
    };
    let record = record(&proposal, outcome, &recording(), &|c| c.to_owned());
    assert!(record.positions.iter().all(|p| !p.accepted));
}

#[test]
fn outcomes_are_read_with_their_fields_named() {
    let bundle = ["DEP_PLUS".to_string(), "CA_RUB".to_string()];
    let form = |outcome: &str, accepted: &[&str], reason: &str, note: &str| OutcomeForm {
        outcome: outcome.into(),
        accepted: accepted.iter().map(|s| s.to_string()).collect(),
        reason: reason.into(),
        note: note.into(),
    };
    assert_eq!(
        form("accepted_all", &[], "", "").parse(&bundle),
        Ok(Outcome::AcceptedAll)
    );
    assert_eq!(
        form("accepted_some", &["DEP_PLUS"], "", "").parse(&bundle),
        Ok(Outcome::AcceptedSome(BTreeSet::from([
            "DEP_PLUS".to_string()
        ])))
    );
    assert_eq!(
        form("accepted_some", &["DEP_PLUS", "CA_RUB"], "", "").parse(&bundle),
        Ok(Outcome::AcceptedAll),
        "all of them is all"
    );
    let field = |f: OutcomeForm| f.parse(&bundle).unwrap_err()[0].field.clone();
    assert_eq!(field(form("accepted_some", &[], "", "")), "accepted");
    assert_eq!(field(form("accepted_some", &["GOLD"], "", "")), "accepted");
    assert_eq!(field(form("declined", &[], "", "")), "reason");
    assert_eq!(field(form("declined", &[], "other", " ")), "note");
    assert_eq!(field(form("maybe", &[], "", "")), "outcome");
    assert!(
        form("declined", &[], "other", "moving abroad")
            .parse(&bundle)
            .is_ok()
    );
}

#[test]
fn the_tally_gives_rates_and_none_without_offers() {
    let none = Tally::default();
    assert_eq!(none.acceptance_rate(), None);
    let tally = Tally {
        offers: 4,
        accepted_offers: 3,
        clients: 2,
        products_accepted: 10,
        add_ons_offered: 12,
        add_ons_taken: 6,
        expected_take_up_sum: dec!(4.8),
        expected_take_up_count: 12,
    };
    assert_eq!(tally.acceptance_rate(), Some(dec!(0.75)));
    assert_eq!(tally.products_per_visit(), Some(dec!(2.5)));
    assert_eq!(tally.products_per_client(), Some(dec!(5)));
    assert_eq!(tally.take_up(), Some(dec!(0.5)));
    assert_eq!(tally.expected_take_up(), Some(dec!(0.4)));
}

#[test]
fn a_bundle_left_losing_after_drops_is_red_and_its_record_is_flagged_for_finance() {
    let mut content = matrix();
    content.set_cell(
        "ONLINE",
        Scope::Point("MSK-HO".into()),
        CellPatch {
            role: Some(Role::MainOrAddOn),
            ..CellPatch::default()
        },
    );
    let mut asked = request("ONLINE");
    asked.drop = ["CA_RUB", "DEP_PLUS", "CC_GRACE", "TRANSFERS", "VENDOR_PAY"]
        .into_iter()
        .map(String::from)
        .collect();
    let proposal = propose_one(&content, &client(|_| {}), &asked).unwrap();
    assert_eq!(
        codes(&proposal),
        ["ONLINE"],
        "the virtual card left with the account"
    );
    assert!(proposal.result.breakdown.profit < Decimal::ZERO);
    assert_eq!(proposal.badge, Badge::Red);
    assert!(!proposal.badge_reasons.is_empty());
    let record = record(&proposal, Outcome::AcceptedAll, &recording(), &|c| {
        c.to_owned()
    });
    assert!(
        record.flagged_for_finance,
        "the client's choice, finance looks at it"
    );
}

#[test]
fn cells_resolved_ahead_give_the_same_proposal_as_cells_resolved_here() {
    let bank = bank();
    let catalog = bank.catalog();
    let content = matrix();
    let cells: Result<Vec<_>, _> =
        crate::domain::matrix::resolve_point(&content, &catalog, &bank.point.place())
            .map(|at| at.into_iter().map(|(_, cell)| cell).collect());
    let offer = |resolved| {
        let segments = [SegmentOffer {
            code: "S",
            name: "S",
            version: Some(VersionOffer {
                number: 1,
                content: &content,
                catalog: &catalog,
                resolved,
            }),
        }];
        propose(
            &segments,
            &client(|_| {}),
            &bank.desk(),
            &request("DEP_PLUS"),
        )
        .unwrap()
    };
    let (here, ahead) = (offer(None), offer(Some(&cells)));
    assert_eq!(here.result.breakdown, ahead.result.breakdown);
    assert_eq!(codes(&here), codes(&ahead));
}
