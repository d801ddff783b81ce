//! Random draws that give the same results on every platform.
//!
//! Only integer draws, `f64` uniforms and basic `f64` arithmetic are used: those are exactly
//! specified (IEEE 754), whereas `f64::exp`/`ln` come from the platform's maths library and may
//! differ in the last bit, which can flip a rounded kopeck. So the log-normal uses its own `exp`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(super) struct Dice(ChaCha8Rng);

impl Dice {
    pub(super) fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// True with probability `per_mille` / 1000.
    pub(super) fn chance(&mut self, per_mille: u32) -> bool {
        self.0.random_range(0..1000u32) < per_mille
    }

    /// Uniform in `low..=high`.
    pub(super) fn between(&mut self, low: u32, high: u32) -> u32 {
        self.0.random_range(low..=high)
    }

    /// An element of a non-empty slice, uniformly.
    pub(super) fn one_of<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        let last = u32::try_from(items.len() - 1).expect("small table");
        &items[self.between(0, last) as usize]
    }

    /// An index into `weights`, with probability proportional to its weight.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut ticket = self.0.random_range(0..total);
        for (index, &weight) in weights.iter().enumerate() {
            if ticket < weight {
                return index;
            }
            ticket -= weight;
        }
        unreachable!("ticket below the total weight")
    }

    /// An item of a table paired with weights.
    pub(super) fn pick<T: Copy, const N: usize>(&mut self, items: [T; N], weights: [u32; N]) -> T {
        items[self.weighted(&weights)]
    }

    /// Approximately standard normal: Irwin–Hall sum of 12 uniforms, so within ±6 (in practice
    /// within ±4), which keeps incomes free of absurd outliers.
    fn standard_normal(&mut self) -> f64 {
        (0..12).map(|_| self.0.random::<f64>()).sum::<f64>() - 6.0
    }

    /// Log-normal with the given median and spread (sigma of the logarithm).
    pub(super) fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        median * portable_exp(sigma * self.standard_normal())
    }
}

/// `e^x` from basic arithmetic only: a Taylor series on x/16, squared four times.
/// Relative error below 1e-14 for |x| <= 8, far finer than a kopeck on any income here.
fn portable_exp(x: f64) -> f64 {
    let y = x / 16.0;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=16 {
        term = term * y / f64::from(n);
        sum += term;
    }
    let mut result = sum;
    for _ in 0..4 {
        result *= result;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_exp_matches_the_library_exp() {
        for i in -80..=80 {
            let x = f64::from(i) / 10.0;
            let relative = (portable_exp(x) - x.exp()).abs() / x.exp();
            assert!(relative < 1e-13, "x = {x}: {relative}");
        }
    }

    #[test]
    fn weighted_draws_follow_the_weights_and_skip_zero_weights() {
        let mut dice = Dice::new(7);
        let mut counts = [0u32; 3];
        for _ in 0..10_000 {
            counts[dice.weighted(&[1, 0, 3])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((2_300..2_700).contains(&counts[0]), "{counts:?}");
    }

    #[test]
    fn log_normal_has_the_requested_median() {
        let mut dice = Dice::new(11);
        let mut draws: Vec<f64> = (0..5_001).map(|_| dice.log_normal(100.0, 0.5)).collect();
        draws.sort_by(f64::total_cmp);
        assert!((95.0..105.0).contains(&draws[2_500]), "{}", draws[2_500]);
    }
}
