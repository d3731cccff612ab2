//! A PostgreSQL server of our own, from the distribution's packages, in a folder of its own: what the
//! tests, the benchmark and `./run central` start. PostgreSQL refuses to run as root, so when we are root
//! the folder belongs to the `postgres` user and every server command runs as that user (`runuser`).
//! Authentication is `trust` on 127.0.0.1 only: a throw-away cluster, never a production one (Central
//! itself takes any `DATABASE_URL`, with a password or a certificate).
//!
//! A watchdog process stops the server when the process that started it ends, however it ends: a test
//! binary that panics or is killed does not leave a server holding its port.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running cluster.
pub struct Cluster {
    data: PathBuf,
    socket_dir: PathBuf,
    port: u16,
    bin: PathBuf,
    as_postgres: bool,
    watchdog: Option<Child>,
    remove_on_drop: bool,
}

/// Why a cluster could not start.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): apt-get install postgresql"
    )]
    NotInstalled,
    #[error("{what} failed: {detail}")]
    Command { what: String, detail: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Cluster {
    /// A throw-away cluster in a new folder under the system's temporary folder, removed when dropped
    /// (or when this process ends).
    pub fn temporary() -> Result<Cluster, ClusterError> {
        let base = std::env::var_os("CAJA_PG_TMP")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/var/tmp"));
        let dir = tempfile::Builder::new()
            .prefix("caja-pg-")
            .tempdir_in(base)?
            .keep();
        Cluster::start_with(&dir, free_port()?, true)
    }

    /// Starts (creating it the first time) the cluster kept in `dir`, listening on 127.0.0.1:`port`.
    pub fn start(dir: &Path, port: u16) -> Result<Cluster, ClusterError> {
        Cluster::start_with(dir, port, false)
    }

    fn start_with(dir: &Path, port: u16, temporary: bool) -> Result<Cluster, ClusterError> {
        let bin = server_bin()?;
        let as_postgres = running_as_root();
        std::fs::create_dir_all(dir)?;
        let data = dir.join("data");
        let socket_dir = dir.join("socket");
        std::fs::create_dir_all(&socket_dir)?;
        if as_postgres {
            set_mode(dir, 0o755)?;
            run(
                "chown",
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(dir),
            )?;
        }
        let mut cluster = Cluster {
            data,
            socket_dir,
            port,
            bin,
            as_postgres,
            watchdog: None,
            remove_on_drop: temporary,
        };
        if !cluster.data.join("PG_VERSION").exists() {
            let mut initdb = cluster.server_command("initdb");
            initdb.arg("-D").arg(&cluster.data).args([
                "-A",
                "trust",
                "-U",
                "caja",
                "-E",
                "UTF8",
                "--no-sync",
            ]);
            run("initdb", &mut initdb)?;
        }
        cluster.pg_ctl_start()?;
        cluster.watchdog = Some(cluster.spawn_watchdog()?);
        Ok(cluster)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of a database of this cluster.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://caja@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates the database `name` (letters, digits and `_`) on this cluster and returns its URL.
    pub async fn create_database(&self, name: &str) -> Result<String, ClusterError> {
        let command = |detail: String| ClusterError::Command {
            what: format!("CREATE DATABASE {name}"),
            detail,
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(command("a database name is letters, digits and _".into()));
        }
        let (client, connection) =
            tokio_postgres::connect(&self.url("postgres"), tokio_postgres::NoTls)
                .await
                .map_err(|error| command(error.to_string()))?;
        let connection = tokio::spawn(connection);
        let created = client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .map_err(|error| command(error.to_string()));
        drop(client);
        let _ = connection.await;
        created.map(|()| self.url(name))
    }

    /// Stops the server as a crash would end it (`immediate`), then starts it again: what a test of
    /// "PostgreSQL restarted mid-push" needs.
    pub fn restart(&self) -> Result<(), ClusterError> {
        self.pg_ctl_stop("immediate")?;
        self.pg_ctl_start()
    }

    pub fn stop(&self) -> Result<(), ClusterError> {
        self.pg_ctl_stop("fast")
    }

    pub fn start_again(&self) -> Result<(), ClusterError> {
        self.pg_ctl_start()
    }

    fn pg_ctl_start(&self) -> Result<(), ClusterError> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200",
            self.port,
            self.socket_dir.display()
        );
        let mut start = self.server_command("pg_ctl");
        start
            .arg("-D")
            .arg(&self.data)
            .args(["-o", &options, "-l"])
            .arg(self.data.join("server.log"))
            .args(["-w", "-t", "60", "start"]);
        run("pg_ctl start", &mut start).map_err(|error| {
            let log = std::fs::read_to_string(self.data.join("server.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(10).collect();
            ClusterError::Command {
                what: "pg_ctl start".into(),
                detail: format!("{error}; server log: {}", tail.join(" | ")),
            }
        })
    }

    fn pg_ctl_stop(&self, how: &str) -> Result<(), ClusterError> {
        let mut stop = self.server_command("pg_ctl");
        stop.arg("-D")
            .arg(&self.data)
            .args(["-m", how, "-w", "stop"]);
        run("pg_ctl stop", &mut stop)
    }

    fn server_command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    /// `sh` waits for this process to end, then stops the server (and removes a temporary folder).
    fn spawn_watchdog(&self) -> Result<Child, ClusterError> {
        let stop = self.server_command("pg_ctl");
        let mut words: Vec<String> = vec![stop.get_program().to_string_lossy().into_owned()];
        words.extend(
            stop.get_args()
                .map(|arg| arg.to_string_lossy().into_owned()),
        );
        words.extend(
            [
                "-D",
                &self.data.to_string_lossy(),
                "-m",
                "immediate",
                "stop",
            ]
            .map(str::to_owned),
        );
        let quoted: Vec<String> = words.iter().map(|word| format!("'{word}'")).collect();
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; {remove}",
            pid = std::process::id(),
            stop = quoted.join(" "),
            remove = if self.remove_on_drop {
                format!(
                    "rm -rf '{}'",
                    self.data.parent().unwrap_or(&self.data).display()
                )
            } else {
                String::new()
            }
        );
        // In a session of its own: a Ctrl-C or `timeout` that signals our process group must not end the
        // watchdog before it has done its job.
        Ok(Command::new("setsid")
            .args(["sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.pg_ctl_stop("fast");
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
        if self.remove_on_drop
            && let Some(dir) = self.data.parent()
        {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A port nobody listens on now.
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The newest installed server's `bin` folder.
fn server_bin() -> Result<PathBuf, ClusterError> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| ClusterError::NotInstalled)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or(ClusterError::NotInstalled)
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
        .unwrap_or(false)
}

fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

fn run(what: &str, command: &mut Command) -> Result<(), ClusterError> {
    let output = command.stdin(Stdio::null()).output()?;
    if output.status.success() {
        return Ok(());
    }
    Err(ClusterError::Command {
        what: what.to_owned(),
        detail: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stderr).trim(),
            String::from_utf8_lossy(&output.stdout).trim()
        ),
    })
}
