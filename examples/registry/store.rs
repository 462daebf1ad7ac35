//! Where the registry keeps the patients and doses it accepted: in memory (the default) or in a
//! SQLite file (`--db FILE`), behind one trait, so that the code that keeps doses and answers
//! queries does not care which.
//!
//! A held patient is the PID (and PD1) first received for that person, and every dose (ORDER group:
//! ORC, RXA, RXR, OBX ...) accepted for them since, in the order received. Which held patient a new
//! message is about is decided by the caller with `iis::matching`, over [`Store::candidates`]: the
//! held patients the matcher could call a match or ask a person about, found by blocking keys
//! (an identifier, the birth year, the birth month and day) as a registry does, so that a message
//! does not read back every held patient.

use std::path::Path;

use chrono::Datelike;
use izmsg::model::message::{Order, Vxu};
use izmsg::model::segments::{Pd1, Pid};
use izmsg::model::{self, Message, Patient};

/// A held patient's key, unique within its store.
pub type Key = i64;

/// Why the store could not do what was asked (never holds patient data).
pub type StoreError = String;

/// One held patient: the PID and PD1 first received, and the doses accepted since.
pub struct Record {
    pub pid: Pid,
    pub pd1: Option<Pd1>,
    pub orders: Vec<Order>,
}

/// Accepted patients and their doses.
pub trait Store: Send {
    /// The held patients `iis::matching::score` could find a match for `chart` or ask a person
    /// about (see [`Block`]), with their keys: a superset, never missing one.
    fn candidates(&self, chart: &Patient) -> Result<Vec<(Key, Patient)>, StoreError>;
    /// One held patient with every dose accepted for them.
    fn record(&self, key: Key) -> Result<Record, StoreError>;
    /// Holds a new patient, without doses yet; its key.
    fn add_patient(&mut self, pid: &Pid, pd1: Option<&Pd1>) -> Result<Key, StoreError>;
    /// Adds accepted doses to a held patient.
    fn add_doses(&mut self, key: Key, orders: &[Order]) -> Result<(), StoreError>;
}

/// The store `--db` names, or memory.
pub fn open(db: Option<&Path>) -> Result<Box<dyn Store>, StoreError> {
    Ok(match db {
        Some(path) => Box::new(Sqlite::open(path)?),
        None => Box::new(Memory::default()),
    })
}

/// The blocking keys of a chart. `iis::matching` calls two patients no match when their birth
/// dates differ in more than one of year, month and day (unless an identifier agrees), so a held
/// patient can match only if it shares an identifier, has no birth date (or the chart has none),
/// was born the same year (a same-year date: equal, transposed, one part off, or a year-only
/// date), or on the same month and day (the year off).
pub struct Block<'a> {
    ids: Vec<&'a str>,
    /// `None`: the chart has no birth date, every held patient is a candidate.
    birth: Option<chrono::NaiveDate>,
}

impl<'a> Block<'a> {
    pub fn of(chart: &'a Patient) -> Block<'a> {
        Block {
            ids: chart.identifiers.iter().map(|i| i.id.as_str()).collect(),
            birth: chart.birth.map(|b| b.date),
        }
    }

    /// True when `held` may match.
    pub fn admits(&self, held: &Patient) -> bool {
        let Some(a) = self.birth else { return true };
        let Some(b) = held.birth.map(|b| b.date) else {
            return true;
        };
        a.year() == b.year()
            || (a.month(), a.day()) == (b.month(), b.day())
            || held
                .identifiers
                .iter()
                .any(|i| self.ids.contains(&i.id.as_str()))
    }
}

// ---------------------------------------------------------------------------------------------
// In memory

/// Patients in a vector, gone when the registry stops.
#[derive(Default)]
pub struct Memory {
    held: Vec<(Patient, Record)>,
}

impl Store for Memory {
    fn candidates(&self, chart: &Patient) -> Result<Vec<(Key, Patient)>, StoreError> {
        let block = Block::of(chart);
        Ok(self
            .held
            .iter()
            .enumerate()
            .filter(|(_, (patient, _))| block.admits(patient))
            .map(|(i, (patient, _))| (i as Key, patient.clone()))
            .collect())
    }

    fn record(&self, key: Key) -> Result<Record, StoreError> {
        let (_, r) = usize::try_from(key)
            .ok()
            .and_then(|i| self.held.get(i))
            .ok_or("no held patient with that key")?;
        Ok(Record {
            pid: r.pid.clone(),
            pd1: r.pd1.clone(),
            orders: r.orders.clone(),
        })
    }

    fn add_patient(&mut self, pid: &Pid, pd1: Option<&Pd1>) -> Result<Key, StoreError> {
        self.held.push((
            Patient::from_pid(pid, pd1),
            Record {
                pid: pid.clone(),
                pd1: pd1.cloned(),
                orders: Vec::new(),
            },
        ));
        Ok(self.held.len() as Key - 1)
    }

    fn add_doses(&mut self, key: Key, orders: &[Order]) -> Result<(), StoreError> {
        let (_, r) = usize::try_from(key)
            .ok()
            .and_then(|i| self.held.get_mut(i))
            .ok_or("no held patient with that key")?;
        r.orders.extend_from_slice(orders);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// SQLite

/// Patients and doses in a SQLite file, kept across restarts.
///
/// What is stored is the accepted HL7 itself, as ER7 text (standard delimiters, CR after each
/// segment), not the whole message: per patient the PID and PD1 segments first received, per
/// accepted dose the segments of its ORDER group (ORC, TQ1, RXA, RXR, OBX, NTE). That is exactly
/// what a Z32/Z42 answer sends back and what the matcher scores, and it reads back through the
/// crate's own decoder. The patient's identifiers, legal name, birth date and sex are also kept
/// as columns, from the same PID, so that a person can look the file over with `sqlite3`; the
/// registry answers from the segments.
///
/// ```sql
/// patient            (id INTEGER PRIMARY KEY, family, given, birth_date 'YYYY-MM-DD', sex,
///                     pid TEXT NOT NULL, pd1 TEXT)
/// patient_identifier (patient_id -> patient.id, id_number, authority, id_type)
/// dose               (id INTEGER PRIMARY KEY, patient_id -> patient.id, segments TEXT NOT NULL)
/// ```
pub struct Sqlite {
    db: rusqlite::Connection,
}

/// `PRAGMA user_version` of a file laid out as above.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE patient (
    id INTEGER PRIMARY KEY,
    family TEXT,
    given TEXT,
    birth_date TEXT,
    sex TEXT,
    pid TEXT NOT NULL,
    pd1 TEXT
);
CREATE TABLE patient_identifier (
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    id_number TEXT NOT NULL,
    authority TEXT,
    id_type TEXT
);
CREATE TABLE dose (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(id),
    segments TEXT NOT NULL
);
CREATE INDEX dose_patient ON dose(patient_id);
";

/// The header of the message a stored record is read back through (`model::decode`).
const READ_BACK_MSH: &str =
    "MSH|^~\\&|IZMSG-REGISTRY|STORE|||20000101||VXU^V04^VXU_V04|STORE|P|2.5.1\r";

impl Sqlite {
    /// Opens (or creates) the file and lays out the tables when it is new.
    pub fn open(path: &Path) -> Result<Sqlite, StoreError> {
        let at = |e: rusqlite::Error| format!("{}: {e}", path.display());
        let db = rusqlite::Connection::open(path).map_err(at)?;
        db.execute_batch("PRAGMA foreign_keys = ON;").map_err(at)?;
        let version: i64 = db
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(at)?;
        match version {
            0 => {
                let tables: i64 = db
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                    .map_err(at)?;
                if tables > 0 {
                    return Err(format!(
                        "{}: a SQLite file of something else (give a new file or one this registry wrote)",
                        path.display()
                    ));
                }
                db.execute_batch(&format!(
                    "BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                ))
                .map_err(at)?;
            }
            SCHEMA_VERSION => {}
            other => {
                return Err(format!(
                    "{}: layout version {other}, this registry reads version {SCHEMA_VERSION}",
                    path.display()
                ));
            }
        }
        Ok(Sqlite { db })
    }

    /// The PID and PD1 of a held patient, as stored.
    fn demographics(&self, key: Key) -> Result<(String, Option<String>), StoreError> {
        self.db
            .query_row("SELECT pid, pd1 FROM patient WHERE id = ?1", [key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| e.to_string())
    }
}

impl Store for Sqlite {
    fn candidates(&self, chart: &Patient) -> Result<Vec<(Key, Patient)>, StoreError> {
        // The blocking keys of `Block`, in SQL: only the rows they admit are read back.
        let block = Block::of(chart);
        let mut sql = String::from("SELECT id, pid, pd1 FROM patient");
        let mut args: Vec<String> = Vec::new();
        if let Some(birth) = block.birth {
            args.push(format!("{:04}", birth.year()));
            args.push(format!("{:02}-{:02}", birth.month(), birth.day()));
            sql.push_str(
                " WHERE birth_date IS NULL OR substr(birth_date, 1, 4) = ?1 \
                 OR substr(birth_date, 6, 5) = ?2",
            );
            if !block.ids.is_empty() {
                sql.push_str(
                    " OR id IN (SELECT patient_id FROM patient_identifier WHERE id_number IN (",
                );
                for (n, id) in block.ids.iter().enumerate() {
                    if n > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("?{}", n + 3));
                    args.push((*id).to_string());
                }
                sql.push_str("))");
            }
        }
        sql.push_str(" ORDER BY id");
        let mut statement = self.db.prepare(&sql).map_err(|e| e.to_string())?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, Key>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for row in rows {
            let (key, pid, pd1) = row.map_err(|e| e.to_string())?;
            let record = read_back(&pid, pd1.as_deref(), &[])?;
            let held = Patient::from_pid(&record.pid, record.pd1.as_ref());
            // The SQL is the coarse cut; the same test as the memory store decides.
            if block.admits(&held) {
                out.push((key, held));
            }
        }
        Ok(out)
    }

    fn record(&self, key: Key) -> Result<Record, StoreError> {
        let (pid, pd1) = self.demographics(key)?;
        let mut statement = self
            .db
            .prepare("SELECT segments FROM dose WHERE patient_id = ?1 ORDER BY id")
            .map_err(|e| e.to_string())?;
        let doses = statement
            .query_map([key], |r| r.get::<_, String>(0))
            .map_err(|e| e.to_string())?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| e.to_string())?;
        read_back(&pid, pd1.as_deref(), &doses)
    }

    fn add_patient(&mut self, pid: &Pid, pd1: Option<&Pd1>) -> Result<Key, StoreError> {
        let patient = Patient::from_pid(pid, pd1);
        let text = segments(Vxu {
            pid: Some(pid.clone()),
            pd1: pd1.cloned(),
            ..Vxu::default()
        });
        let line = |id: &str| {
            text.split('\r')
                .find(|s| s.starts_with(id))
                .map(str::to_string)
        };
        let name = patient.legal_name().or(patient.names.first());
        let tx = self.db.transaction().map_err(|e| e.to_string())?;
        tx.execute(
            "INSERT INTO patient (family, given, birth_date, sex, pid, pd1) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                name.map(|n| n.family.clone()),
                name.and_then(|n| n.given.clone()),
                patient.birth.map(|b| b.date.format("%Y-%m-%d").to_string()),
                patient.sex.map(|s| s.code().to_string()),
                line("PID|").unwrap_or_else(|| "PID".into()),
                line("PD1|"),
            ],
        )
        .map_err(|e| e.to_string())?;
        let key = tx.last_insert_rowid();
        for id in &patient.identifiers {
            let authority = id
                .authority
                .as_ref()
                .and_then(|a| a.local.clone().or(a.oid.clone()));
            tx.execute(
                "INSERT INTO patient_identifier (patient_id, id_number, authority, id_type) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![key, id.id, authority, id.id_type],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok(key)
    }

    fn add_doses(&mut self, key: Key, orders: &[Order]) -> Result<(), StoreError> {
        let tx = self.db.transaction().map_err(|e| e.to_string())?;
        for order in orders {
            let text = segments(Vxu {
                orders: vec![order.clone()],
                ..Vxu::default()
            });
            tx.execute(
                "INSERT INTO dose (patient_id, segments) VALUES (?1, ?2)",
                rusqlite::params![key, text],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())
    }
}

/// The segments of `vxu` after its MSH, as ER7 with a CR after each.
fn segments(vxu: Vxu) -> String {
    let bytes = Message::Vxu(Box::new(vxu)).encode();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = String::new();
    for segment in text
        .split('\r')
        .filter(|s| !s.is_empty() && !s.starts_with("MSH"))
    {
        out.push_str(segment);
        out.push('\r');
    }
    out
}

/// A stored record read back through the decoder: one VXU of the PID, the PD1 and every dose.
fn read_back(pid: &str, pd1: Option<&str>, doses: &[String]) -> Result<Record, StoreError> {
    let mut text = String::from(READ_BACK_MSH);
    for part in std::iter::once(pid).chain(pd1) {
        text.push_str(part.trim_end_matches('\r'));
        text.push('\r');
    }
    for dose in doses {
        text.push_str(dose);
    }
    let decoded = model::decode(text.as_bytes()).map_err(|e| format!("a stored record: {e}"))?;
    let Message::Vxu(vxu) = decoded.message else {
        return Err("a stored record does not read back as a VXU".into());
    };
    let vxu = *vxu;
    let pid = vxu.pid.ok_or("a stored record has no PID")?;
    if vxu.orders.len() != doses.len() {
        return Err(format!(
            "a stored record reads back with {} doses, {} were stored",
            vxu.orders.len(),
            doses.len()
        ));
    }
    Ok(Record {
        pid,
        pd1: vxu.pd1,
        orders: vxu.orders,
    })
}
