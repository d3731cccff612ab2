//! The fault plan as a value: the text form read and written back, its errors naming the bad part, its
//! JSON, and the rules' own checks.

use sandbox::{
    DEFAULT_HANG_MILLIS, Endpoint, Fault, FaultKind, FaultPlan, FaultPlanError, FaultRule,
};
use serde_json::json;

fn parse(text: &str) -> Result<FaultPlan, FaultPlanError> {
    text.parse()
}

#[test]
fn the_text_form_reads_every_fault_endpoint_and_probability() {
    let plan = parse(
        "paid-and-billed:drop-after-effect:0.2, *:latency=300:0.1 ,info:server-error:0.05,\
         undo-billing:bad-gateway,day-summary:unavailable:1,*:drop-before-effect:0,\
         info:truncated-body:0.5,info:wrong-shape,paid-and-billed:hang,*:hang=45000:0.01,",
    )
    .unwrap();
    let rule = |endpoint, fault, probability| FaultRule::new(endpoint, fault, probability).unwrap();
    assert_eq!(
        plan.rules(),
        [
            rule(Some(Endpoint::PaidAndBilled), Fault::DropAfterEffect, 0.2),
            rule(None, Fault::Latency { millis: 300 }, 0.1),
            rule(Some(Endpoint::Info), Fault::ServerError, 0.05),
            rule(Some(Endpoint::UndoBilling), Fault::BadGateway, 1.0),
            rule(Some(Endpoint::DaySummary), Fault::Unavailable, 1.0),
            rule(None, Fault::DropBeforeEffect, 0.0),
            rule(Some(Endpoint::Info), Fault::TruncatedBody, 0.5),
            rule(Some(Endpoint::Info), Fault::WrongShape, 1.0),
            rule(
                Some(Endpoint::PaidAndBilled),
                Fault::Hang {
                    millis: DEFAULT_HANG_MILLIS
                },
                1.0
            ),
            rule(None, Fault::Hang { millis: 45_000 }, 0.01),
        ]
    );
    // Written back, and read again to the same plan.
    assert_eq!(parse(&plan.to_string()).unwrap(), plan);
    assert!(
        plan.to_string()
            .starts_with("paid-and-billed:drop-after-effect:0.2,*:latency=300:0.1,")
    );
    assert!(parse("").unwrap().is_empty());
    assert!(parse("  ").unwrap().is_empty());
}

#[test]
fn bad_text_is_refused_with_the_part_named() {
    for (text, names) in [
        (
            "info",
            "fault rule 1 `info`: expected ENDPOINT:FAULT[:PROBABILITY]",
        ),
        (
            "info:server-error:0.5:extra",
            "fault rule 1 `info:server-error:0.5:extra`",
        ),
        (
            "info:server-error,refund:server-error",
            "fault rule 2 `refund:server-error`: unknown endpoint `refund`",
        ),
        ("info:servr-error", "unknown fault `servr-error`"),
        (
            "*:latency",
            "`latency` needs a whole number of milliseconds, e.g. `latency=300`",
        ),
        (
            "*:latency=fast",
            "`latency=fast` needs a whole number of milliseconds",
        ),
        (
            "*:hang=-1",
            "`hang=-1` needs a whole number of milliseconds",
        ),
        (
            "*:server-error=3",
            "`server-error=3` takes no value; write `server-error`",
        ),
        (
            "info:server-error:1.5",
            "probability `1.5` is not a number from 0 to 1",
        ),
        ("info:server-error:-0.1", "probability `-0.1`"),
        ("info:server-error:NaN", "probability `NaN`"),
        ("info:server-error:often", "probability `often`"),
    ] {
        let error = parse(text).unwrap_err();
        assert!(error.to_string().contains(names), "{names:?} in {error}");
        assert_eq!(error.code(), "sandbox_fault_plan_invalid");
    }
}

#[test]
fn a_rule_refuses_a_probability_outside_zero_to_one() {
    for probability in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
        let error = FaultRule::new(None, Fault::ServerError, probability).unwrap_err();
        assert!(matches!(
            error,
            FaultPlanError::ProbabilityOutOfRange { .. }
        ));
    }
    let always = FaultRule::always(Some(Endpoint::Info), Fault::WrongShape);
    assert_eq!(always.probability(), 1.0);
    assert!(always.matches(Endpoint::Info));
    assert!(!always.matches(Endpoint::PaidAndBilled));
    assert!(FaultRule::always(None, Fault::ServerError).matches(Endpoint::DaySummary));
}

#[test]
fn the_json_form_round_trips_and_checks_the_rules() {
    let plan = parse("paid-and-billed:drop-after-effect:0.2,*:latency=300:0.1").unwrap();
    let value = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        value,
        json!({"rules": [
            {"endpoint": "paid-and-billed", "fault": {"kind": "drop-after-effect"}, "probability": 0.2},
            {"endpoint": null, "fault": {"kind": "latency", "millis": 300}, "probability": 0.1}
        ]})
    );
    assert_eq!(serde_json::from_value::<FaultPlan>(value).unwrap(), plan);

    for bad in [
        json!({"rules": [{"fault": {"kind": "server-error"}, "probability": 2}]}),
        json!({"rules": [{"fault": {"kind": "server-error"}, "probabilty": 0.5}]}),
        json!({"rules": [{"fault": {"kind": "latency"}}]}),
        json!({"rules": [{"fault": {"kind": "meltdown"}}]}),
        json!({"rules": [{"endpoint": "*", "fault": {"kind": "server-error"}}]}),
    ] {
        assert!(
            serde_json::from_value::<FaultPlan>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn every_fault_says_whether_it_takes_effect() {
    let effective: Vec<FaultKind> = FaultKind::ALL
        .into_iter()
        .filter(|kind| kind.takes_effect())
        .collect();
    assert_eq!(
        effective,
        [
            FaultKind::Latency,
            FaultKind::DropAfterEffect,
            FaultKind::TruncatedBody,
            FaultKind::WrongShape,
            FaultKind::TruncatedJson
        ]
    );
    for kind in FaultKind::ALL {
        assert_eq!(FaultKind::from_name(kind.as_str()), Some(kind));
    }
    assert_eq!(Fault::Hang { millis: 5 }.kind(), FaultKind::Hang);
    assert!(!Fault::DropBeforeEffect.takes_effect());
}
