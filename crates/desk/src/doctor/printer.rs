//! The printers of the settings, asked whether they answer without printing anything: a network
//! printer by connecting to its port (and closing), a CUPS queue through `lpstat -p`, a file or device
//! by opening it to append (never created), a USB printer not at all (claiming it from the kernel to
//! ask would be a print job's work).

use std::net::ToSocketAddrs;
use std::time::Duration;

use report::thermal::ThermalPrinter;

use super::{CheckName, CheckStatus, Finding, Outcome};

/// How long a network printer may take to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// The thermal printer first, then the CUPS printer of the PDFs; the first that does not answer is
/// the verdict.
pub(super) async fn check(thermal: Option<String>, cups: Option<String>) -> Outcome {
    let thermal = thermal.filter(|s| !s.trim().is_empty());
    let cups = cups.filter(|s| !s.trim().is_empty());
    let answer = till::blocking::run(move || Ok::<_, till::error::TillError>(probe(thermal, cups)));
    match answer.await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::new(
            CheckName::Printer,
            CheckStatus::Warn,
            Finding::PrinterSilent {
                printer: String::new(),
                detail: error.to_string(),
            },
        ),
    }
}

fn probe(thermal: Option<String>, cups: Option<String>) -> Outcome {
    let outcome = |status, finding| Outcome::new(CheckName::Printer, status, finding);
    if thermal.is_none() && cups.is_none() {
        return outcome(CheckStatus::Ok, Finding::PrinterNone);
    }
    let mut answered = Vec::new();
    if let Some(setting) = thermal {
        let printer = match ThermalPrinter::parse(&setting) {
            Ok(printer) => printer,
            Err(error) => {
                let detail = error.to_string();
                return outcome(
                    CheckStatus::Fail,
                    Finding::PrinterInvalid { setting, detail },
                );
            }
        };
        let name = printer.to_string();
        match &printer {
            ThermalPrinter::Usb { .. } => {
                return outcome(CheckStatus::Ok, Finding::PrinterNotProbed { printer: name });
            }
            ThermalPrinter::Network { host, port } => {
                if let Err(detail) = connect(host, *port) {
                    return outcome(
                        CheckStatus::Fail,
                        Finding::PrinterSilent {
                            printer: name,
                            detail,
                        },
                    );
                }
            }
            ThermalPrinter::Cups { queue } => {
                if let Err(detail) = lpstat(queue) {
                    return outcome(
                        CheckStatus::Fail,
                        Finding::PrinterSilent {
                            printer: name,
                            detail,
                        },
                    );
                }
            }
            ThermalPrinter::File(path) => {
                let opened = std::fs::OpenOptions::new().append(true).open(path);
                if let Err(error) = opened {
                    let detail = error.to_string();
                    return outcome(
                        CheckStatus::Fail,
                        Finding::PrinterSilent {
                            printer: name,
                            detail,
                        },
                    );
                }
            }
        }
        answered.push(name);
    }
    if let Some(queue) = cups {
        if let Err(detail) = lpstat(&queue) {
            let printer = format!("cups:{queue}");
            return outcome(
                CheckStatus::Fail,
                Finding::PrinterSilent { printer, detail },
            );
        }
        answered.push(format!("cups:{queue}"));
    }
    outcome(
        CheckStatus::Ok,
        Finding::PrinterAnswers {
            printer: answered.join(", "),
        },
    )
}

fn connect(host: &str, port: u16) -> Result<(), String> {
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|error| error.to_string())?;
    let mut last = String::from("no address");
    for address in addresses {
        match std::net::TcpStream::connect_timeout(&address, CONNECT_TIMEOUT) {
            Ok(_) => return Ok(()),
            Err(error) => last = error.to_string(),
        }
    }
    Err(last)
}

/// `lpstat -p QUEUE`: CUPS knows the queue and says it is not disabled.
fn lpstat(queue: &str) -> Result<(), String> {
    let output = std::process::Command::new("lpstat")
        .arg("-p")
        .arg(queue)
        .env("LC_ALL", "C")
        .output()
        .map_err(|error| format!("lpstat: {error}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        let error = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(if error.is_empty() { text } else { error });
    }
    if text.contains("disabled") {
        return Err(text.trim().to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listening_port_answers_and_a_closed_one_does_not() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let open = probe(Some(format!("tcp:127.0.0.1:{port}")), None);
        assert_eq!(open.status, CheckStatus::Ok);
        drop(listener);
        let closed = probe(Some(format!("tcp:127.0.0.1:{port}")), None);
        assert_eq!(closed.status, CheckStatus::Fail);
        assert_eq!(probe(None, None).status, CheckStatus::Ok);
        let missing = probe(Some("file:/nonexistent/lp0".into()), None);
        assert_eq!(missing.status, CheckStatus::Fail);
    }
}
