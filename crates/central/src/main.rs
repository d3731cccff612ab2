//! `caja-central`: serve Central, apply its migrations, issue enrollment codes, publish releases.

use std::path::PathBuf;

use anyhow::Context;
use central::{Config, Server};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "caja-central",
    version,
    about = "Caja Central: the store chain's server"
)]
struct Cli {
    /// The TOML configuration file (also CAJA_CENTRAL_CONFIG).
    #[arg(long, env = "CAJA_CENTRAL_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the till API, the webhooks, the receipts and the pages.
    Serve,
    /// Apply the database migrations and stop.
    Migrate,
    /// Issue a one-time enrollment code for one till of one store (valid 24 hours, shown once).
    EnrollCode {
        #[arg(long)]
        store: String,
        #[arg(long)]
        till: String,
    },
    /// A demo chain of three stores on a PostgreSQL of its own (in --data, kept between runs).
    Demo {
        /// The folder of the demo's PostgreSQL.
        #[arg(long, default_value = ".caja/central")]
        data: PathBuf,
        /// Where Central listens.
        #[arg(long, default_value = central::config::DEFAULT_LISTEN)]
        listen: std::net::SocketAddr,
        /// The demo PostgreSQL's port.
        #[arg(long, default_value_t = 54329)]
        pg_port: u16,
    },
    /// Head-office people who sign in to the pages.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Signed desktop releases: publish one, choose the version a store's tills get.
    Release {
        #[command(subcommand)]
        command: ReleaseCommand,
    },
}

#[derive(Subcommand)]
enum ReleaseCommand {
    /// Check a bundle's signature against the chain's release key (update_public_key) and keep it.
    Publish {
        /// The version the bundle was built and signed as (e.g. 0.2.0).
        #[arg(long)]
        version: String,
        /// The updater target it is for.
        #[arg(long, default_value = "linux-x86_64-deb")]
        target: String,
        /// The bundle, e.g. Caja_0.2.0_amd64.deb.
        #[arg(long)]
        bundle: PathBuf,
        /// Its signature: the .sig file `tauri build` or `tauri signer sign --app-version` wrote.
        #[arg(long)]
        signature: PathBuf,
        /// What changed, as the supervisor sees it before installing.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Choose the version the tills of one store are offered (also on the page /admin/versiones).
    Assign {
        #[arg(long)]
        store: String,
        #[arg(long)]
        version: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a person (or replace their name, password, role and stores). The password is read from
    /// CAJA_CENTRAL_PASSWORD or typed on standard input, never from the command line (which other
    /// users of the machine can read in the process list).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// chain-admin (every store) or store-manager (the --store ones).
        #[arg(long, value_parser = ["chain-admin", "store-manager"])]
        role: String,
        /// A store a store manager sees; repeat for several.
        #[arg(long = "store")]
        stores: Vec<String>,
    },
}

/// The new password: the environment first, else standard input (hidden when it is a terminal).
fn read_password() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if let Ok(password) = std::env::var("CAJA_CENTRAL_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password("Contraseña: ")?);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CAJA_CENTRAL_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let cli = Cli::parse();
    if let Command::Demo {
        data,
        listen,
        pg_port,
    } = &cli.command
    {
        return demo(data, *listen, *pg_port).await;
    }
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Demo { .. } => unreachable!("served above"),
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("cannot listen on {}", config.listen))?;
            let server = Server::start(config, listener).await?;
            println!("Caja Central escucha en {}", server.base_url());
            server.run_until_stopped().await;
        }
        Command::Migrate => {
            central::db::connect(&config).await?;
            println!("La base de datos está al día.");
        }
        Command::EnrollCode { store, till } => {
            let pool = central::db::connect(&config).await?;
            let code = central::auth::enroll::issue_code(&pool, &store, &till, "cli")
                .await
                .map_err(|failure| anyhow::anyhow!(failure.message))?;
            println!("{code}");
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    stores,
                },
        } => {
            let role = central::users::Role::parse(&role).context("a role")?;
            let password = read_password()?;
            let pool = central::db::connect(&config).await?;
            central::users::add_user(&pool, &email, &name, role, &stores, &password).await?;
            println!("Usuario {email} listo.");
        }
        Command::Release { command } => release(&config, command).await?,
    }
    Ok(())
}

async fn release(config: &Config, command: ReleaseCommand) -> anyhow::Result<()> {
    use central::updates::release;
    let pool = central::db::connect(config).await?;
    match command {
        ReleaseCommand::Publish {
            version,
            target,
            bundle,
            signature,
            notes,
        } => {
            let read = |path: &PathBuf| {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            };
            let new = release::NewRelease {
                version,
                target,
                notes,
                bundle: read(&bundle)?,
                signature: String::from_utf8(read(&signature)?)
                    .context("the signature file is not text")?,
            };
            let sha256 = release::publish(&pool, config.update_public_key.as_deref(), &new, "cli")
                .await
                .map_err(|failure| anyhow::anyhow!(failure.message))?;
            println!(
                "Versión {} ({}) publicada, firma verificada; SHA-256 {sha256}.",
                new.version, new.target
            );
        }
        ReleaseCommand::Assign { store, version } => {
            release::assign(&pool, &store, &version, "cli")
                .await
                .map_err(|failure| anyhow::anyhow!(failure.message))?;
            println!("La tienda {store} recibirá la versión {version}.");
        }
    }
    Ok(())
}

async fn demo(
    data: &std::path::Path,
    listen: std::net::SocketAddr,
    pg_port: u16,
) -> anyhow::Result<()> {
    let data = std::path::absolute(data)?;
    println!(
        "PostgreSQL de la demo en {} (puerto {pg_port})",
        data.display()
    );
    let (_cluster, database_url) = central::demo::database(&data, pg_port).await?;
    let config = central::demo::config(&database_url, listen);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let server = Server::start(config, listener).await?;
    if central::demo::seed(&server.state).await? {
        println!("Datos de demostración: tres tiendas, cinco cajas, el día de hoy.");
    }
    let code = central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "demo")
        .await
        .map_err(|failure| anyhow::anyhow!(failure.message))?;
    println!("Caja Central (demo) en {}", server.base_url());
    println!("Enrolar la caja T01/C1 de esta máquina:");
    println!(
        "  ./run cli central enroll --url {} {code}",
        server.base_url()
    );
    server.run_until_stopped().await;
    Ok(())
}
