//! Delegate Lab: reproduces, with no real server, how Outlook 2013, Exchange, the Lync 2013
//! client and Lync Server 2013 behave when a manager gives an assistant delegate access.
//!
//! - [`lab`] is the model: one [`lab::Lab`] changed only by [`lab::Lab::apply`].
//! - [`scenario`] reads scenario files (SPEC section S), runs them and checks expectations.
//! - [`report`] is the observable state of a lab, as `delegate-lab state` prints it.
//! - [`session`] saves and resumes sessions as RON files, atomically.
//! - `shots` renders a scenario's captures to PNG headlessly (feature `gui`).
//! - `ui` is the lab window (eframe/egui, feature `gui`): every window reads the lab and
//!   returns actions.
//! - [`regfile`] writes and reads Registry Editor's `.reg` files (File > Export...).
//! - [`exercise`] reads graded exercises and grades a lab on them.
//! - [`workload`] makes large deterministic labs and action streams for benchmarks.

pub mod diagnose;
#[cfg(feature = "gui")]
pub mod drift;
pub mod evidence;
pub mod exercise;
pub mod field;
#[cfg(feature = "gui")]
pub mod figures;
pub mod lab;
pub mod page;
#[cfg(feature = "gui")]
pub mod raster;
pub mod regfile;
pub mod report;
pub mod scenario;
pub mod session;
#[cfg(feature = "gui")]
pub mod shots;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workload;
