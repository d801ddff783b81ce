//! The view model every page hands to `templates/base.html`: title, user, navigation by role,
//! and the CSRF token for forms.

use super::identity::Identity;
use crate::domain::user::Role;

/// The areas of the application, one per navigation entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Desk,
    Catalog,
    Segments,
    Matrices,
    Clients,
    Finance,
    Users,
    None,
}

impl Section {
    fn label(self) -> &'static str {
        match self {
            Section::Desk => "Desk",
            Section::Catalog => "Catalog",
            Section::Segments => "Segments",
            Section::Matrices => "Matrices",
            Section::Clients => "Clients",
            Section::Finance => "Finance",
            Section::Users => "Users",
            Section::None => "",
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
            Section::Users => "/admin/users",
            Section::None => "/",
        }
    }
}

/// The sections a role sees, first one being its home page. Must agree with
/// the route table (`routes.rs`) (a test checks that every entry is reachable for the role).
pub fn sections_for(role: Role) -> &'static [Section] {
    match role {
        Role::Advisor => &[Section::Desk],
        Role::ProductManager => &[
            Section::Catalog,
            Section::Segments,
            Section::Matrices,
            Section::Clients,
        ],
        Role::Finance => &[Section::Finance, Section::Catalog, Section::Matrices],
        Role::Admin => &[Section::Users],
    }
}

/// Where a role lands after sign-in.
pub fn home_for(role: Role) -> &'static str {
    sections_for(role).first().map_or("/", |s| s.href())
}

pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
    pub active: bool,
}

pub struct UserBadge {
    pub display_name: String,
    pub role_label: &'static str,
}

pub struct Layout {
    pub title: String,
    pub user: Option<UserBadge>,
    pub nav: Vec<NavItem>,
    pub csrf_token: String,
}

impl Layout {
    pub fn new(title: impl Into<String>, identity: Option<&Identity>, active: Section) -> Self {
        let nav = identity
            .map(|id| {
                sections_for(id.role())
                    .iter()
                    .map(|&s| NavItem {
                        label: s.label(),
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
                role_label: id.role().label(),
            }),
            nav,
            csrf_token: identity.map(|id| id.csrf().to_string()).unwrap_or_default(),
        }
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
