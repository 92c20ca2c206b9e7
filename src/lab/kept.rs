//! What the lab keeps of what it printed: the newest entries of an append-only list, up to a
//! number of lines in all, as a console keeps its scrollback. Whole entries go from the front
//! (the newest is always kept, however long), and the lab remembers how much went, so a
//! window can say that earlier output is no longer kept. Memory stays proportional to the
//! cap, not to every printout of a long session.

use std::sync::Arc;

/// How many lines an entry takes in a [`Kept`] list.
pub trait Lines {
    fn lines(&self) -> usize;
}

/// The newest entries, up to `cap` lines (see the module docs). Entries are shared with the
/// copies of the lab they were cloned from (the session's checkpoints) and never change.
#[derive(Clone)]
pub struct Kept<T> {
    /// Entries before `start` are no longer kept; they leave the vector in batches, so
    /// dropping one costs no shift of the others.
    entries: Vec<Arc<T>>,
    start: usize,
    /// Lines of `entries[start..]`.
    lines: usize,
    cap: usize,
    /// Entries and lines no longer kept.
    dropped: u64,
    dropped_lines: u64,
}

impl<T: Lines> Kept<T> {
    pub fn new(cap: usize) -> Self {
        Kept {
            entries: Vec::new(),
            start: 0,
            lines: 0,
            cap,
            dropped: 0,
            dropped_lines: 0,
        }
    }

    /// Adds the newest entry, and lets the oldest go while more than `cap` lines are kept.
    pub fn push(&mut self, entry: Arc<T>) {
        self.lines += entry.lines();
        self.entries.push(entry);
        while self.lines > self.cap && self.start + 1 < self.entries.len() {
            let lines = self.entries[self.start].lines();
            self.lines -= lines;
            self.dropped_lines += lines as u64;
            self.dropped += 1;
            self.start += 1;
        }
        // Once as many have gone as are kept, they leave the vector: amortised, no shift per push.
        if self.start > 0 && self.start >= self.entries.len() - self.start {
            self.entries.drain(..self.start);
            self.start = 0;
        }
    }

    /// The entries kept, oldest first.
    pub fn kept(&self) -> &[Arc<T>] {
        &self.entries[self.start..]
    }

    /// How many entries are no longer kept.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// How many lines are no longer kept.
    pub fn dropped_lines(&self) -> u64 {
        self.dropped_lines
    }

    /// The most lines kept (but for a newest entry longer than that).
    pub fn cap(&self) -> usize {
        self.cap
    }
}

/// Equal when they keep the same entries and let the same amount go (the vector's batches
/// are not part of what a list is).
impl<T: PartialEq> PartialEq for Kept<T> {
    fn eq(&self, other: &Self) -> bool {
        self.entries[self.start..] == other.entries[other.start..]
            && self.dropped == other.dropped
            && self.dropped_lines == other.dropped_lines
    }
}

impl<T: Eq> Eq for Kept<T> {}

/// As the list of entries kept — exactly a `Vec`'s form while nothing was let go, so a lab's
/// state (and its fingerprint) is what it was before lists were capped — then with how much
/// went.
impl<T: std::fmt::Debug> std::fmt::Debug for Kept<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = &self.entries[self.start..];
        if self.dropped == 0 {
            return f.debug_list().entries(kept).finish();
        }
        f.debug_struct("Kept")
            .field("dropped", &self.dropped)
            .field("dropped_lines", &self.dropped_lines)
            .field("entries", &kept)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Eq)]
    struct Printout(usize);

    impl Lines for Printout {
        fn lines(&self) -> usize {
            self.0
        }
    }

    fn kept(list: &Kept<Printout>) -> Vec<usize> {
        list.kept().iter().map(|p| p.0).collect()
    }

    #[test]
    fn whole_entries_go_from_the_front_and_what_went_is_counted() {
        let mut list = Kept::new(10);
        for n in [4, 4, 2] {
            list.push(Arc::new(Printout(n)));
        }
        assert_eq!(
            (kept(&list), list.dropped(), list.dropped_lines()),
            (vec![4, 4, 2], 0, 0)
        );
        list.push(Arc::new(Printout(3)));
        assert_eq!(
            (kept(&list), list.dropped(), list.dropped_lines()),
            (vec![4, 2, 3], 1, 4)
        );
        // The newest is kept whole, however long.
        list.push(Arc::new(Printout(25)));
        assert_eq!(
            (kept(&list), list.dropped(), list.dropped_lines()),
            (vec![25], 4, 13)
        );
    }

    #[test]
    fn a_list_that_let_nothing_go_reads_as_a_vec_and_one_that_did_says_so() {
        let mut list = Kept::new(3);
        list.push(Arc::new(Printout(1)));
        list.push(Arc::new(Printout(2)));
        assert_eq!(
            format!("{list:?}"),
            format!("{:?}", vec![Arc::new(Printout(1)), Arc::new(Printout(2))])
        );
        list.push(Arc::new(Printout(1)));
        assert_eq!(
            format!("{list:?}"),
            "Kept { dropped: 1, dropped_lines: 1, entries: [Printout(2), Printout(1)] }"
        );
    }

    #[test]
    fn batches_leaving_the_vector_change_nothing_that_shows() {
        let mut one = Kept::new(50);
        let mut other = Kept::new(50);
        for n in 0..1000 {
            one.push(Arc::new(Printout(n % 7 + 1)));
            if n >= 900 {
                other.push(Arc::new(Printout(n % 7 + 1)));
            }
        }
        assert!(one.entries.len() <= 2 * one.kept().len() + 1);
        assert_eq!(
            one.kept(),
            &other.kept()[other.kept().len() - one.kept().len()..]
        );
        let lines: usize = one.kept().iter().map(|p| p.0).sum();
        assert!(lines <= 50 && lines + 7 > 50, "{lines}");
    }
}
