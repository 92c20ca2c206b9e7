//! Where session files go and how they are written: atomically, through a temporary file in
//! the same directory that is flushed, synced and renamed over the target, keeping the
//! previous version as `<name>.bak`; the data directory with the autosave, the crash marker
//! and the recent files.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::{SessionError, SessionFile, to_text};

/// Writes a session atomically (see the module docs).
pub fn save(file: &SessionFile, path: &Path) -> Result<(), SessionError> {
    let text = to_text(file).map_err(|e| SessionError::Write {
        path: path.to_owned(),
        source: io::Error::other(e.to_string()),
    })?;
    write_atomically(path, text.as_bytes(), |f, bytes| f.write_all(bytes))
}

/// Writes `bytes` to `path` through a temporary file in the same directory, keeping the
/// previous version as `.bak`. `write` does the writing (tests pass one that fails midway);
/// if it fails, the old file is untouched and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SessionError> {
    let fail = |source| SessionError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(fail)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    let temp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        write(&mut file, bytes)?;
        file.flush()?;
        file.sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    if path.exists() {
        let backup = dir.join(format!("{file_name}.bak"));
        if let Err(e) = fs::copy(path, &backup) {
            let _ = fs::remove_file(&temp);
            return Err(fail(e));
        }
    }
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        fail(e)
    })?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Where the lab keeps autosaves and the list of recent files: `--saves DIR`, else the user's
/// data directory.
pub fn data_dir(override_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = override_dir {
        return dir.to_owned();
    }
    directories::ProjectDirs::from("org", "Delegate Lab", "Delegate Lab")
        .map(|p| p.data_dir().to_owned())
        .unwrap_or_else(|| PathBuf::from("delegate-lab-data"))
}

/// The autosave, written after every change, and the marker of a running lab.
pub struct Autosave {
    pub dir: PathBuf,
}

impl Autosave {
    pub fn file(&self) -> PathBuf {
        self.dir.join("autosave.ron")
    }

    fn marker(&self) -> PathBuf {
        self.dir.join("running.lock")
    }

    /// At start: true when the last run did not exit cleanly and left an autosave to resume.
    pub fn crashed(&self) -> bool {
        self.marker().exists() && self.file().exists()
    }

    /// Marks the lab as running (removed by [`Autosave::clean_exit`]).
    pub fn start(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        fs::write(
            self.marker(),
            b"Delegate Lab is running; this file goes at a clean exit.\n",
        )
    }

    pub fn clean_exit(&self) {
        let _ = fs::remove_file(self.marker());
    }

    pub fn write(&self, file: &SessionFile) -> Result<(), SessionError> {
        save(file, &self.file())
    }
}

/// The most recently opened or saved files, newest first, kept in the data directory.
pub fn recent(dir: &Path) -> Vec<PathBuf> {
    fs::read_to_string(dir.join("recent.ron"))
        .ok()
        .and_then(|text| ron::from_str::<Vec<PathBuf>>(&text).ok())
        .unwrap_or_default()
}

pub fn remember(dir: &Path, path: &Path) {
    let mut list = recent(dir);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    list.retain(|p| p != &path);
    list.insert(0, path);
    list.truncate(10);
    if let Ok(text) = ron::to_string(&list) {
        let _ = write_atomically(&dir.join("recent.ron"), text.as_bytes(), |f, b| {
            f.write_all(b)
        });
    }
}

/// A file name stem from any name (a session's, a capture's): letters and digits of any
/// script and '_' (every other run of characters becomes one '-'), so no name can reach
/// outside its directory or hide itself; `fallback` when nothing is left.
pub fn file_stem(name: &str, fallback: &str) -> String {
    let mut stem = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        fallback.to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_keep_letters_of_every_script_and_nothing_that_leaves_the_folder() {
        assert_eq!(
            file_stem("Delegates without EV", "session"),
            "Delegates-without-EV"
        );
        assert_eq!(file_stem("../..//x", "session"), "x");
        assert_eq!(
            file_stem("Übung: Stellvertreter", "session"),
            "Übung-Stellvertreter"
        );
        assert_eq!(file_stem("  ", "session"), "session");
        assert_eq!(file_stem("a_b--c", "session"), "a_b-c");
    }
}
