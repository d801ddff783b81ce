//! Where the demo bank's clients live.
//!
//! The bank has a head office in Moscow (MSK-HO) and a small credit-and-cash office in
//! Novosibirsk (NSK-KKO). About 70 % of clients live in Moscow or Moscow Oblast; a few live in
//! other European cities and are served by Moscow; the rest live in and around Novosibirsk, or
//! elsewhere in Siberia and the Urals and are served by Novosibirsk. Populations are rounded
//! recent figures.

/// The head office in Moscow.
pub const HEAD_OFFICE: &str = "MSK-HO";
/// The credit-and-cash office in Novosibirsk.
pub const CASH_OFFICE: &str = "NSK-KKO";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Area {
    /// Moscow and Moscow Oblast.
    MoscowRegion,
    /// Other European Russia, served by the head office.
    European,
    /// Novosibirsk and Novosibirsk Oblast.
    NovosibirskRegion,
    /// Other Siberia and the Urals, served by the Novosibirsk office.
    Siberian,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct City {
    pub name: &'static str,
    pub region: &'static str,
    pub population: i64,
    pub area: Area,
    /// Share of all clients, in 1/10,000.
    pub weight: u32,
}

impl City {
    pub(super) fn sales_point(&self) -> &'static str {
        match self.area {
            Area::MoscowRegion | Area::European => HEAD_OFFICE,
            Area::NovosibirskRegion | Area::Siberian => CASH_OFFICE,
        }
    }
}

const fn city(
    name: &'static str,
    region: &'static str,
    population: i64,
    area: Area,
    weight: u32,
) -> City {
    City {
        name,
        region,
        population,
        area,
        weight,
    }
}

use Area::{European, MoscowRegion, NovosibirskRegion, Siberian};

const MO: &str = "Moscow Oblast";
const NSO: &str = "Novosibirsk Oblast";

/// Weights add up to 10,000: Moscow region 7,000, European 500, Novosibirsk region 2,100,
/// Siberian 400.
pub(super) const CITIES: [City; 28] = [
    city("Moscow", "Moscow", 13_100_000, MoscowRegion, 4_840),
    city("Balashikha", MO, 520_000, MoscowRegion, 420),
    city("Podolsk", MO, 310_000, MoscowRegion, 300),
    city("Khimki", MO, 260_000, MoscowRegion, 260),
    city("Mytishchi", MO, 235_000, MoscowRegion, 230),
    city("Korolyov", MO, 225_000, MoscowRegion, 220),
    city("Lyubertsy", MO, 215_000, MoscowRegion, 210),
    city("Krasnogorsk", MO, 175_000, MoscowRegion, 170),
    city("Kolomna", MO, 140_000, MoscowRegion, 140),
    city("Sergiev Posad", MO, 100_000, MoscowRegion, 100),
    city("Dmitrov", MO, 70_000, MoscowRegion, 60),
    city("Istra", MO, 35_000, MoscowRegion, 50),
    city(
        "Saint Petersburg",
        "Saint Petersburg",
        5_600_000,
        European,
        200,
    ),
    city("Tula", "Tula Oblast", 460_000, European, 90),
    city(
        "Nizhny Novgorod",
        "Nizhny Novgorod Oblast",
        1_200_000,
        European,
        80,
    ),
    city("Kazan", "Republic of Tatarstan", 1_320_000, European, 80),
    city("Yaroslavl", "Yaroslavl Oblast", 570_000, European, 50),
    city("Novosibirsk", NSO, 1_630_000, NovosibirskRegion, 1_600),
    city("Berdsk", NSO, 105_000, NovosibirskRegion, 200),
    city("Iskitim", NSO, 56_000, NovosibirskRegion, 120),
    city("Kuybyshev", NSO, 43_000, NovosibirskRegion, 70),
    city("Ob", NSO, 30_000, NovosibirskRegion, 60),
    city("Koltsovo", NSO, 17_000, NovosibirskRegion, 50),
    city("Krasnoyarsk", "Krasnoyarsk Krai", 1_200_000, Siberian, 100),
    city(
        "Yekaterinburg",
        "Sverdlovsk Oblast",
        1_540_000,
        Siberian,
        80,
    ),
    city("Tomsk", "Tomsk Oblast", 570_000, Siberian, 80),
    city("Barnaul", "Altai Krai", 630_000, Siberian, 80),
    city("Kemerovo", "Kemerovo Oblast", 540_000, Siberian, 60),
];

pub(super) fn weights() -> [u32; 28] {
    CITIES.map(|c| c.weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(area: Area) -> u32 {
        CITIES
            .iter()
            .filter(|c| c.area == area)
            .map(|c| c.weight)
            .sum()
    }

    #[test]
    fn weights_give_the_intended_shares() {
        assert_eq!(weights().iter().sum::<u32>(), 10_000);
        assert_eq!(share(Area::MoscowRegion), 7_000);
        assert_eq!(share(Area::European), 500);
        assert_eq!(share(Area::NovosibirskRegion), 2_100);
        assert_eq!(share(Area::Siberian), 400);
    }
}
