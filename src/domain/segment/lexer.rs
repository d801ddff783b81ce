//! Splits rule text into tokens, each with its column (characters from 1).

use super::error::RuleError;
use super::op::CompareOp;
use crate::domain::message::Message;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Op(CompareOp),
    /// A quoted string, unescaped.
    Str(String),
    /// A run of letters, digits, `_`, `.` and `-`: keywords, names, numbers, dates, words.
    Word(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub tok: Tok,
    pub column: usize,
}

impl Tok {
    /// How the token reads in "found …" messages.
    pub fn describe(&self) -> String {
        match self {
            Self::LParen => "'('".into(),
            Self::RParen => "')'".into(),
            Self::LBracket => "'['".into(),
            Self::RBracket => "']'".into(),
            Self::Comma => "','".into(),
            Self::Op(op) => format!("'{}'", op.as_str()),
            Self::Str(text) => format!("\"{text}\""),
            Self::Word(word) => format!("'{word}'"),
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-')
}

pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, RuleError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let single = match c {
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            ',' => Some(Tok::Comma),
            _ => None,
        };
        if let Some(tok) = single {
            tokens.push(Token { tok, column });
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if matches!(c, '=' | '!' | '<' | '>') {
            let two = chars.get(i + 1) == Some(&'=');
            let symbol: String = chars[i..i + 1 + usize::from(two)].iter().collect();
            let op = CompareOp::from_symbol(&symbol).ok_or_else(|| {
                RuleError::at(
                    column,
                    Message::new("rule-unknown-operator").with("symbol", &symbol),
                )
                .with_hint(Message::new("rule-hint-operators"))
            })?;
            tokens.push(Token {
                tok: Tok::Op(op),
                column,
            });
            i += symbol.chars().count();
        } else if c == '"' {
            let (text, next) = string(&chars, i)?;
            tokens.push(Token {
                tok: Tok::Str(text),
                column,
            });
            i = next;
        } else if is_word_char(c) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            let word = chars[start..i].iter().collect();
            tokens.push(Token {
                tok: Tok::Word(word),
                column,
            });
        } else {
            return Err(RuleError::at(
                column,
                Message::new("rule-unexpected-character").with("char", format!("{c:?}")),
            ));
        }
    }
    Ok(tokens)
}

/// Reads the string opening at `start`; returns its text and the index after the closing quote.
fn string(chars: &[char], start: usize) -> Result<(String, usize), RuleError> {
    let mut text = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i) {
            None => {
                return Err(
                    RuleError::at(start + 1, Message::new("rule-unterminated-string"))
                        .with_hint(Message::new("rule-hint-close-string")),
                );
            }
            Some('"') => return Ok((text, i + 1)),
            Some('\\') => match chars.get(i + 1) {
                Some(&escaped @ ('"' | '\\')) => {
                    text.push(escaped);
                    i += 2;
                }
                _ => {
                    return Err(RuleError::at(i + 1, Message::new("rule-unknown-escape"))
                        .with_hint(Message::new("rule-hint-escapes")));
                }
            },
            Some(c) if c.is_control() => {
                return Err(RuleError::at(
                    i + 1,
                    Message::new("rule-control-character").with("char", format!("{c:?}")),
                ));
            }
            Some(&c) => {
                text.push(c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn operators_words_and_strings_split_without_spaces() {
        assert_eq!(
            toks(r#"age>=35 and(has tag "a \"b\" \\")"#),
            vec![
                Tok::Word("age".into()),
                Tok::Op(CompareOp::Ge),
                Tok::Word("35".into()),
                Tok::Word("and".into()),
                Tok::LParen,
                Tok::Word("has".into()),
                Tok::Word("tag".into()),
                Tok::Str(r#"a "b" \"#.into()),
                Tok::RParen,
            ]
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let tokens = tokenize("city = \"Москва\" or x").unwrap();
        assert_eq!(tokens[3].column, 17);
    }

    #[test]
    fn lexical_errors_name_their_column() {
        let err = tokenize("age >= 3 or a ! b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown operator '!' at column 15: use =, !=, <, <=, > or >="
        );
        assert_eq!(tokenize("age == 3").unwrap_err().column(), Some(5));
        assert_eq!(tokenize("a = \"open").unwrap_err().column(), Some(5));
        assert_eq!(tokenize("a = \"x\\n\"").unwrap_err().column(), Some(7));
        assert_eq!(tokenize("a ; b").unwrap_err().column(), Some(3));
    }
}
