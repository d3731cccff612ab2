//! The aCuotaz orders API as the sandbox serves it ("aCuotaz orders API", `acuotaz-orders-api.txt`,
//! with the field names and rules of `NOTES.md`): the store creates an order, follows it, confirms or
//! cancels it and refunds it; the add-on and info-steps answer the provider's HTML. What the customer
//! does on their phone (open the link, apply, pay) is played through the admin route
//! `/__sandbox/orders/{order_id}/customer` (see `admin`).
//!
//! Modules: `order` (the record the sandbox keeps and its statuses), `validate` (reading the requests
//! leniently into the documented validation errors), `rules` (what confirm, cancel, the refunds and
//! expiry do to one order), `customer` (the phone's steps), `state` (the orders inside the sandbox's
//! ledger, and the link to the down payment financings), `clock` (the orders' clock, which tests move
//! forward), `html` (the add-on and info-steps markup) and `routes` (the endpoints).

pub(crate) mod clock;
pub(crate) mod customer;
pub(crate) mod html;
pub mod order;
pub(crate) mod routes;
pub(crate) mod rules;
pub(crate) mod state;
pub(crate) mod validate;
