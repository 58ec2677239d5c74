//! Việc của tôi — the work home of everyone who signs in: what is overdue, what falls due today
//! and this week, what awaits their action, and the work areas they may open, gathered from
//! every module through [`crate::module::Module::work`] for the units in their scope.

mod page;
mod scope;

pub use page::{PATH, routes};
pub use scope::WorkScope;

use chrono::NaiveDate;

/// What one module shows on a person's work home.
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Things to do, each with its legal clock where there is one.
    pub items: Vec<WorkItem>,
    /// Work pages the person may open, with what they hold.
    pub areas: Vec<WorkArea>,
}

/// One thing to do: a duty, a case, a ballot, a task, with its clock and the page to act on it.
#[derive(Debug, Clone)]
pub struct WorkItem {
    /// What to do, in the page's language ("Công khai: Dự toán ngân sách 2027").
    pub title: String,
    /// The unit it belongs to (its name).
    pub unit: String,
    /// The last day allowed by its clock, if it has one.
    pub due: Option<NaiveDate>,
    /// The rule or article the clock comes from, in the page's language, if any.
    pub clock: Option<String>,
    /// The page to act on it.
    pub href: String,
}

/// A work page a person may open (a module's dashboard at a unit) and what it holds.
#[derive(Debug, Clone)]
pub struct WorkArea {
    /// Message key of its name.
    pub title_key: &'static str,
    /// The unit (its name).
    pub unit: String,
    /// What it holds, in the page's language ("3 việc quá hạn"), if anything.
    pub note: Option<String>,
    /// Local path.
    pub href: String,
}

/// Where an item stands against today: the work home lists them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Its last day has passed (quá hạn).
    Overdue,
    /// Its last day is today.
    Today,
    /// Its last day is within the next seven days.
    ThisWeek,
    /// It awaits action, with a later clock or none.
    Awaiting,
}

impl Urgency {
    /// Where an item due on `due` stands on `today`.
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> Self {
        match due {
            Some(d) if d < today => Urgency::Overdue,
            Some(d) if d == today => Urgency::Today,
            Some(d) if (d - today).num_days() <= 7 => Urgency::ThisWeek,
            _ => Urgency::Awaiting,
        }
    }

    /// Message key of its heading on the work home.
    pub fn title_key(self) -> &'static str {
        match self {
            Urgency::Overdue => "work_overdue",
            Urgency::Today => "work_today",
            Urgency::ThisWeek => "work_this_week",
            Urgency::Awaiting => "work_awaiting",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Urgency;
    use chrono::NaiveDate;

    #[test]
    fn urgency_follows_the_calendar() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        let day = |n: i64| Some(today + chrono::Duration::days(n));
        assert_eq!(Urgency::of(day(-1), today), Urgency::Overdue);
        assert_eq!(Urgency::of(day(0), today), Urgency::Today);
        assert_eq!(Urgency::of(day(1), today), Urgency::ThisWeek);
        assert_eq!(Urgency::of(day(7), today), Urgency::ThisWeek);
        assert_eq!(Urgency::of(day(8), today), Urgency::Awaiting);
        assert_eq!(Urgency::of(None, today), Urgency::Awaiting);
    }
}
