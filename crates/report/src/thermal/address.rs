//! A thermal printer's address as a person writes it in Ajustes, and back: `file:/dev/usb/lp0`,
//! `tcp:192.168.1.50:9100` (port optional), `cups:TICKETERA`, `usb:04b8:0e15`. Each mistake is named
//! by the part that is wrong, so the message can say what to fix.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;

use super::{DEFAULT_PORT, ThermalPrinter};
use crate::ReportError;
use crate::error::ThermalPrinterProblem as Problem;

/// CUPS's own limit on a queue's name.
const LONGEST_QUEUE: usize = 127;

pub(super) fn parse(text: &str) -> Result<ThermalPrinter, ReportError> {
    let invalid = |problem| ReportError::ThermalPrinterInvalid {
        text: text.to_owned(),
        problem,
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(invalid(Problem::Empty));
    }
    let Some((kind, rest)) = trimmed.split_once(':') else {
        return Err(invalid(Problem::UnknownKind {
            kind: trimmed.to_owned(),
        }));
    };
    match kind.trim().to_ascii_lowercase().as_str() {
        "file" => file(rest),
        "tcp" => network(rest),
        "cups" => cups(rest),
        "usb" => usb(rest),
        _ => Err(Problem::UnknownKind {
            kind: kind.to_owned(),
        }),
    }
    .map_err(invalid)
}

fn file(path: &str) -> Result<ThermalPrinter, Problem> {
    if path.is_empty() {
        return Err(Problem::MissingPath);
    }
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(Problem::RelativePath {
            path: path.display().to_string(),
        });
    }
    Ok(ThermalPrinter::File(path))
}

fn network(address: &str) -> Result<ThermalPrinter, Problem> {
    // A URL (http://…) or a path is not a printer's address; saying so beats reading "http" as a host.
    if address.contains('/') {
        return Err(Problem::BadHost {
            host: address.to_owned(),
        });
    }
    let (host, port) = if let Some(bracketed) = address.strip_prefix('[') {
        // An IPv6 address with a port is written in brackets: [fe80::1]:9100.
        let (host, after) = bracketed.split_once(']').ok_or_else(|| Problem::BadHost {
            host: address.to_owned(),
        })?;
        if host.parse::<Ipv6Addr>().is_err() {
            return Err(Problem::BadHost {
                host: host.to_owned(),
            });
        }
        match after {
            "" => (host, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => {
                    return Err(Problem::BadHost {
                        host: address.to_owned(),
                    });
                }
            },
        }
    } else if address.parse::<Ipv6Addr>().is_ok() {
        (address, None)
    } else {
        match address.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (address, None),
        }
    };
    if host.is_empty() {
        return Err(Problem::MissingHost);
    }
    if !is_host(host) {
        return Err(Problem::BadHost {
            host: host.to_owned(),
        });
    }
    let port = match port {
        None => DEFAULT_PORT,
        Some(port) => port
            .parse::<u16>()
            .ok()
            .filter(|&port| port != 0)
            .ok_or_else(|| Problem::BadPort {
                port: port.to_owned(),
            })?,
    };
    Ok(ThermalPrinter::Network {
        host: host.to_owned(),
        port,
    })
}

/// An IP address or a DNS name (letters, digits, `-` and `.`).
fn is_host(host: &str) -> bool {
    if host.parse::<Ipv4Addr>().is_ok() || host.parse::<Ipv6Addr>().is_ok() {
        return true;
    }
    host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn cups(queue: &str) -> Result<ThermalPrinter, Problem> {
    if queue.is_empty() {
        return Err(Problem::MissingQueue);
    }
    let refused = |c: char| c.is_control() || c.is_whitespace() || "/\\?'\"#".contains(c);
    if queue.chars().count() > LONGEST_QUEUE || queue.chars().any(refused) {
        return Err(Problem::BadQueue {
            queue: queue.to_owned(),
        });
    }
    Ok(ThermalPrinter::Cups {
        queue: queue.to_owned(),
    })
}

fn usb(ids: &str) -> Result<ThermalPrinter, Problem> {
    let Some((vendor, product)) = ids.split_once(':') else {
        return Err(Problem::UsbIdsMissing);
    };
    let hex = |id: &str| (1..=4).contains(&id.len()) && id.chars().all(|c| c.is_ascii_hexdigit());
    let vendor_id = Some(vendor)
        .filter(|id| hex(id))
        .and_then(|id| u16::from_str_radix(id, 16).ok())
        .ok_or_else(|| Problem::BadVendorId {
            id: vendor.to_owned(),
        })?;
    let product_id = Some(product)
        .filter(|id| hex(id))
        .and_then(|id| u16::from_str_radix(id, 16).ok())
        .ok_or_else(|| Problem::BadProductId {
            id: product.to_owned(),
        })?;
    Ok(ThermalPrinter::Usb {
        vendor_id,
        product_id,
    })
}

impl fmt::Display for ThermalPrinter {
    /// The form [`ThermalPrinter::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThermalPrinter::File(path) => write!(f, "file:{}", path.display()),
            ThermalPrinter::Network { host, port } if host.contains(':') => {
                write!(f, "tcp:[{host}]:{port}")
            }
            ThermalPrinter::Network { host, port } => write!(f, "tcp:{host}:{port}"),
            ThermalPrinter::Cups { queue } => write!(f, "cups:{queue}"),
            ThermalPrinter::Usb {
                vendor_id,
                product_id,
            } => write!(f, "usb:{vendor_id:04x}:{product_id:04x}"),
        }
    }
}
