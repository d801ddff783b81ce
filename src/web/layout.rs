//! The view model every page hands to `templates/base.html`: title, user, navigation by role,
//! and the CSRF token for forms.

use super::identity::Identity;
use crate::domain::message::Message;
use crate::domain::user::Role;
use crate::i18n::Lang;

/// The areas of the application, one per navigation entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Desk,
    Catalog,
    Segments,
    Matrices,
    Clients,
    Finance,
    Results,
    Users,
    Bank,
    SalesPoints,
    Audit,
    None,
}

impl Section {
    /// The message key of the navigation label.
    fn label_key(self) -> &'static str {
        match self {
            Section::Desk => "nav-desk",
            Section::Catalog => "nav-catalog",
            Section::Segments => "nav-segments",
            Section::Matrices => "nav-matrices",
            Section::Clients => "nav-clients",
            Section::Finance => "nav-finance",
            Section::Results => "nav-results",
            Section::Users => "nav-users",
            Section::Bank => "nav-bank",
            Section::SalesPoints => "nav-sales-points",
            Section::Audit => "nav-audit",
            Section::None => "nav-home",
        }
    }

    fn href(self) -> &'static str {
        match self {
            Section::Desk => "/desk",
            Section::Catalog => "/catalog",
            Section::Segments => "/segments",
            Section::Matrices => "/matrices",
            Section::Clients => "/clients/import",
            Section::Finance => "/finance",
            Section::Results => "/results",
            Section::Users => "/admin/users",
            Section::Bank => "/admin/bank",
            Section::SalesPoints => "/admin/sales-points",
            Section::Audit => "/audit",
            Section::None => "/",
        }
    }
}

/// The sections a role sees, first one being its home page. Must agree with
/// the route table (`routes.rs`) (a test checks that every entry is reachable for the role).
pub fn sections_for(role: Role) -> &'static [Section] {
    match role {
        Role::Advisor => &[Section::Desk, Section::Results],
        Role::ProductManager => &[
            Section::Catalog,
            Section::Segments,
            Section::Matrices,
            Section::Clients,
            Section::Results,
        ],
        Role::Finance => &[
            Section::Finance,
            Section::Catalog,
            Section::Matrices,
            Section::Results,
            Section::Audit,
        ],
        Role::Admin => &[
            Section::Users,
            Section::Bank,
            Section::SalesPoints,
            Section::Audit,
        ],
    }
}

/// Where a role lands after sign-in.
pub fn home_for(role: Role) -> &'static str {
    sections_for(role).first().map_or("/", |s| s.href())
}

pub struct NavItem {
    pub label: String,
    pub href: &'static str,
    pub active: bool,
}

pub struct UserBadge {
    pub display_name: String,
    pub role_label: String,
}

pub struct Layout {
    pub title: String,
    pub user: Option<UserBadge>,
    pub nav: Vec<NavItem>,
    pub csrf_token: String,
    /// The language the page is written in.
    pub lang: Lang,
    /// What the bank still lacks, each with who adds it (and where, for that user).
    pub missing: Vec<MissingNotice>,
}

/// One line of the notice on every page of a bank not fully set up.
pub struct MissingNotice {
    pub text: String,
    /// Where to add it, when the reader is the one who can.
    pub href: Option<&'static str>,
}

/// The message key of a role's name.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Advisor => "role-advisor",
        Role::ProductManager => "role-product-manager",
        Role::Finance => "role-finance",
        Role::Admin => "role-admin",
    }
}

impl Layout {
    /// A page for a signed-in user (or none), in the user's language.
    pub fn new(title: impl Into<String>, identity: Option<&Identity>, active: Section) -> Self {
        let lang = identity.map(|id| id.language).unwrap_or_default();
        let nav = identity
            .map(|id| {
                sections_for(id.role())
                    .iter()
                    .map(|&s| NavItem {
                        label: lang.text(s.label_key()),
                        href: s.href(),
                        active: s == active,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            title: title.into(),
            user: identity.map(|id| UserBadge {
                display_name: id.user.display_name.clone(),
                role_label: lang.text(role_key(id.role())),
            }),
            nav,
            csrf_token: identity.map(|id| id.csrf().to_string()).unwrap_or_default(),
            lang,
            missing: identity
                .map(|id| {
                    id.missing
                        .iter()
                        .map(|m| MissingNotice {
                            text: lang.text(m.message_key()),
                            href: (m.added_by() == id.role()).then_some(m.href()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// A page for nobody signed in (the sign-in page), in `lang`.
    pub fn anonymous(title: impl Into<String>, lang: Lang) -> Self {
        Self {
            lang,
            ..Self::new(title, None, Section::None)
        }
    }

    /// The text of `key` in the page's language.
    pub fn t(&self, key: &'static str) -> String {
        self.lang.text(key)
    }

    /// The text of `key` with one argument.
    pub fn t1(
        &self,
        key: &'static str,
        name: &'static str,
        value: impl std::fmt::Display,
    ) -> String {
        self.lang.message(&Message::new(key).with(name, value))
    }

    /// The languages a user may switch to, with whether each is the page's.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .into_iter()
            .map(|l| (l.code(), l.name(), l == self.lang))
            .collect()
    }
}

impl Layout {
    /// The address of a page asset, by its name in `static/`.
    pub fn asset(&self, name: &str) -> &'static str {
        super::assets::url(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::routes::specs;

    #[test]
    fn every_navigation_entry_is_open_to_its_role() {
        for role in Role::ALL {
            for section in sections_for(role) {
                let open = specs().into_iter().any(|s| {
                    s.method == "GET" && s.path == section.href() && s.access.allows(Some(role))
                });
                assert!(
                    open,
                    "{role} sees {} in the navigation but may not open it",
                    section.href()
                );
            }
        }
    }
}
