//! The stand-in's account of a push, as the contract defines it: entries stored once by seq, a seq held
//! with another content reported as rewritten, the high water as the last seq held without a hole
//! (capped when a test says so), the holes above it, and entries whose hash or `prev_hash` does not
//! carry the chain. Also what it answers about a till (status) and a Z snapshot's digest check.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use providers::central::signing::TillRef;
use providers::central::wire::{AuditBatch, PushAnswer, SeqRange, TillStatus, ZAnswer};
use sha2::{Digest, Sha256};

use super::{State, TillRecord, error};

pub(super) fn push(state: &mut State, till: &TillRef, body: &[u8]) -> Response {
    let Ok(batch) = serde_json::from_slice::<AuditBatch>(body) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "not an audit batch");
    };
    let cap = state.cap;
    let record = state.tills.entry(till.clone()).or_default();
    let mut answer = PushAnswer {
        received: batch.entries.len(),
        ..PushAnswer::default()
    };
    for entry in batch.entries {
        match record.entries.get(&entry.seq) {
            Some(held) if *held == entry => answer.duplicates += 1,
            Some(_) => {
                answer.rewritten.push(entry.seq);
                record.rewritten.push(entry.seq);
            }
            None => {
                record.entries.insert(entry.seq, entry);
                answer.stored += 1;
            }
        }
    }
    let mut high_water = 0;
    while record.entries.contains_key(&(high_water + 1)) {
        high_water += 1;
    }
    answer.high_water = cap.map_or(high_water, |cap| high_water.min(cap));
    answer.missing = holes(record, high_water);
    answer.broken = broken(record);
    record.last_push_at = Some(jiff::Timestamp::now().to_string());
    axum::Json(answer).into_response()
}

fn holes(record: &TillRecord, high_water: i64) -> Vec<SeqRange> {
    let mut missing = Vec::new();
    let mut expected = high_water + 1;
    for &seq in record.entries.keys().filter(|&&seq| seq > high_water) {
        if seq > expected {
            missing.push(SeqRange {
                from: expected,
                to: seq - 1,
            });
        }
        expected = seq + 1;
    }
    missing
}

fn broken(record: &TillRecord) -> Vec<i64> {
    record
        .entries
        .values()
        .filter(|entry| {
            let chained = match record.entries.get(&(entry.seq - 1)) {
                Some(before) => before.hash == entry.prev_hash,
                None => true,
            };
            entry.computed_hash() != entry.hash || !chained
        })
        .map(|entry| entry.seq)
        .collect()
}

pub(super) fn status(state: &State, till: &TillRef) -> Response {
    let record = state.tills.get(till);
    let held = record
        .map(|record| record.entries.len() as i64)
        .unwrap_or(0);
    let answer = TillStatus {
        store: till.store.clone(),
        till: till.till.clone(),
        high_water: held.min(state.cap.unwrap_or(i64::MAX)),
        missing: Vec::new(),
        findings: record.map_or(0, |record| record.rewritten.len()),
        last_push_at: record.and_then(|record| record.last_push_at.clone()),
    };
    axum::Json(answer).into_response()
}

pub(super) fn put_z(state: &mut State, till: &TillRef, rest: &str, body: &[u8]) -> Response {
    let mut parts = rest.split('/').skip(1);
    let (Some(mode), Some(Ok(number))) = (parts.next(), parts.next().map(str::parse::<i64>)) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "z/{mode}/{number}");
    };
    let snapshot = String::from_utf8_lossy(body).into_owned();
    let digest = hex::encode(Sha256::digest(body));
    let record = state.tills.entry(till.clone()).or_default();
    let verified = record
        .entries
        .values()
        .any(|entry| entry.content.contains(&digest));
    record.zs.insert((mode.to_owned(), number), snapshot);
    axum::Json(ZAnswer { verified }).into_response()
}
