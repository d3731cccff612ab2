//! What tills push: their audit chain ([`push`]), checked link by link and stored once by (till, seq);
//! the rows the chain carries, projected into the tables the day page reads ([`project`]); the Z
//! reports' snapshots, checked against the digest the chain sealed ([`z`]); and what Central holds of a
//! till ([`status`]).

pub mod project;
pub mod push;
pub mod status;
pub mod z;
