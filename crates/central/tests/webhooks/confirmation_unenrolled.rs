//! The store's confirmation for a till that is not enrolled in the store: nobody can decide, so Central
//! defers Aplazame's IPN at once instead of holding it the whole wait (the rig of `confirmation`).

use std::time::Duration;

use crate::confirmation::{quick, rig};

#[tokio::test]
async fn a_checkout_of_a_till_not_enrolled_is_deferred_without_waiting() {
    // A long wait: a deferral logged with the "not enrolled" reason did not sit through it.
    let rig = rig(20_000, quick()).await;
    let mid = "T01-C7-A000031";
    let id = rig.create(mid, false).await;
    rig.buyer_completes(&id).await;
    for _ in 0..200 {
        if !rig.answers(mid).await.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answers = rig.answers(mid).await;
    assert!(!answers.is_empty(), "Aplazame's IPN was answered");
    assert!(
        answers
            .iter()
            .all(|(answer, reason)| answer == "deferred"
                && reason.contains("T01/C7 is not enrolled")),
        "{answers:?}"
    );
    assert_eq!(rig.stage(&id), "pending/confirmation_required");
}
