//! Where a receipt's ESC/POS bytes go: a file or device (`/dev/usb/lp0`, which Linux's `usblp` driver
//! gives a USB receipt printer), a network printer's raw port (9100), a CUPS queue in raw mode, or a
//! USB printer opened directly. The caller configures which; this module only delivers.
//!
//! Delivery never hangs the till: the network has connect and write timeouts, and every delivery runs
//! on a thread of its own that is given up on after [`DEADLINE`] (a device write can block forever
//! when a printer is out of paper; the stuck thread is then left behind, the cashier is not).

mod address;

use std::fs::OpenOptions;
use std::io::Write;
use std::net::ToSocketAddrs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use escpos::driver::{Driver, FileDriver, NativeUsbDriver, NetworkDriver};
use escpos::errors::PrinterError;

pub use crate::error::ThermalPrinterProblem;

use crate::ReportError;

/// A thermal receipt printer, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThermalPrinter {
    /// Bytes appended to an existing file or device (`/dev/usb/lp0`). The file is never created: a
    /// printer that is unplugged is an error, not a new file.
    File(PathBuf),
    /// Raw TCP (JetDirect), usually port 9100.
    Network { host: String, port: u16 },
    /// `lp -d QUEUE -o raw`, the bytes on its standard input.
    Cups { queue: String },
    /// Opened through the USB bus (nusb), claiming the printer from the kernel's `usblp`; needs write
    /// access to `/dev/bus/usb` (a udev rule).
    Usb { vendor_id: u16, product_id: u16 },
}

/// The raw printing port of network receipt printers.
pub const DEFAULT_PORT: u16 = 9100;
/// How long connecting to a network printer, and each write to it, may take.
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a whole delivery may take before it is reported as failed.
pub const DEADLINE: Duration = Duration::from_secs(10);

impl ThermalPrinter {
    /// Reads an address: `file:/dev/usb/lp0`, `tcp:HOST[:PORT]` (an IPv6 address in brackets when
    /// a port follows), `cups:QUEUE`, `usb:VENDOR:PRODUCT` (hexadecimal ids). What [`Display`]
    /// writes reads back to the same printer.
    ///
    /// Fails with [`ReportError::ThermalPrinterInvalid`] naming the part that is wrong.
    ///
    /// [`Display`]: std::fmt::Display
    pub fn parse(text: &str) -> Result<ThermalPrinter, ReportError> {
        address::parse(text)
    }

    /// Delivers `bytes` (a receipt from [`crate::ticket::escpos_bytes`]) to the printer.
    ///
    /// Fails with [`ReportError::ThermalPrinterFailed`] carrying what the device, the network or `lp`
    /// answered, or that nothing answered within [`DEADLINE`].
    pub fn send(&self, bytes: &[u8]) -> Result<(), ReportError> {
        let printer = self.clone();
        let bytes = bytes.to_vec();
        let (done, outcome) = mpsc::channel();
        std::thread::Builder::new()
            .name("thermal-printer".to_owned())
            .spawn(move || {
                // The receiver is gone only if the deadline passed; nobody is left to tell.
                let _ = done.send(printer.deliver(&bytes));
            })
            .map_err(|error| self.failed(error.to_string()))?;
        match outcome.recv_timeout(DEADLINE) {
            Ok(result) => result.map_err(|detail| self.failed(detail)),
            Err(_) => Err(self.failed(format!("sin respuesta en {} segundos", DEADLINE.as_secs()))),
        }
    }

    fn failed(&self, detail: String) -> ReportError {
        ReportError::ThermalPrinterFailed {
            printer: self.to_string(),
            detail,
        }
    }

    fn deliver(&self, bytes: &[u8]) -> Result<(), String> {
        match self {
            ThermalPrinter::File(path) => to_file(path, bytes),
            ThermalPrinter::Network { host, port } => to_network(host, *port, bytes),
            ThermalPrinter::Cups { queue } => to_cups(Path::new("lp"), queue, bytes),
            ThermalPrinter::Usb {
                vendor_id,
                product_id,
            } => {
                let driver = NativeUsbDriver::open(*vendor_id, *product_id).map_err(detail)?;
                write_all(&driver, bytes)
            }
        }
    }
}

impl std::str::FromStr for ThermalPrinter {
    type Err = ReportError;

    fn from_str(text: &str) -> Result<ThermalPrinter, ReportError> {
        ThermalPrinter::parse(text)
    }
}

fn write_all(driver: &impl Driver, bytes: &[u8]) -> Result<(), String> {
    driver.write(bytes).map_err(detail)?;
    driver.flush().map_err(detail)
}

/// The message of an `escpos` error, without its "IO error:" label.
fn detail(error: PrinterError) -> String {
    match error {
        PrinterError::Io(message) => message,
        other => other.to_string(),
    }
}

fn to_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let driver =
        FileDriver::open_with_options(path, OpenOptions::new().append(true)).map_err(detail)?;
    write_all(&driver, bytes)
}

fn to_network(host: &str, port: u16, bytes: &[u8]) -> Result<(), String> {
    // The driver connects with a timeout only to an IP address, so the name is resolved here; each
    // address it has is tried in turn.
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|error| error.to_string())?;
    let mut last_error = format!("{host} no tiene dirección");
    for address in addresses {
        match NetworkDriver::open(&address.ip().to_string(), port, Some(NETWORK_TIMEOUT)) {
            Ok(driver) => return write_all(&driver, bytes),
            Err(error) => last_error = detail(error),
        }
    }
    Err(last_error)
}

/// Runs `lp` (the program at `lp`, a parameter so tests can stand in for CUPS) and waits for it
/// within the deadline.
fn to_cups(lp: &Path, queue: &str, bytes: &[u8]) -> Result<(), String> {
    let mut child = Command::new(lp)
        .args(["-d", queue, "-o", "raw"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("{}: {error}", lp.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A receipt is a few kilobytes, less than a pipe holds; if lp quits without reading it,
        // its own message (below) says why.
        let _ = stdin.write_all(bytes);
    }
    let started = Instant::now();
    while child
        .try_wait()
        .map_err(|error| error.to_string())?
        .is_none()
    {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{} no terminó", lp.display()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child
        .wait_with_output()
        .map_err(|error| error.to_string())?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    Err(if said.is_empty() {
        format!("{} terminó con {}", lp.display(), output.status)
    } else {
        said
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for `lp` that keeps its arguments and its input, and fails for queue `broken`.
    fn fake_lp(dir: &Path) -> PathBuf {
        let lp = dir.join("lp");
        let script = format!(
            "#!/bin/sh\n\
             [ \"$2\" = broken ] && {{ echo 'lp: The printer or class does not exist.' >&2; exit 1; }}\n\
             echo \"$@\" > '{dir}/args'\n\
             cat > '{dir}/data'\n",
            dir = dir.display()
        );
        // Written by a child process: a file this process held open for writing could be inherited
        // by a program another test starts meanwhile, and running it would fail "text file busy".
        let mut writer = Command::new("sh")
            .args(["-c", "cat > \"$0\" && chmod 755 \"$0\""])
            .arg(&lp)
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        writer
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        assert!(writer.wait().unwrap().success());
        lp
    }

    #[test]
    fn cups_gets_the_bytes_raw_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let lp = fake_lp(dir.path());
        let bytes = [0x1B, b'@', 0xA4, b'\n', 0];
        to_cups(&lp, "TICKETERA", &bytes).unwrap();
        let args = std::fs::read_to_string(dir.path().join("args")).unwrap();
        assert_eq!(args.trim(), "-d TICKETERA -o raw");
        assert_eq!(std::fs::read(dir.path().join("data")).unwrap(), bytes);
    }

    #[test]
    fn what_lp_says_is_the_detail() {
        let dir = tempfile::tempdir().unwrap();
        let lp = fake_lp(dir.path());
        let detail = to_cups(&lp, "broken", b"x").unwrap_err();
        assert_eq!(detail, "lp: The printer or class does not exist.");
        let missing = to_cups(&dir.path().join("no-lp"), "q", b"x").unwrap_err();
        assert!(missing.contains("no-lp"), "{missing}");
    }
}
