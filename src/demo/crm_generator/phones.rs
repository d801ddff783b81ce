//! Russian mobile numbers for the synthetic clients: `+79` and nine digits, different for every
//! client of a run, and missing for about one client in ten (CRMs have gaps here too).
//!
//! The number is a function of the seed and the client's number only (a [`mix`] of the two
//! decides whether there is one; a bijection of the client's number gives its digits), so the
//! generator's dice, and with them every other field, are untouched by it.

/// Share of clients without a phone on record, per mille.
const WITHOUT_PHONE_PER_MILLE: u64 = 100;

/// Subscriber numbers: nine digits after `+79`.
const SUBSCRIBERS: u64 = 1_000_000_000;

/// Odd and not a multiple of 5, so coprime with [`SUBSCRIBERS`]: `n ↦ n · STRIDE + offset`
/// (mod 10⁹) gives a different number to each of the first 10⁹ clients, and neighbours in the
/// CRM do not get neighbouring numbers.
const STRIDE: u64 = 387_420_489; // 3¹⁸

/// SplitMix64's finalizer: a well-spread 64-bit value from any input.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The phone of client `number` of a run with `seed`, in the stored form (`+79…`), or none.
pub(super) fn phone(seed: u64, number: usize) -> Option<String> {
    let number = number as u64;
    if mix(seed ^ mix(number)) % 1000 < WITHOUT_PHONE_PER_MILLE {
        return None;
    }
    let offset = mix(seed) % SUBSCRIBERS;
    let subscriber = ((u128::from(number) * u128::from(STRIDE) + u128::from(offset))
        % u128::from(SUBSCRIBERS)) as u64;
    Some(format!("+79{subscriber:09}"))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::client::normalize_phone;

    #[test]
    fn most_clients_have_a_distinct_valid_mobile_number() {
        let phones: Vec<Option<String>> = (1..=100_000).map(|n| phone(42, n)).collect();
        let given: Vec<&String> = phones.iter().flatten().collect();
        let share = given.len() * 100 / phones.len();
        assert!((85..=95).contains(&share), "{share} % have a phone");
        for number in &given {
            assert_eq!(number.len(), 12, "{number}");
            assert!(number.starts_with("+79"), "{number}");
            assert_eq!(normalize_phone(number).as_deref(), Some(number.as_str()));
        }
        let distinct: HashSet<&&String> = given.iter().collect();
        assert_eq!(distinct.len(), given.len(), "no two clients share a number");
    }

    #[test]
    fn the_number_depends_on_the_seed_and_the_client_only() {
        assert_eq!(phone(42, 7), phone(42, 7));
        let differ = (1..=100).filter(|&n| phone(42, n) != phone(43, n)).count();
        assert!(differ > 90, "{differ}");
    }
}
