//! Finding a client by name whatever script the advisor types in. A Russian CRM often stores
//! names in Latin letters ("Ivanova Anna"), while an advisor may type "Иванова"; or the other
//! way round. A search looks for each spelling [`search_spellings`] gives.

/// Latin spellings of a Cyrillic letter: the common (BGN-like) one, then the passport (ICAO)
/// one where they differ.
fn latin(c: char, at_word_start: bool) -> (&'static str, &'static str) {
    match c {
        'а' => ("a", "a"),
        'б' => ("b", "b"),
        'в' => ("v", "v"),
        'г' => ("g", "g"),
        'д' => ("d", "d"),
        'е' => (if at_word_start { "ye" } else { "e" }, "e"),
        'ё' => ("yo", "e"),
        'ж' => ("zh", "zh"),
        'з' => ("z", "z"),
        'и' => ("i", "i"),
        'й' => ("y", "i"),
        'к' => ("k", "k"),
        'л' => ("l", "l"),
        'м' => ("m", "m"),
        'н' => ("n", "n"),
        'о' => ("o", "o"),
        'п' => ("p", "p"),
        'р' => ("r", "r"),
        'с' => ("s", "s"),
        'т' => ("t", "t"),
        'у' => ("u", "u"),
        'ф' => ("f", "f"),
        'х' => ("kh", "kh"),
        'ц' => ("ts", "ts"),
        'ч' => ("ch", "ch"),
        'ш' => ("sh", "sh"),
        'щ' => ("shch", "shch"),
        'ъ' => ("", "ie"),
        'ы' => ("y", "y"),
        'ь' => ("", ""),
        'э' => ("e", "e"),
        'ю' => ("yu", "iu"),
        'я' => ("ya", "ia"),
        _ => ("", ""),
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Cyrillic letters for Latin text, longest match first ("shch", "kh", "ya" …).
const TO_CYRILLIC: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yo", "ё"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "е"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "ы"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "к"),
    ("w", "в"),
    ("x", "кс"),
    ("j", "дж"),
    ("q", "к"),
];

fn to_cyrillic(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len() * 2);
    let mut rest = latin;
    while let Some(c) = rest.chars().next() {
        match TO_CYRILLIC.iter().find(|(l, _)| rest.starts_with(l)) {
            Some((l, cyrillic)) => {
                out.push_str(cyrillic);
                rest = &rest[l.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // "й" at the end of a syllable is written "y" or "i" in Latin ("Sergei", "Nikolai").
    out.replace("ыа", "ья")
}

/// `text` lower-cased with its Cyrillic letters in their common Latin spelling ("Долг клиента"
/// → "dolg klienta"); other characters kept.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    for c in text.to_lowercase().chars() {
        if is_cyrillic(c) {
            out.push_str(latin(c, !previous.is_alphabetic()).0);
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// The lower-case spellings to look a typed name up under: the text itself, and its
/// transliterations into the other script. `ё` and `е` are one letter here, as people type them.
pub fn search_spellings(query: &str) -> Vec<String> {
    let query = query.trim().to_lowercase().replace('ё', "е");
    if query.is_empty() {
        return Vec::new();
    }
    let mut spellings = vec![query.clone()];
    if query.chars().any(is_cyrillic) {
        let (mut common, mut passport) = (String::new(), String::new());
        let mut previous = ' ';
        for c in query.chars() {
            if is_cyrillic(c) {
                let (a, b) = latin(c, !previous.is_alphabetic());
                common.push_str(a);
                passport.push_str(b);
            } else {
                common.push(c);
                passport.push(c);
            }
            previous = c;
        }
        spellings.push(common);
        spellings.push(passport);
    } else if query.chars().any(|c| c.is_ascii_alphabetic()) {
        spellings.push(to_cyrillic(&query));
    }
    spellings.dedup();
    let mut unique = Vec::new();
    for s in spellings {
        if !unique.contains(&s) {
            unique.push(s);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_finds_the_latin_spellings_a_crm_uses() {
        let spellings = search_spellings("Иванова");
        assert!(spellings.contains(&"ivanova".to_string()), "{spellings:?}");
        assert!(search_spellings("Абдуллаева").contains(&"abdullaeva".to_string()));
        assert!(search_spellings("Юсупов").contains(&"yusupov".to_string()));
        assert!(search_spellings("Юсупов").contains(&"iusupov".to_string()));
        assert!(search_spellings("Хасанов").contains(&"khasanov".to_string()));
        assert!(search_spellings("Ельцова").contains(&"yeltsova".to_string()));
    }

    #[test]
    fn latin_finds_the_cyrillic_spelling() {
        assert!(search_spellings("Ivanov").contains(&"иванов".to_string()));
        assert!(search_spellings("Shcherbakov").contains(&"щербаков".to_string()));
        assert!(search_spellings("khasanova").contains(&"хасанова".to_string()));
    }

    #[test]
    fn yo_and_ye_are_one_letter_and_blank_is_nothing() {
        assert_eq!(search_spellings("Фёдоров")[0], "федоров");
        assert!(search_spellings("   ").is_empty());
        assert_eq!(search_spellings("CRM-1"), ["crm-1", "крм-1"]);
    }
}
