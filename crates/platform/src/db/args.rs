//! Bind values that both engines type the same way.

use chrono::NaiveDate;
use std::borrow::Cow;

/// A typed bind value. Nulls keep their type, so PostgreSQL can check them against the column.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A 64-bit integer (ids, counts) or a typed integer null.
    Int(Option<i64>),
    /// Text (names, ISO dates, RFC 3339 instants, JSON) or a typed text null.
    Text(Option<String>),
    /// A boolean or a typed boolean null.
    Bool(Option<bool>),
    /// A double-precision number or a typed null.
    Float(Option<f64>),
}

/// One SQL statement with its bind values, written once for both engines.
#[derive(Debug, Clone)]
pub struct Query {
    sql: Cow<'static, str>,
    args: Vec<Arg>,
}

/// Starts a query from SQL written with `$1, $2, …` placeholders.
pub fn query(sql: impl Into<Cow<'static, str>>) -> Query {
    Query {
        sql: sql.into(),
        args: Vec::new(),
    }
}

impl Query {
    /// Adds the next bind value (`$n` for the n-th call).
    pub fn bind(mut self, value: impl Into<Arg>) -> Self {
        self.args.push(value.into());
        self
    }

    /// Adds a bind value in place (for statements built in a loop).
    pub fn push(&mut self, value: impl Into<Arg>) {
        self.args.push(value.into());
    }

    /// The SQL text.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The SQL text as the driver takes it. Values never enter the text (they are bound), so
    /// it is safe by construction.
    pub(crate) fn statement(&self) -> sqlx::AssertSqlSafe<Cow<'static, str>> {
        sqlx::AssertSqlSafe(self.sql.clone())
    }

    /// The bind values, in order.
    pub fn args(&self) -> &[Arg] {
        &self.args
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::Int(v)
    }
}
impl From<i32> for Arg {
    fn from(v: i32) -> Self {
        Arg::Int(Some(i64::from(v)))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Int(Some(i64::from(v)))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(Some(v))
    }
}
impl From<f64> for Arg {
    fn from(v: f64) -> Self {
        Arg::Float(Some(v))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_owned()))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        Arg::Text(v.map(str::to_owned))
    }
}
impl From<NaiveDate> for Arg {
    fn from(v: NaiveDate) -> Self {
        Arg::Text(Some(v.format("%Y-%m-%d").to_string()))
    }
}
impl From<Option<NaiveDate>> for Arg {
    fn from(v: Option<NaiveDate>) -> Self {
        Arg::Text(v.map(|d| d.format("%Y-%m-%d").to_string()))
    }
}
