//! The day the page tests read: three stores' tills, pushed through the real till API.

use central::users::{Role, add_user};

use crate::chain::{Chain, journal};
use crate::support::enroll;

pub const MANAGER: &str = "gerente.miraflores@cadena.pe";
pub const ADMIN: &str = "admin@cadena.pe";
pub const PASSWORD: &str = "clave-larga-de-prueba";

/// Three stores' tills, their day pushed as a real till pushes it.
pub async fn a_day_of_three_stores(central: &central::Server) -> String {
    let today = central::web::layout::lima_today().to_string();
    let pool = &central.state.pool;
    add_user(
        pool,
        MANAGER,
        "Lucía Miraflores",
        Role::StoreManager,
        &["T01".into()],
        PASSWORD,
    )
    .await
    .unwrap();
    add_user(
        pool,
        ADMIN,
        "Administración",
        Role::ChainAdmin,
        &[],
        PASSWORD,
    )
    .await
    .unwrap();

    // T01/C1: a shift with three payments (one whose outcome is unknown), a sandbox payment the
    // live page must not show, a credit sale, and a closing S/ 12.50 short.
    let c1 = enroll(central, "T01", "C1").await;
    let mut chain = Chain::default();
    chain.shift_opened(1, "Rosa Quispe");
    chain.add(
        "journal",
        1,
        journal(1, "live", "confirmed", 123_450, "cash", "Rosa Quispe"),
    );
    chain.add(
        "journal",
        2,
        journal(2, "live", "confirmed", 5_000, "card", "Rosa Quispe"),
    );
    chain.add(
        "journal",
        3,
        journal(3, "live", "unknown", 2_500, "yape_plin", "<b>Juan</b>"),
    );
    chain.add(
        "journal",
        4,
        journal(4, "sandbox", "confirmed", 999_999, "cash", "Rosa Quispe"),
    );
    chain.add(
        "credit_order",
        1,
        serde_json::json!({"id": 1, "mode": "live", "order_id": "T01-C1-000001",
            "amount_centimos": 80_000, "status": "approved", "lima_day": today}),
    );
    let snapshot =
        serde_json::json!({"shift": {"limaDay": today}, "reconciliation": {"differences":
        [{"kind": "cash_short", "amount": -12.5}]}})
        .to_string();
    chain.shift_closed(1, "Rosa Quispe", 1, &snapshot);
    chain.push(&c1).await;
    let z = c1
        .send("PUT", &c1.path("z/live/1"), snapshot.as_bytes())
        .await;
    assert_eq!(z.status, 200, "{}", z.body);
    assert_eq!(z.json()["verified"], true);

    // T01/C2: silent for two hours, one entry forged on the way (a broken chain) and a hole after it.
    let c2 = enroll(central, "T01", "C2").await;
    let mut chain = Chain::default();
    chain.add(
        "journal",
        1,
        journal(1, "live", "confirmed", 4_000, "transfer", "Pedro"),
    );
    chain.add(
        "journal",
        2,
        journal(2, "live", "pending", 1_000, "cash", "Pedro"),
    );
    chain.add(
        "journal",
        3,
        journal(3, "live", "confirmed", 1_500, "cash", "Pedro"),
    );
    chain.add(
        "journal",
        4,
        journal(4, "live", "confirmed", 1_700, "cash", "Pedro"),
    );
    chain.entries[2].hash = "f".repeat(64);
    chain.push(&c2).await;
    pool.get()
        .await
        .unwrap()
        .execute(
            "UPDATE till SET last_push_at = now() - interval '2 hours' WHERE till_code = 'C2'",
            &[],
        )
        .await
        .unwrap();

    // The other stores: what the manager of T01 must never see.
    let t02 = enroll(central, "T02", "C1").await;
    let mut chain = Chain::default();
    chain.add(
        "journal",
        1,
        journal(1, "live", "confirmed", 777_700, "cash", "Carla Sanisidro"),
    );
    chain.push(&t02).await;
    let t03 = enroll(central, "T03", "C1").await;
    let mut chain = Chain::default();
    chain.add(
        "journal",
        1,
        journal(1, "live", "confirmed", 31_400, "card", "Ana Arequipa"),
    );
    chain.push(&t03).await;
    today
}
