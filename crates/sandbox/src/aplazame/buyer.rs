//! The buyer, played through `POST /__sandbox/aplazame/checkouts/{id}/buyer`: each action moves a
//! checkout from the stages it is allowed in to one row of the document's status table.
//!
//! | action             | from                                   | to                         |
//! |--------------------|----------------------------------------|----------------------------|
//! | `start`            | created (`pending`, no reason)         | `pending`/`in_process`     |
//! | `complete`         | `in_process`                           | `pending`/`confirmation_required` |
//! | `challenge`        | `in_process`                           | `pending`/`challenge_required` |
//! | `pass_challenge`   | `challenge_required`                   | `pending`/`confirmation_required` |
//! | `fail_challenge`   | `challenge_required`                   | `ko`/`failed_challenge`    |
//! | `expire_challenge` | `challenge_required`                   | `ko`/`expired_challenge`   |
//! | `expire`           | created, `in_process`                  | `ko`/`expired`             |
//! | `deny`             | `in_process`                           | `ko`/`ko_generic`          |
//!
//! `pending`/`confirmation_required` is left by the store's answer to the IPN only (see `ipn`); `ok`
//! and `ko` are final.

use crate::aplazame::checkout::{KoReason, Stage};

/// Every action, in the table's order.
pub const BUYER_ACTIONS: [&str; 8] = [
    "start",
    "complete",
    "challenge",
    "pass_challenge",
    "fail_challenge",
    "expire_challenge",
    "expire",
    "deny",
];

/// Why an action does not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not one of [`BUYER_ACTIONS`].
    Unknown,
    /// Not from this stage.
    NotNow { stage: Stage },
}

/// The stage `action` moves a checkout in `stage` to.
pub(crate) fn next(stage: Stage, action: &str) -> Result<Stage, Refusal> {
    use Stage::{ChallengeRequired, ConfirmationRequired, Created, InProcess, Ko};
    let to = match (action, stage) {
        ("start", Created) => InProcess,
        ("complete", InProcess) | ("pass_challenge", ChallengeRequired) => ConfirmationRequired,
        ("challenge", InProcess) => ChallengeRequired,
        ("fail_challenge", ChallengeRequired) => Ko(KoReason::FailedChallenge),
        ("expire_challenge", ChallengeRequired) => Ko(KoReason::ExpiredChallenge),
        ("expire", Created | InProcess) => Ko(KoReason::Expired),
        ("deny", InProcess) => Ko(KoReason::KoGeneric),
        (action, stage) if BUYER_ACTIONS.contains(&action) => {
            return Err(Refusal::NotNow { stage });
        }
        _ => return Err(Refusal::Unknown),
    };
    Ok(to)
}

/// The actions that apply to a checkout in `stage`.
pub(crate) fn allowed(stage: Stage) -> Vec<&'static str> {
    BUYER_ACTIONS
        .into_iter()
        .filter(|action| next(stage, action).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_moves_as_the_table_says() {
        assert_eq!(next(Stage::Created, "start"), Ok(Stage::InProcess));
        assert_eq!(
            next(Stage::InProcess, "complete"),
            Ok(Stage::ConfirmationRequired)
        );
        assert_eq!(
            next(Stage::ChallengeRequired, "pass_challenge"),
            Ok(Stage::ConfirmationRequired)
        );
        assert_eq!(
            next(Stage::Created, "complete"),
            Err(Refusal::NotNow {
                stage: Stage::Created
            })
        );
        assert_eq!(next(Stage::InProcess, "pay"), Err(Refusal::Unknown));
        assert_eq!(allowed(Stage::Created), ["start", "expire"]);
        assert_eq!(
            allowed(Stage::InProcess),
            ["complete", "challenge", "expire", "deny"]
        );
        assert!(allowed(Stage::ConfirmationRequired).is_empty());
        assert!(allowed(Stage::Ok).is_empty());
        assert!(allowed(Stage::Ko(KoReason::Expired)).is_empty());
    }
}
