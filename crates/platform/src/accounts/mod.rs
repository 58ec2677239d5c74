//! Accounts (tài khoản), roles held at a unit, sessions and the policy.

pub mod admin;
pub mod login;
pub mod login_name;
pub mod manage;
pub mod password;
mod policy;
mod role;
pub mod session;
pub mod store;

pub use policy::{Denied, Grant, Permission, Principal, authorize};
pub use role::Role;
