//! Recursive descent over the tokens; see the grammar in the module documentation.

use super::attribute::{Attribute, CustomName, KEYWORDS};
use super::error::RuleError;
use super::lexer::{Tok, Token, tokenize};
use super::value::{self, Literal, Problem, Value};
use super::{Condition, MAX_DEPTH, MAX_RULE_CHARS, RuleExpr};
use crate::domain::message::Message;

pub(super) fn parse(text: &str) -> Result<RuleExpr, RuleError> {
    let length = text.chars().count();
    if length > MAX_RULE_CHARS {
        return Err(RuleError::TooLong { length });
    }
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(RuleError::Empty);
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        depth: 0,
        end_column: length + 1,
    };
    let rule = parser.or()?;
    match parser.peek() {
        None => Ok(rule),
        Some(token) => Err(RuleError::at(
            token.column,
            Message::new("rule-expected-end").with("found", token.tok.describe()),
        )),
    }
}

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    /// Open parentheses and `not`s around the current position.
    depth: usize,
    end_column: usize,
}

fn is_keyword(tok: &Tok, keyword: &str) -> bool {
    matches!(tok, Tok::Word(word) if word.eq_ignore_ascii_case(keyword))
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end_column, |t| t.column)
    }

    /// What stands where something else was expected, as an argument of `message`.
    fn found(&self, message: Message) -> Message {
        match self.peek() {
            Some(t) => message.with("found", t.tok.describe()),
            None => message.with("found_key", "rule-the-end"),
        }
    }

    fn advance(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).cloned();
        self.next += usize::from(token.is_some());
        token
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let found = self.peek().is_some_and(|t| is_keyword(&t.tok, keyword));
        self.next += usize::from(found);
        found
    }

    /// `expected` is a message key; the token found (or the end) is added to it.
    fn expected(&self, expected: Message) -> RuleError {
        RuleError::at(self.column(), self.found(expected))
    }

    fn expected_thing(&self, what_key: &'static str) -> RuleError {
        self.expected(Message::new("rule-expected").with("what_key", what_key))
    }

    fn enter(&mut self, column: usize) -> Result<(), RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RuleError::at(
                column,
                Message::new("rule-too-deep").with("max", MAX_DEPTH),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<RuleExpr, RuleError> {
        let mut rules = vec![self.and()?];
        while self.eat_keyword("or") {
            rules.push(self.and()?);
        }
        Ok(if rules.len() == 1 {
            rules.remove(0)
        } else {
            RuleExpr::Any(rules)
        })
    }

    fn and(&mut self) -> Result<RuleExpr, RuleError> {
        let mut rules = vec![self.not()?];
        while self.eat_keyword("and") {
            rules.push(self.not()?);
        }
        Ok(if rules.len() == 1 {
            rules.remove(0)
        } else {
            RuleExpr::All(rules)
        })
    }

    fn not(&mut self) -> Result<RuleExpr, RuleError> {
        let column = self.column();
        if self.eat_keyword("not") {
            self.enter(column)?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(RuleExpr::Not(Box::new(inner)));
        }
        if self.peek().is_some_and(|t| t.tok == Tok::LParen) {
            self.advance();
            self.enter(column)?;
            let inner = self.or()?;
            if !self.peek().is_some_and(|t| t.tok == Tok::RParen) {
                let close = Message::new("rule-expected-close").with("column", column);
                return Err(self.expected(close));
            }
            self.advance();
            self.depth -= 1;
            return Ok(inner);
        }
        self.condition().map(RuleExpr::Condition)
    }

    fn condition(&mut self) -> Result<Condition, RuleError> {
        let Some(Token {
            tok: Tok::Word(word),
            column,
        }) = self.peek().cloned()
        else {
            return Err(self.expected_thing("rule-what-condition"));
        };
        if self.eat_keyword("has") {
            if !self.eat_keyword("tag") {
                return Err(self.expected_thing("rule-what-tag-keyword"));
            }
            let (literal, at) = self.literal(Message::new("rule-expected-tag"))?;
            return place(value::tag(lit(&literal)), at).map(Condition::HasTag);
        }
        if self.eat_keyword("holds") {
            let (literal, at) = self.literal(Message::new("rule-expected-product"))?;
            return place(value::product(lit(&literal)), at).map(Condition::Holds);
        }
        if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(&word)) {
            return Err(self.expected_thing("rule-what-condition"));
        }
        self.advance();
        let attribute = match Attribute::from_catalog(&word) {
            Some(known) => known,
            None => {
                Attribute::Custom(CustomName::parse(&word).map_err(|m| RuleError::at(column, m))?)
            }
        };
        self.test(attribute)
    }

    /// What follows the attribute: a comparison, `between` or `in`.
    fn test(&mut self, attribute: Attribute) -> Result<Condition, RuleError> {
        let column = self.column();
        let next = self.peek().map(|t| t.tok.clone());
        if let Some(Tok::Op(op)) = next {
            self.advance();
            place(
                value::check_operator(&attribute, op.as_str(), op.is_ordering()),
                column,
            )?;
            let value = self.value(&attribute, &format!("'{}'", op.as_str()), op.is_ordering())?;
            return Ok(Condition::Compare {
                attribute,
                op,
                value,
            });
        }
        if self.eat_keyword("between") {
            place(value::check_operator(&attribute, "between", true), column)?;
            let low = self.value(&attribute, "'between'", true)?;
            if !self.eat_keyword("and") {
                let low = super::display::value(&low);
                return Err(
                    self.expected(Message::new("rule-expected-between-and").with("low", low))
                );
            }
            let high = self.value(&attribute, "'and'", true)?;
            return Ok(Condition::Between {
                attribute,
                low,
                high,
            });
        }
        if self.eat_keyword("in") {
            if !self.peek().is_some_and(|t| t.tok == Tok::LBracket) {
                return Err(self.expected_thing("rule-what-bracket"));
            }
            self.advance();
            let mut values = vec![self.value(&attribute, "'['", false)?];
            while self.peek().is_some_and(|t| t.tok == Tok::Comma) {
                self.advance();
                values.push(self.value(&attribute, "','", false)?);
            }
            if !self.peek().is_some_and(|t| t.tok == Tok::RBracket) {
                return Err(self.expected_thing("rule-what-comma-or-bracket"));
            }
            self.advance();
            return Ok(Condition::In { attribute, values });
        }
        Err(self.expected(Message::new("rule-expected-test").with("attribute", &attribute)))
    }

    fn value(
        &mut self,
        attribute: &Attribute,
        after: &str,
        ordered: bool,
    ) -> Result<Value, RuleError> {
        let (literal, column) =
            self.literal(Message::new("rule-expected-value-after").with("after", after))?;
        place(value::typed(attribute, lit(&literal), ordered), column)
    }

    /// A word or a string; `and`, `or` and `not` are not values unless quoted.
    fn literal(&mut self, expected: Message) -> Result<((String, bool), usize), RuleError> {
        let column = self.column();
        let literal = match self.peek().map(|t| &t.tok) {
            Some(Tok::Str(text)) => (text.clone(), true),
            Some(Tok::Word(word))
                if !["and", "or", "not"]
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(word)) =>
            {
                (word.clone(), false)
            }
            _ => return Err(RuleError::at(column, expected)),
        };
        self.advance();
        Ok((literal, column))
    }
}

fn lit(literal: &(String, bool)) -> Literal<'_> {
    Literal {
        text: &literal.0,
        quoted: literal.1,
    }
}

/// Places a type error at a column.
fn place<T>(checked: Result<T, Problem>, column: usize) -> Result<T, RuleError> {
    checked.map_err(|p| RuleError::At {
        column,
        message: p.message,
        hint: p.hint,
    })
}
