//! Full names as a Russian CRM stores them in Latin letters: "Surname Given Patronymic".
//!
//! Given names follow the generation (few Artyoms were born in 1950), female surnames take the
//! feminine ending (Ivanov → Ivanova, Pokrovsky → Pokrovskaya; Kovalenko and Siberian -ykh names
//! do not change), and patronymics come from a father's name of the previous generation.

use chrono::{Datelike, NaiveDate};

use super::draws::Dice;

/// Where a client's name comes from; also decides the native language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Russian,
    Tajik,
    Uzbek,
    Kyrgyz,
    /// Expatriates from Western countries, who prefer English.
    Western,
}

impl Origin {
    pub(super) fn language(self) -> &'static str {
        match self {
            Self::Russian => "ru",
            Self::Tajik => "tg",
            Self::Uzbek => "uz",
            Self::Kyrgyz => "ky",
            Self::Western => "en",
        }
    }

    pub(super) fn is_central_asian(self) -> bool {
        matches!(self, Self::Tajik | Self::Uzbek | Self::Kyrgyz)
    }
}

/// A male given name with the patronymics it gives to sons and daughters.
type Father = (&'static str, &'static str, &'static str);

#[rustfmt::skip]
const MEN_BORN_BEFORE_1980: &[Father] = &[
    ("Vladimir", "Vladimirovich", "Vladimirovna"), ("Aleksandr", "Aleksandrovich", "Aleksandrovna"),
    ("Sergei", "Sergeevich", "Sergeevna"), ("Nikolai", "Nikolaevich", "Nikolaevna"),
    ("Viktor", "Viktorovich", "Viktorovna"), ("Yuri", "Yuryevich", "Yuryevna"),
    ("Anatoly", "Anatolyevich", "Anatolyevna"), ("Vasily", "Vasilyevich", "Vasilyevna"),
    ("Gennady", "Gennadyevich", "Gennadyevna"), ("Valery", "Valeryevich", "Valeryevna"),
    ("Mikhail", "Mikhailovich", "Mikhailovna"), ("Igor", "Igorevich", "Igorevna"),
    ("Oleg", "Olegovich", "Olegovna"), ("Boris", "Borisovich", "Borisovna"),
    ("Pyotr", "Petrovich", "Petrovna"), ("Ivan", "Ivanovich", "Ivanovna"),
    ("Andrei", "Andreevich", "Andreevna"), ("Yevgeny", "Yevgenyevich", "Yevgenyevna"),
    ("Aleksei", "Alekseevich", "Alekseevna"), ("Leonid", "Leonidovich", "Leonidovna"),
];

#[rustfmt::skip]
const MEN_BORN_FROM_1980: &[Father] = &[
    ("Aleksandr", "Aleksandrovich", "Aleksandrovna"), ("Dmitry", "Dmitrievich", "Dmitrievna"),
    ("Maksim", "Maksimovich", "Maksimovna"), ("Artyom", "Artyomovich", "Artyomovna"),
    ("Nikita", "Nikitich", "Nikitichna"), ("Ilya", "Ilyich", "Ilyinichna"),
    ("Kirill", "Kirillovich", "Kirillovna"), ("Denis", "Denisovich", "Denisovna"),
    ("Andrei", "Andreevich", "Andreevna"), ("Ivan", "Ivanovich", "Ivanovna"),
    ("Mikhail", "Mikhailovich", "Mikhailovna"), ("Yegor", "Yegorovich", "Yegorovna"),
    ("Roman", "Romanovich", "Romanovna"), ("Anton", "Antonovich", "Antonovna"),
    ("Konstantin", "Konstantinovich", "Konstantinovna"), ("Aleksei", "Alekseevich", "Alekseevna"),
    ("Sergei", "Sergeevich", "Sergeevna"), ("Pavel", "Pavlovich", "Pavlovna"),
];

#[rustfmt::skip]
const WOMEN_BORN_BEFORE_1980: &[&str] = &[
    "Tatyana", "Yelena", "Olga", "Natalya", "Irina", "Svetlana", "Galina", "Lyudmila",
    "Valentina", "Nina", "Lyubov", "Nadezhda", "Marina", "Larisa", "Tamara", "Vera",
];

#[rustfmt::skip]
const WOMEN_BORN_FROM_1980: &[&str] = &[
    "Anastasia", "Maria", "Darya", "Anna", "Yekaterina", "Polina", "Alina", "Viktoria",
    "Kristina", "Yelizaveta", "Sofia", "Ksenia", "Yulia", "Olga", "Irina", "Yelena",
];

/// Male forms; [`feminine`] derives the female one.
#[rustfmt::skip]
const RUSSIAN_SURNAMES: &[&str] = &[
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasilyev", "Petrov", "Sokolov", "Mikhailov",
    "Novikov", "Fyodorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semyonov", "Yegorov",
    "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov", "Nikitin",
    "Zakharov", "Zaitsev", "Solovyov", "Borisov", "Yakovlev", "Grigoryev", "Romanov",
    "Vorobyov", "Sergeev", "Kuzmin", "Frolov", "Aleksandrov", "Dmitriev", "Korolev", "Gusev",
    "Kiselev", "Ilyin", "Maksimov", "Polyakov", "Sorokin", "Vinogradov", "Kovalyov", "Belov",
    "Medvedev", "Antonov", "Tarasov", "Zhukov", "Baranov", "Filippov", "Komarov", "Davydov",
    "Gerasimov", "Bogdanov", "Osipov", "Sidorov", "Matveev", "Titov", "Markov", "Mironov",
    "Krylov", "Kulikov", "Karpov", "Vlasov", "Melnikov", "Denisov", "Gavrilov", "Tikhonov",
    "Pokrovsky", "Nikolsky", "Zhukovsky", "Tolstoy", "Kovalenko", "Shevchenko", "Bondarenko",
    "Tkachenko", "Chernykh", "Sedykh", "Belykh", "Dolgikh", "Shevchuk",
];

#[rustfmt::skip]
const CENTRAL_ASIAN_SURNAMES: &[&str] = &[
    "Rakhimov", "Karimov", "Nazarov", "Usmonov", "Sharipov", "Tursunov", "Abdullaev",
    "Yusupov", "Rasulov", "Saidov", "Mirzoev", "Kholmatov", "Ergashev", "Juraev", "Asanov",
    "Mamytov", "Sadykov", "Osmonov",
];

#[rustfmt::skip]
const TAJIK_MEN: &[&str] = &["Farrukh", "Firdavs", "Jamshed", "Umed", "Behruz", "Bakhtiyor", "Daler", "Sukhrob"];
#[rustfmt::skip]
const UZBEK_MEN: &[&str] = &["Alisher", "Dilshod", "Sherzod", "Bekzod", "Jasur", "Otabek", "Rustam", "Sardor"];
#[rustfmt::skip]
const KYRGYZ_MEN: &[&str] = &["Azamat", "Nurlan", "Bakyt", "Aibek", "Ermek", "Tilek", "Kanat", "Emil"];
#[rustfmt::skip]
const TAJIK_WOMEN: &[&str] = &["Dilnoza", "Malika", "Zarina", "Nigina", "Firuza", "Mehrona"];
#[rustfmt::skip]
const UZBEK_WOMEN: &[&str] = &["Gulnora", "Nigora", "Dilfuza", "Shakhnoza", "Aziza", "Feruza", "Madina"];
#[rustfmt::skip]
const KYRGYZ_WOMEN: &[&str] = &["Aizhan", "Aigul", "Nurgul", "Begimai", "Aida", "Cholpon"];

#[rustfmt::skip]
const WESTERN_SURNAMES: &[&str] = &["Smith", "Brown", "Wilson", "Taylor", "Miller", "Walker", "Schneider", "Dubois", "Rossi", "Garcia"];
#[rustfmt::skip]
const WESTERN_MEN: &[&str] = &["John", "David", "Michael", "Thomas", "Peter", "Mark"];
#[rustfmt::skip]
const WESTERN_WOMEN: &[&str] = &["Sarah", "Emma", "Laura", "Anna", "Julia", "Claire"];

/// Generations are split at 1980, when naming fashions had turned over.
const GENERATION_SPLIT_YEAR: i32 = 1980;
/// Fathers are taken to be about this much older than their children.
const FATHER_AGE_GAP_YEARS: i32 = 28;

/// Ivanov → Ivanova, Ilyin → Ilyina, Pokrovsky → Pokrovskaya, Tolstoy → Tolstaya;
/// other endings (-enko, -ykh, -uk) are the same for women.
pub(super) fn feminine(surname: &str) -> String {
    if let Some(stem) = surname.strip_suffix("sky") {
        format!("{stem}skaya")
    } else if let Some(stem) = surname.strip_suffix("oy") {
        format!("{stem}aya")
    } else if ["ov", "ev", "yov", "in", "yn"]
        .iter()
        .any(|end| surname.ends_with(end))
    {
        format!("{surname}a")
    } else {
        surname.to_owned()
    }
}

fn men_of(year: i32) -> &'static [Father] {
    if year < GENERATION_SPLIT_YEAR {
        MEN_BORN_BEFORE_1980
    } else {
        MEN_BORN_FROM_1980
    }
}

pub(super) fn full_name(dice: &mut Dice, origin: Origin, female: bool, birth: NaiveDate) -> String {
    let year = birth.year();
    match origin {
        Origin::Russian => {
            let surname = *dice.one_of(RUSSIAN_SURNAMES);
            let surname = if female {
                feminine(surname)
            } else {
                surname.to_owned()
            };
            let given = if female {
                let women = if year < GENERATION_SPLIT_YEAR {
                    WOMEN_BORN_BEFORE_1980
                } else {
                    WOMEN_BORN_FROM_1980
                };
                *dice.one_of(women)
            } else {
                dice.one_of(men_of(year)).0
            };
            let (_, son, daughter) = *dice.one_of(men_of(year - FATHER_AGE_GAP_YEARS));
            format!("{surname} {given} {}", if female { daughter } else { son })
        }
        Origin::Tajik | Origin::Uzbek | Origin::Kyrgyz => {
            let (men, women) = match origin {
                Origin::Tajik => (TAJIK_MEN, TAJIK_WOMEN),
                Origin::Uzbek => (UZBEK_MEN, UZBEK_WOMEN),
                _ => (KYRGYZ_MEN, KYRGYZ_WOMEN),
            };
            let surname = *dice.one_of(CENTRAL_ASIAN_SURNAMES);
            let surname = if female {
                feminine(surname)
            } else {
                surname.to_owned()
            };
            let given = *dice.one_of(if female { women } else { men });
            // Many passports from Central Asia carry no patronymic; where one is recorded it is
            // the father's name with the Russian ending (all the fathers' names end in a consonant).
            if dice.chance(300) {
                format!("{surname} {given}")
            } else {
                let father = *dice.one_of(men);
                format!(
                    "{surname} {given} {father}{}",
                    if female { "ovna" } else { "ovich" }
                )
            }
        }
        Origin::Western => {
            let surname = *dice.one_of(WESTERN_SURNAMES);
            let given = *dice.one_of(if female { WESTERN_WOMEN } else { WESTERN_MEN });
            format!("{surname} {given}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_take_the_feminine_form_where_russian_has_one() {
        assert_eq!(feminine("Ivanov"), "Ivanova");
        assert_eq!(feminine("Solovyov"), "Solovyova");
        assert_eq!(feminine("Ilyin"), "Ilyina");
        assert_eq!(feminine("Pokrovsky"), "Pokrovskaya");
        assert_eq!(feminine("Tolstoy"), "Tolstaya");
        assert_eq!(feminine("Kovalenko"), "Kovalenko");
        assert_eq!(feminine("Chernykh"), "Chernykh");
    }

    #[test]
    fn russian_names_have_three_parts_with_matching_endings() {
        let mut dice = Dice::new(3);
        let birth = NaiveDate::from_ymd_opt(1990, 5, 1).unwrap();
        for _ in 0..200 {
            let name = full_name(&mut dice, Origin::Russian, true, birth);
            let parts: Vec<_> = name.split(' ').collect();
            assert_eq!(parts.len(), 3, "{name}");
            assert!(parts[2].ends_with("na"), "{name}");
            let name = full_name(&mut dice, Origin::Russian, false, birth);
            assert!(name.ends_with("ich"), "{name}");
        }
    }
}
